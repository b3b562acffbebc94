import { createHash } from 'node:crypto';
import { and, asc, eq, gt, gte, lt } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  CERTIFIED_TABLES,
  DEFAULT_TIME_ZONE,
  type CertifiedTable,
  type LedgerAction,
  type LedgerBreakReason,
  type LedgerSubjectType,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { brokenRows, rowDigest, type BrokenRow } from './certified.js';
import type { LedgerQuery } from './schemas.js';
import { ledgerEntries, ledgerHead } from './tables.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerEvent {
  action: LedgerAction;
  actorId: string | null;
  subjectType: LedgerSubjectType;
  subjectId: string;
  payload: Record<string, unknown>;
  /**
   * The certified row this decision writes (its digest is taken from the row as it is now, in
   * the same transaction), or whose certification it voids (`void`: a reopened score, a
   * withdrawn award).
   */
  certifies?: { table: CertifiedTable; rowId: string; void?: boolean } | undefined;
}

/** What an entry certifies, as stored: null columns when it certifies nothing. */
interface StoredCertificate {
  certTable: CertifiedTable | null;
  certRowId: string | null;
  certDigest: string | null;
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

type HashedEntry = Omit<LedgerEvent, 'certifies'> &
  Partial<StoredCertificate> & { seq: number; prevHash: string; at: Date };

export function entryHash(entry: HashedEntry): string {
  const certificate = entry.certTable
    ? { cert: { table: entry.certTable, rowId: entry.certRowId, digest: entry.certDigest ?? null } }
    : {};
  const canonical = canonicalJson({
    seq: entry.seq,
    prevHash: entry.prevHash,
    action: entry.action,
    actor: entry.actorId,
    subject: { type: entry.subjectType, id: entry.subjectId },
    payload: entry.payload,
    at: entry.at.toISOString(),
    ...certificate,
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
  const { certifies, ...decision } = event;
  const certificate: StoredCertificate = certifies
    ? {
        certTable: certifies.table,
        certRowId: certifies.rowId,
        certDigest: certifies.void ? null : await rowDigest(tx, certifies.table, certifies.rowId),
      }
    : { certTable: null, certRowId: null, certDigest: null };
  // Timestamps are stored with microseconds; milliseconds round-trip exactly.
  const stored = { ...decision, ...certificate, at: new Date(at.getTime()) };
  const payload = JSON.parse(JSON.stringify(event.payload)) as Record<string, unknown>;
  const hash = entryHash({ ...stored, payload, seq, prevHash });
  await tx.insert(ledgerEntries).values({ seq, prevHash, hash, ...stored, payload });
  await tx
    .insert(ledgerHead)
    .values({ id: 1, seq, hash })
    .onConflictDoUpdate({ target: ledgerHead.id, set: { seq, hash } });
  return { seq, hash };
}

/**
 * A person's decision, recorded in the caller's transaction: the entry names the actor. Use it
 * for every human action (`appendLedger` with a null actor is for what the platform does itself).
 */
export async function recordDecision(
  tx: Db,
  actor: Pick<Actor, 'sub'>,
  event: Omit<LedgerEvent, 'actorId'>,
  at: Date,
): Promise<{ seq: number; hash: string }> {
  return appendLedger(tx, { ...event, actorId: actor.sub }, at);
}

/**
 * A compact record of the rows a batch operation wrote: how many, and the SHA-256 of their
 * sorted lines (each row's ids joined by ':'), so that the entry stays small however large the
 * batch is and the rows can still be checked against it.
 */
export function rowListDigest(rows: readonly (readonly string[])[]): { count: number; sha256: string } {
  return lineListDigest(rows.map((row) => row.join(':')));
}

/**
 * {@link rowListDigest} of rows already joined with `:`: the lines are hashed one by one, never
 * joined into one string (100,000 assignments would make it 11 MB).
 */
export function lineListDigest(lines: readonly string[]): { count: number; sha256: string } {
  const digest = sortedLineDigest();
  [...lines].sort().forEach((line) => digest.add(line));
  return digest.result();
}

/**
 * {@link lineListDigest} hashed as the lines come, already in order: a writer that makes its rows
 * in the digest's order (ascending ids) holds no line.
 */
export function sortedLineDigest(): { add(line: string): void; result(): { count: number; sha256: string } } {
  const hash = createHash('sha256');
  let count = 0;
  return {
    add(line) {
      hash.update(count === 0 ? line : `\n${line}`, 'utf8');
      count += 1;
    },
    result: () => ({ count, sha256: hash.digest('hex') }),
  };
}

export interface LedgerVerification {
  valid: boolean;
  entries: number;
  headHash: string;
  /** The first entry whose link or content does not match, with why. */
  firstBroken: { seq: number; reason: LedgerBreakReason } | null;
  /** Live certified rows that disagree with their entries (at most ROWS_REPORTED per table). */
  brokenRows: BrokenRow[];
}

/** Broken rows reported per certified table: enough to act on, never an unbounded answer. */
const ROWS_REPORTED = 100;

type EntryRow = typeof ledgerEntries.$inferSelect;

/** Why the entry does not continue the chain verified so far, or null when it does. */
function brokenLink(row: EntryRow, expectedSeq: number, prevHash: string): LedgerBreakReason | null {
  if (row.seq !== expectedSeq) return 'seq_gap';
  if (row.prevHash !== prevHash) return 'prev_hash_mismatch';
  return entryHash(row) === row.hash ? null : 'hash_mismatch';
}

/**
 * Recomputes the whole chain and the digests of the live certified rows: reports the first
 * broken link and every row that no longer matches the entry that certifies it.
 */
export async function verifyLedger(db: Db): Promise<LedgerVerification> {
  const rows: BrokenRow[] = [];
  for (const table of CERTIFIED_TABLES) rows.push(...(await brokenRows(db, table, ROWS_REPORTED)));
  const chain = await verifyChain(db);
  return { ...chain, valid: chain.valid && rows.length === 0, brokenRows: rows };
}

/** Recomputes the whole chain in pages and reports the first broken link. */
async function verifyChain(db: Db): Promise<Omit<LedgerVerification, 'brokenRows'>> {
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

const ROW_PROBLEM_CODES = {
  altered: 'LEDGER_ROW_ALTERED',
  unrecorded: 'LEDGER_ROW_UNRECORDED',
  deleted: 'LEDGER_ROW_DELETED',
} as const;

/**
 * Refuses (409 LEDGER_BROKEN) a computation that would build on decisions the ledger does not
 * vouch for: ranking, advancement and award allocation. The problem names each broken row
 * (`/ledger/<table>/<row id>`) and the first broken link of the chain.
 */
export async function assertLedgerIntact(db: Db): Promise<void> {
  const verification = await verifyLedger(db);
  if (verification.valid) return;
  const { firstBroken } = verification;
  throw new DomainError('LEDGER_BROKEN', 409, {
    params: { rows: verification.brokenRows.length, seq: firstBroken?.seq ?? '-' },
    fields: [
      ...(firstBroken
        ? [
            {
              path: `/ledger/entries/${firstBroken.seq}`,
              code: 'LEDGER_CHAIN_BROKEN' as const,
              params: { seq: firstBroken.seq, breakReason: firstBroken.reason },
            },
          ]
        : []),
      ...verification.brokenRows.map((row) => ({
        path: `/ledger/${row.table}/${row.rowId}`,
        code: ROW_PROBLEM_CODES[row.problem],
        params: { table: row.table, rowId: row.rowId, seq: row.seq ?? '-' },
      })),
    ],
  });
}

/**
 * Ledger entries in chain order, a page at a time, with the actor's name, filtered by action,
 * actor, subject and time. Entries span editions (and some have none): they are presented in
 * the platform's default time zone.
 */
export async function listLedger(deps: Deps, query: Static<typeof LedgerQuery>) {
  const afterSeq = query.cursor ? decodeCursor(query.cursor, ['integer'])[0] : 0;
  const filters = and(
    query.action ? eq(ledgerEntries.action, query.action) : undefined,
    query.actorId ? eq(ledgerEntries.actorId, query.actorId) : undefined,
    query.subjectType ? eq(ledgerEntries.subjectType, query.subjectType) : undefined,
    query.subjectId ? eq(ledgerEntries.subjectId, query.subjectId) : undefined,
    query.from ? gte(ledgerEntries.at, new Date(query.from)) : undefined,
    query.to ? lt(ledgerEntries.at, new Date(query.to)) : undefined,
  );
  const rows = await deps.db
    .select({ entry: ledgerEntries, actorName: users.displayName })
    .from(ledgerEntries)
    .leftJoin(users, eq(users.id, ledgerEntries.actorId))
    .where(and(gt(ledgerEntries.seq, afterSeq), filters))
    .orderBy(asc(ledgerEntries.seq))
    .limit(query.limit + 1);
  const total = await deps.db.$count(ledgerEntries, filters);
  return toPage(
    rows,
    query.limit,
    ({ entry: { certTable, certRowId, certDigest, ...row }, actorName }) => ({
      ...row,
      actorName,
      at: isoInZone(row.at, DEFAULT_TIME_ZONE),
      certifies: certTable && certRowId ? { table: certTable, rowId: certRowId, digest: certDigest } : null,
    }),
    (row) => [row.entry.seq],
    total,
  );
}
