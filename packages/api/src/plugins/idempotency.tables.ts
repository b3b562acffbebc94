import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Responses to writes sent with an Idempotency-Key, kept so a retried request gets the same answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The caller's user id, or `anonymous`: keys are scoped per caller. */
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    /** Null while the first request is still being handled. */
    statusCode: integer(),
    contentType: text(),
    responseBody: text(),
    /** From deps.clock; the row expires IDEMPOTENCY_TTL_HOURS later. */
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] }), index().on(table.createdAt)],
);
