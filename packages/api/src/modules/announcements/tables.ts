import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';

/**
 * An edition's announcements (通知公告), in Chinese and optionally English: public once published,
 * pinned ones first.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    titleZh: text().notNull(),
    titleEn: text(),
    bodyZh: text().notNull(),
    bodyEn: text(),
    pinned: boolean().notNull().default(false),
    /** Null while a draft, seen by organizers only. */
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index('announcements_edition').on(table.editionId, table.publishedAt)],
);
