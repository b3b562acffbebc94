export * from './domain/competition.js';
export * from './i18n/messages.js';
export * from './rules/violation.js';
export * from './rules/category.js';
export * from './rules/timeline.js';
export * from './rules/credit-code.js';
export * from './rules/team.js';
