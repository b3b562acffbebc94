import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A person with a login. `role` is one of shared ROLES. */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text(),
    mobile: text(),
    passwordHash: text().notNull(),
    displayName: text().notNull(),
    role: text().notNull().default('participant'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex('users_email_unique').on(sql`lower(${table.email})`),
    uniqueIndex('users_mobile_unique').on(table.mobile),
    check('users_has_login', sql`${table.email} is not null or ${table.mobile} is not null`),
    check('users_role_known', sql`${table.role} in ('admin', 'expert', 'participant')`),
  ],
);
