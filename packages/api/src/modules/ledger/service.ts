import { createHash } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { ledgerEntries, ledgerHead } from './tables.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerEvent {
  action: string;
  actorId: string | null;
  subjectType: string;
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
 * together). Locking the head row serializes appends: the chain never forks.
 */
export async function appendLedger(
  tx: Database,
  event: LedgerEvent,
  now: Date,
): Promise<{ seq: number; hash: string }> {
  const [head] = await tx.select().from(ledgerHead).where(eq(ledgerHead.id, 1)).for('update');
  const prevHash = head?.hash ?? GENESIS_HASH;
  const seq = (head?.seq ?? 0) + 1;
  // Timestamps are stored with microseconds; milliseconds round-trip exactly.
  const at = new Date(now.getTime());
  const payload = JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>;
  const hash = entryHash({ ...event, payload, seq, prevHash, at });
  await tx.insert(ledgerEntries).values({ seq, prevHash, hash, ...event, payload, at });
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
  firstBroken: { seq: number; reason: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch' } | null;
}

/** Recomputes the whole chain in pages and reports the first broken link. */
export async function verifyLedger(db: Database): Promise<LedgerVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const pageSize = 1000;
  for (;;) {
    const rows = await db
      .select()
      .from(ledgerEntries)
      .where(gt(ledgerEntries.seq, expectedSeq - 1))
      .orderBy(asc(ledgerEntries.seq))
      .limit(pageSize);
    for (const row of rows) {
      const broken = (reason: NonNullable<LedgerVerification['firstBroken']>['reason']): LedgerVerification => ({
        valid: false,
        entries: count,
        headHash: prevHash,
        firstBroken: { seq: row.seq, reason },
      });
      if (row.seq !== expectedSeq)
        return { ...broken('seq_gap'), firstBroken: { seq: expectedSeq, reason: 'seq_gap' } };
      if (row.prevHash !== prevHash) return broken('prev_hash_mismatch');
      const recomputed = entryHash({
        seq: row.seq,
        prevHash: row.prevHash,
        action: row.action,
        actorId: row.actorId,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        payload: row.payload,
        at: row.at,
      });
      if (recomputed !== row.hash) return broken('hash_mismatch');
      prevHash = row.hash;
      expectedSeq++;
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

export async function listLedger(db: Database, options: { limit: number; afterSeq: number }) {
  return db
    .select()
    .from(ledgerEntries)
    .where(gt(ledgerEntries.seq, options.afterSeq))
    .orderBy(asc(ledgerEntries.seq))
    .limit(options.limit + 1);
}
