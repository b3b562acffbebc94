/** The whole database shape: every module's drizzle tables, for the client and drizzle-kit. */
export * from '../plugins/idempotency.schema.js';
export * from '../modules/editions/schema.js';
export * from '../modules/accounts/schema.js';
export * from '../modules/files/schema.js';
export * from '../modules/teams/schema.js';
export * from '../modules/projects/schema.js';
export * from '../modules/experts/schema.js';
export * from '../modules/review/schema.js';
export * from '../modules/awards/schema.js';
export * from '../modules/ledger/schema.js';
