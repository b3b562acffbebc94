import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';

/** A person with a login. */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text(),
    mobile: text(),
    passwordHash: text().notNull(),
    displayName: text().notNull(),
    role: text({ enum: ROLES }).notNull().default('participant'),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    disabledAt: timestamp({ withTimezone: true }),
    /** When the owner of the email or mobile confirmed it; null until the sign-up code is confirmed. */
    verifiedAt: timestamp({ withTimezone: true }).defaultNow(),
    /** SHA-256 of the pending sign-up code (or contact-change code), and when it stops working. */
    verificationCodeHash: text(),
    verificationExpiresAt: timestamp({ withTimezone: true }),
    /** A new email or mobile the person asked to change to, waiting for the code sent to it. */
    pendingContact: text(),
  },
  (table) => [
    uniqueIndex('users_email_unique').on(sql`lower(${table.email})`),
    uniqueIndex('users_mobile_unique').on(table.mobile),
    check('users_has_login', sql`${table.email} is not null or ${table.mobile} is not null`),
    checkOneOf('users_role_known', table.role, ROLES),
  ],
);

/**
 * Refresh tokens, stored as SHA-256 hashes. Each login starts a family; each refresh rotates the
 * token (the old one gets `rotatedAt`). Presenting a rotated token again revokes the whole family.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    rotatedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index('refresh_tokens_family').on(table.familyId), index('refresh_tokens_user').on(table.userId)],
);

/** What a password link is for: a reset asked for by its owner, or an organizer's invitation. */
export const PASSWORD_TOKEN_PURPOSES = ['reset', 'invitation'] as const;

/**
 * One-time links to choose a password (password reset, expert invitation), stored as SHA-256
 * hashes. A link works once and until `expiresAt`; a newer link of the same account replaces it.
 */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text({ enum: PASSWORD_TOKEN_PURPOSES }).notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('password_tokens_user').on(table.userId),
    checkOneOf('password_tokens_purpose_known', table.purpose, PASSWORD_TOKEN_PURPOSES),
  ],
);
