/** The whole database shape: every module's drizzle tables, for the client and drizzle-kit. */
export * from '../plugins/idempotency.tables.js';
export * from '../modules/editions/tables.js';
export * from '../modules/accounts/tables.js';
export * from '../modules/files/tables.js';
export * from '../modules/teams/tables.js';
export * from '../modules/projects/tables.js';
export * from '../modules/experts/tables.js';
export * from '../modules/review/tables.js';
export * from '../modules/awards/tables.js';
export * from '../modules/ledger/tables.js';
export * from '../modules/messages/tables.js';
export * from '../modules/privacy/tables.js';
export * from '../modules/jobs/tables.js';
export * from '../modules/recommendations/tables.js';
export * from '../modules/announcements/tables.js';
export * from '../modules/feedback/tables.js';
export * from '../modules/webhooks/tables.js';
