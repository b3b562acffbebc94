import { createHash } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import type { Static } from 'typebox';
import { DEFAULT_TIME_ZONE, type LedgerAction, type LedgerBreakReason, type LedgerSubjectType } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import type { PageQuery } from '../../lib/http-schemas.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isoInZone } from '../../lib/time.js';
import { ledgerEntries, ledgerHead } from './tables.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerEvent {
  action: LedgerAction;
  actorId: string | null;
  subjectType: LedgerSubjectType;
  subjectId: string;
  payload: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so equal content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function entryHash(entry: LedgerEvent & { seq: number; prevHash: string; at: Date }): string {
  const canonical = canonicalJson({
    seq: entry.seq,
    prevHash: entry.prevHash,
    action: entry.action,
    actor: entry.actorId,
    subject: { type: entry.subjectType, id: entry.subjectId },
    payload: entry.payload,
    at: entry.at.toISOString(),
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Appends an entry inside the caller's transaction (so the decision and its record commit
 * together), dated `at`: the instant of the decision it records. Locking the head row serializes
 * appends: the chain never forks.
 */
export async function appendLedger(tx: Db, event: LedgerEvent, at: Date): Promise<{ seq: number; hash: string }> {
  const [head] = await tx.select().from(ledgerHead).where(eq(ledgerHead.id, 1)).for('update');
  const prevHash = head?.hash ?? GENESIS_HASH;
  const seq = (head?.seq ?? 0) + 1;
  // Timestamps are stored with microseconds; milliseconds round-trip exactly.
  const stored = { ...event, at: new Date(at.getTime()) };
  const payload = JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>;
  const hash = entryHash({ ...stored, payload, seq, prevHash });
  await tx.insert(ledgerEntries).values({ seq, prevHash, hash, ...stored, payload });
  await tx
    .insert(ledgerHead)
    .values({ id: 1, seq, hash })
    .onConflictDoUpdate({ target: ledgerHead.id, set: { seq, hash } });
  return { seq, hash };
}

export interface LedgerVerification {
  valid: boolean;
  entries: number;
  headHash: string;
  /** The first entry whose link or content does not match, with why. */
  firstBroken: { seq: number; reason: LedgerBreakReason } | null;
}

type EntryRow = typeof ledgerEntries.$inferSelect;

/** Why the entry does not continue the chain verified so far, or null when it does. */
function brokenLink(row: EntryRow, expectedSeq: number, prevHash: string): LedgerBreakReason | null {
  if (row.seq !== expectedSeq) return 'seq_gap';
  if (row.prevHash !== prevHash) return 'prev_hash_mismatch';
  return entryHash(row) === row.hash ? null : 'hash_mismatch';
}

/** Recomputes the whole chain in pages and reports the first broken link. */
export async function verifyLedger(deps: Deps): Promise<LedgerVerification> {
  const { db } = deps;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const pageSize = 1000;
  for (;;) {
    const rows = await db
      .select()
      .from(ledgerEntries)
      .where(gt(ledgerEntries.seq, count))
      .orderBy(asc(ledgerEntries.seq))
      .limit(pageSize);
    for (const row of rows) {
      const reason = brokenLink(row, count + 1, prevHash);
      if (reason) {
        // A gap is reported at the missing seq; any other break at the entry itself.
        const seq = reason === 'seq_gap' ? count + 1 : row.seq;
        return { valid: false, entries: count, headHash: prevHash, firstBroken: { seq, reason } };
      }
      prevHash = row.hash;
      count++;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await db.select().from(ledgerHead).where(eq(ledgerHead.id, 1));
  if (head && (head.seq !== count || head.hash !== prevHash)) {
    return {
      valid: false,
      entries: count,
      headHash: prevHash,
      firstBroken: { seq: count + 1, reason: 'head_mismatch' },
    };
  }
  return { valid: true, entries: count, headHash: prevHash, firstBroken: null };
}

/**
 * Ledger entries in chain order, a page at a time. Entries span editions (and some have none):
 * they are presented in the platform's default time zone.
 */
export async function listLedger(deps: Deps, page: Static<typeof PageQuery>) {
  const afterSeq = page.cursor ? decodeCursor(page.cursor, ['integer'])[0] : 0;
  const rows = await deps.db
    .select()
    .from(ledgerEntries)
    .where(gt(ledgerEntries.seq, afterSeq))
    .orderBy(asc(ledgerEntries.seq))
    .limit(page.limit + 1);
  return toPage(
    rows,
    page.limit,
    (row) => ({ ...row, at: isoInZone(row.at, DEFAULT_TIME_ZONE) }),
    (row) => [row.seq],
  );
}
