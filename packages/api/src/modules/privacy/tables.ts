import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import {
  CONSENT_SCOPES,
  MAX_RETENTION_DAYS,
  PERSONAL_DATA_ACCESS_KINDS,
  STUDENT_ID_RETENTION_ANCHORS,
} from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';

/**
 * One version of an edition's privacy notice 隐私政策 in zh-CN and English. Versions are never
 * changed: an organizer's edit publishes the next version, and everyone is asked again.
 */
export const privacyNotices = pgTable(
  'privacy_notices',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    textZh: text().notNull(),
    textEn: text().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    publishedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [unique('privacy_notices_edition_version').on(table.editionId, table.version)],
);

/** A person's consent to one version of a notice, for one scope (`CONSENT_SCOPES`), and when. */
export const privacyConsents = pgTable(
  'privacy_consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    noticeId: uuid()
      .notNull()
      .references(() => privacyNotices.id, { onDelete: 'cascade' }),
    scope: text({ enum: CONSENT_SCOPES }).notNull(),
    givenAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('privacy_consents_once').on(table.userId, table.noticeId, table.scope),
    index('privacy_consents_user').on(table.userId),
    checkOneOf('privacy_consents_scope_known', table.scope, CONSENT_SCOPES),
  ],
);

/**
 * The right to see personal contacts unmasked (`personalData.view`), granted to an organizer by a
 * platform organizer: without it lists and exports show `138****0001`; with it the organizer may
 * reveal a person's contact or export contacts, each time with a reason that is logged.
 */
export const personalDataGrants = pgTable('personal_data_grants', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  grantedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  grantedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * Every access to someone's unmasked personal information (个人信息保护法 §51): who (`actorUserId`),
 * whose (`subjectUserId`), what (`kind`, `resource`), why (`reason`) and when. The person reads
 * the entries about them in their own copy of their data.
 */
export const personalDataAccessLog = pgTable(
  'personal_data_access_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    subjectUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text({ enum: PERSONAL_DATA_ACCESS_KINDS }).notNull(),
    resource: text().notNull(),
    reason: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('personal_data_access_log_subject').on(table.subjectUserId, table.at),
    index('personal_data_access_log_actor').on(table.actorUserId, table.at),
    checkOneOf('personal_data_access_log_kind_known', table.kind, PERSONAL_DATA_ACCESS_KINDS),
  ],
);

/**
 * How long an edition keeps personal information once its purpose is fulfilled (个人信息保护法
 * §19), set by its organizers: a null period keeps it. Applied by the retention job (./retention.ts).
 */
export const retentionPolicies = pgTable(
  'retention_policies',
  {
    editionId: uuid()
      .primaryKey()
      .references(() => editions.id, { onDelete: 'cascade' }),
    /** Days student ID images are kept after `studentIdImageAnchor`. */
    studentIdImageDays: integer(),
    studentIdImageAnchor: text({ enum: STUDENT_ID_RETENTION_ANCHORS }).notNull().default('qualification'),
    /** Days the mobile number of a participant who left is kept after the edition was closed (archived). */
    departedMobileDays: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [
    checkOneOf('retention_policies_anchor_known', table.studentIdImageAnchor, STUDENT_ID_RETENTION_ANCHORS),
    check(
      'retention_policies_days_range',
      sql`${table.studentIdImageDays} between 0 and ${sql.raw(String(MAX_RETENTION_DAYS))}
        and ${table.departedMobileDays} between 0 and ${sql.raw(String(MAX_RETENTION_DAYS))}`,
    ),
  ],
);
