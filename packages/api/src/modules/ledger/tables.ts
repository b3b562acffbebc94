import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CERTIFIED_TABLES, LEDGER_ACTIONS, LEDGER_SUBJECT_TYPES } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';

/**
 * The append-only, hash-chained audit ledger of review decisions: each entry's `hash` is the
 * SHA-256 of a canonical JSON of (seq, prevHash, action, actor, subject, payload, at), and
 * `prevHash` is the previous entry's hash. `seq` is the primary key, so the chain cannot fork.
 * An entry that decides a certified row (a score, a qualification decision, an award) names it
 * (`certTable`, `certRowId`) with the digest of its certified content (`certDigest`; null when
 * the decision voids the row's certification, e.g. a reopened score): the hash covers them, and
 * verification compares each live row with the last entry that names it.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    seq: bigint({ mode: 'number' }).primaryKey(),
    prevHash: text().notNull(),
    hash: text().notNull().unique('ledger_entries_hash_unique'),
    action: text({ enum: LEDGER_ACTIONS }).notNull(),
    actorId: uuid(),
    subjectType: text({ enum: LEDGER_SUBJECT_TYPES }).notNull(),
    subjectId: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    certTable: text({ enum: CERTIFIED_TABLES }),
    certRowId: text(),
    certDigest: text(),
  },
  (table) => [
    checkOneOf('ledger_entries_action_known', table.action, LEDGER_ACTIONS),
    checkOneOf('ledger_entries_subject_type_known', table.subjectType, LEDGER_SUBJECT_TYPES),
    checkOneOf('ledger_entries_cert_table_known', table.certTable, CERTIFIED_TABLES),
    check(
      'ledger_entries_cert_names_row',
      sql`(${table.certTable} is null) = (${table.certRowId} is null) and (${table.certTable} is not null or ${table.certDigest} is null)`,
    ),
    index('ledger_entries_cert_row').on(table.certTable, table.certRowId, table.seq),
    index('ledger_entries_actor').on(table.actorId, table.seq),
    index('ledger_entries_subject').on(table.subjectType, table.subjectId, table.seq),
  ],
);

/** The chain's head, one row locked FOR UPDATE by every append so appends are serialized. */
export const ledgerHead = pgTable(
  'ledger_head',
  {
    id: integer().primaryKey().default(1),
    seq: bigint({ mode: 'number' }).notNull().default(0),
    hash: text().notNull(),
  },
  (table) => [check('ledger_head_single_row', sql`${table.id} = 1`)],
);
