import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { CONSENT_SCOPES } from '@saishi/shared';
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
