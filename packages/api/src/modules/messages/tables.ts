import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { DELIVERY_CHANNELS, DELIVERY_STATES, LOCALES, NOTIFICATION_KINDS } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';
import { reviewRounds } from '../review/tables.js';
import { teams } from '../teams/tables.js';

/** The locales are not plain codes (`zh-CN`), so not a `checkOneOf`. */
const localeKnown = (name: string, column: AnyPgColumn) =>
  check(name, sql`${column} in (${sql.raw(LOCALES.map((locale) => `'${locale}'`).join(', '))})`);

/**
 * What the platform told someone: the in-app inbox entry, and the record of every message sent.
 * `userId` is null only for a message to an address without an account yet (a sign-up code).
 * `body` is the plain text as rendered, with secrets (codes, links with tokens) masked.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
    locale: text({ enum: LOCALES }).notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /** The template's parameters, secrets left out (they travel in the delivery job only). */
    params: jsonb().$type<Record<string, string>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('notifications_user').on(table.userId, table.createdAt),
    checkOneOf('notifications_kind_known', table.kind, NOTIFICATION_KINDS),
    localeKnown('notifications_locale_known', table.locale),
  ],
);

/** One e-mail or SMS of a notification, delivered by a job of `messages.deliver`. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: text({ enum: DELIVERY_CHANNELS }).notNull(),
    /** The e-mail address or mobile number it went to. */
    recipient: text().notNull(),
    state: text({ enum: DELIVERY_STATES }).notNull(),
    attempts: integer().notNull().default(0),
    /** Why the last try failed. */
    error: text(),
    jobId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('deliveries_notification').on(table.notificationId),
    index('deliveries_created').on(table.createdAt),
    checkOneOf('deliveries_channel_known', table.channel, DELIVERY_CHANNELS),
    checkOneOf('deliveries_state_known', table.state, DELIVERY_STATES),
  ],
);

/** A person's choices: language of messages, and whether non-essential ones go by e-mail and SMS. */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    locale: text({ enum: LOCALES }).notNull(),
    email: boolean().notNull().default(true),
    sms: boolean().notNull().default(true),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [localeKnown('notification_settings_locale_known', table.locale)],
);

/**
 * The collection reminders sent (7 and 1 days before the deadline): one row per team and lead
 * time, so that each is sent once whatever the number of instances or runs.
 */
export const collectionReminders = pgTable(
  'collection_reminders',
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    daysBefore: integer().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.daysBefore] })],
);

/**
 * The due reminders sent to experts with projects of a round not yet scored (3 and 1 days before
 * the end of the round's stage): one row per round, expert and lead time, so that each is sent
 * once whatever the number of instances or runs.
 */
export const reviewReminders = pgTable(
  'review_reminders',
  {
    roundId: uuid()
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    expertUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    daysBefore: integer().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'review_reminders_pkey', columns: [table.roundId, table.expertUserId, table.daysBefore] }),
  ],
);
