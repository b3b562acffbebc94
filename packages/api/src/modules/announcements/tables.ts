import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';
import { storedFiles } from '../files/tables.js';

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

/**
 * The files attached to an announcement: downloadable by anyone once it is published. Deleting
 * the announcement or the attachment discards the stored file too (announcements/service).
 */
export const announcementAttachments = pgTable(
  'announcement_attachments',
  {
    announcementId: uuid()
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    fileId: uuid()
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ name: 'announcement_attachments_pkey', columns: [table.announcementId, table.fileId] })],
);
