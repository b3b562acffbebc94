import { bigint, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';

/** An uploaded file's metadata; the bytes live in the storage backend under `storageKey`. */
export const storedFiles = pgTable('stored_files', {
  id: uuid().primaryKey().defaultRandom(),
  storageKey: text().notNull().unique(),
  originalName: text().notNull(),
  /** Detected from the content's magic bytes, never taken from the client. */
  mimeType: text().notNull(),
  sizeBytes: bigint({ mode: 'number' }).notNull(),
  sha256: text().notNull(),
  uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  /**
   * Set in the transaction that replaced or removed the document: the bytes are deleted once it
   * has committed, and the row with them; a sweep finishes what a crash interrupted.
   */
  discardedAt: timestamp({ withTimezone: true }),
});
