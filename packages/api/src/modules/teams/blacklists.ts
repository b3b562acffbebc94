import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  BLACKLIST_LIST_KINDS,
  DEFAULT_TIME_ZONE,
  checkCreditCode,
  formatMessage,
  normalizeCreditCode,
  type BlacklistListKind,
  type ErrorCode,
  type Locale,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isoInZone } from '../../lib/time.js';
import type { IncomingFile } from '../files/service.js';
import { recordDecision, rowListDigest } from '../ledger/service.js';
import { notifyTeam } from '../messages/audience.js';
import { withdrawFlaggedTeams } from '../review/flagged-teams.js';
import type { FileRow } from './blacklist-files.js';
import { readImportRows } from './blacklist-worker.js';
import type { BlacklistQuery } from './schemas.js';
import { blacklistEntries, teams, teamUnits, units } from './tables.js';

export { MAX_IMPORT_BYTES } from './blacklist-files.js';

/**
 * The 信用中国 lists (R-SOC-3): organizers preview and import list files; teams with a listed
 * unit are flagged for review.
 */

/** The 信用中国 list names as they appear in exported files, and the codes themselves. */
const LIST_KIND_ALIASES: Record<string, BlacklistListKind> = {
  ...Object.fromEntries(BLACKLIST_LIST_KINDS.map((kind) => [kind, kind])),
  失信被执行人: 'dishonest_debtor',
  重大税收违法案件当事人: 'major_tax_violation',
  重大税收违法失信主体: 'major_tax_violation',
  政府采购严重违法失信行为记录名单: 'procurement_dishonesty',
  政府采购严重违法失信: 'procurement_dishonesty',
};

interface RowReportBase {
  row: number;
  creditCode: string;
  name: string;
  sourceDate: string;
  errors: { field: string; code: string; message: string }[];
  /** Teams (any edition) that have a unit with this credit code and would be flagged (R-SOC-3). */
  affectedTeamIds: string[];
}

/** A row that can be imported: its list kind is known. */
export interface ValidRowReport extends RowReportBase {
  valid: true;
  listKind: BlacklistListKind;
}

/** A refused row keeps what the file said, for the report. */
export interface InvalidRowReport extends RowReportBase {
  valid: false;
  listKind: string;
}

export type RowReport = ValidRowReport | InvalidRowReport;

const isValid = (report: RowReport): report is ValidRowReport => report.valid;

function normalizeDate(value: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Checks one row; `seen` remembers the first line of each (credit code, list kind) to refuse repeats. */
function checkRow({ line, raw }: FileRow, seen: Map<string, number>, locale: Locale): RowReport {
  const errors: RowReport['errors'] = [];
  const add = (field: string, code: ErrorCode, params: Record<string, string | number> = {}) =>
    errors.push({ field, code, message: formatMessage(code, locale, params) });
  const creditCode = normalizeCreditCode(raw.creditCode ?? '');
  for (const violation of checkCreditCode(creditCode)) add('creditCode', violation.code, violation.params);
  const name = raw.name ?? '';
  if (!name) add('name', 'BLACKLIST_NAME_REQUIRED');
  const kind = LIST_KIND_ALIASES[(raw.listKind ?? '').trim()];
  if (!kind) add('listKind', 'BLACKLIST_LIST_KIND_UNKNOWN', { kind: raw.listKind ?? '' });
  const sourceDate = normalizeDate(raw.sourceDate ?? '');
  if (!sourceDate) add('sourceDate', 'BLACKLIST_DATE_INVALID', { value: raw.sourceDate ?? '' });
  const key = `${creditCode}|${kind}`;
  const earlier = seen.get(key);
  if (earlier !== undefined && errors.length === 0) add('creditCode', 'BLACKLIST_DUPLICATE_ROW', { row: earlier });
  else seen.set(key, line);
  const common = { row: line, creditCode, name, errors, affectedTeamIds: [] };
  return kind && sourceDate && errors.length === 0
    ? { ...common, valid: true, listKind: kind, sourceDate }
    : { ...common, valid: false, listKind: kind ?? raw.listKind ?? '', sourceDate: sourceDate ?? raw.sourceDate ?? '' };
}

/** Validates every row without writing: the preview report, also the first half of an import. */
async function validateRows(db: Db, rows: readonly FileRow[], locale: Locale): Promise<RowReport[]> {
  const seen = new Map<string, number>();
  const reports = rows.map((row) => checkRow(row, seen, locale));
  const codes = [...new Set(reports.filter(isValid).map((report) => report.creditCode))];
  if (codes.length === 0) return reports;
  const hits = await db
    .selectDistinct({ creditCode: units.creditCode, teamId: teamUnits.teamId })
    .from(units)
    .innerJoin(teamUnits, eq(teamUnits.unitId, units.id))
    .where(inArray(units.creditCode, codes));
  for (const report of reports.filter(isValid))
    report.affectedTeamIds = hits.filter((hit) => hit.creditCode === report.creditCode).map((hit) => hit.teamId);
  return reports;
}

function summarize(reports: RowReport[]) {
  const valid = reports.filter(isValid).length;
  return {
    total: reports.length,
    valid,
    invalid: reports.length - valid,
    affectedTeamIds: [...new Set(reports.flatMap((report) => report.affectedTeamIds))],
    rows: reports,
  };
}

/** Validates a list file row by row without writing anything. */
export async function previewImport(deps: Deps, upload: IncomingFile, locale: Locale) {
  return summarize(await validateRows(deps.db, await readImportRows(upload.file), locale));
}

/** Writes the valid rows in batches; an entry already on the same list is refreshed. */
async function upsertEntries(db: Db, rows: readonly ValidRowReport[], importId: string, actor: Actor, now: Date) {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insert(blacklistEntries)
      .values(
        rows.slice(start, start + 500).map((row) => ({
          creditCode: row.creditCode,
          name: row.name,
          listKind: row.listKind,
          sourceDate: row.sourceDate,
          importId,
          importedBy: actor.sub,
          importedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [blacklistEntries.creditCode, blacklistEntries.listKind],
        set: {
          name: sql`excluded.name`,
          sourceDate: sql`excluded.source_date`,
          importId,
          importedBy: actor.sub,
          importedAt: now,
        },
      });
  }
}

/**
 * Flags the teams with a unit on the imported rows (R-SOC-3): each flag is a ledger entry naming
 * the listed units, and the team leaves every round not yet closed (assignments withdrawn).
 * Teams already flagged stay as they are. Returns the newly flagged teams.
 */
async function flagTeams(tx: Db, rows: readonly ValidRowReport[], importId: string, actor: Actor, now: Date) {
  const teamIds = [...new Set(rows.flatMap((row) => row.affectedTeamIds))];
  if (teamIds.length === 0) return [];
  const updated = await tx
    .update(teams)
    .set({ flaggedAt: now, flagReason: 'R-SOC-3', updatedAt: now })
    .where(and(inArray(teams.id, teamIds), isNull(teams.flaggedAt)))
    .returning({ id: teams.id });
  const flagged = updated.map((row) => row.id).sort();
  for (const teamId of flagged) {
    const listed = rows
      .filter((row) => row.affectedTeamIds.includes(teamId))
      .map((row) => ({
        creditCode: row.creditCode,
        name: row.name,
        listKind: row.listKind,
        sourceDate: row.sourceDate,
      }));
    await recordDecision(
      tx,
      actor,
      {
        action: 'team.flagged',
        subjectType: 'team',
        subjectId: teamId,
        payload: { ruleId: 'R-SOC-3', importId, listed },
      },
      now,
    );
  }
  await withdrawFlaggedTeams(tx, flagged, actor, now);
  return flagged;
}

/**
 * Imports the valid rows of a list file (an entry already on the same list is refreshed) and
 * flags every team with a unit on a list (R-SOC-3), all in one transaction; the import itself is
 * a ledger entry with the counts and digests of its entries and flagged teams. Invalid rows are
 * skipped and reported.
 */
export async function importList(deps: Deps, upload: IncomingFile, locale: Locale, actor: Actor) {
  const reports = await validateRows(deps.db, await readImportRows(upload.file), locale);
  const now = deps.clock.now();
  const importId = randomUUID();
  const validRows = reports.filter(isValid);
  const flagged = await deps.db.transaction(async (tx) => {
    await upsertEntries(tx, validRows, importId, actor, now);
    const flagged = await flagTeams(tx, validRows, importId, actor, now);
    for (const teamId of flagged) await notifyTeam(deps, tx, teamId, 'team_flagged');
    await recordDecision(
      tx,
      actor,
      {
        action: 'blacklist.imported',
        subjectType: 'blacklist_import',
        subjectId: importId,
        payload: {
          entries: rowListDigest(validRows.map((row) => [row.creditCode, row.listKind])),
          flaggedTeams: rowListDigest(flagged.map((id) => [id])),
          invalidRows: reports.length - validRows.length,
        },
      },
      now,
    );
    return flagged;
  });
  return { importId, imported: validRows.length, flaggedTeamIds: flagged, ...summarize(reports) };
}

export function presentEntry(entry: typeof blacklistEntries.$inferSelect) {
  return {
    id: entry.id,
    creditCode: entry.creditCode,
    name: entry.name,
    listKind: entry.listKind,
    sourceDate: entry.sourceDate,
    importId: entry.importId,
    importedAt: isoInZone(entry.importedAt, DEFAULT_TIME_ZONE),
  };
}

export async function listEntries(deps: Deps, query: Static<typeof BlacklistQuery>) {
  const after = query.cursor ? decodeCursor(query.cursor, ['text', 'uuid']) : undefined;
  const filters = and(
    query.creditCode ? eq(blacklistEntries.creditCode, normalizeCreditCode(query.creditCode)) : undefined,
    query.listKind ? eq(blacklistEntries.listKind, query.listKind) : undefined,
  );
  const rows = await deps.db
    .select()
    .from(blacklistEntries)
    .where(
      and(
        filters,
        after
          ? or(
              gt(blacklistEntries.creditCode, after[0]),
              and(eq(blacklistEntries.creditCode, after[0]), gt(blacklistEntries.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(blacklistEntries.creditCode), asc(blacklistEntries.id))
    .limit(query.limit + 1);
  const total = await deps.db.$count(blacklistEntries, filters);
  return toPage(rows, query.limit, presentEntry, (row) => [row.creditCode, row.id], total);
}

/** Removes one list entry (a unit taken off a list), written to the ledger naming the organizer. */
export async function deleteEntry(deps: Deps, id: string, actor: Actor): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [deleted] = await tx.delete(blacklistEntries).where(eq(blacklistEntries.id, id)).returning({
      id: blacklistEntries.id,
      creditCode: blacklistEntries.creditCode,
      listKind: blacklistEntries.listKind,
    });
    if (!deleted) throw new DomainError('NOT_FOUND', 404, { params: { resource: 'blacklist entry' } });
    await recordDecision(
      tx,
      actor,
      {
        action: 'blacklist.entry_deleted',
        subjectType: 'blacklist_entry',
        subjectId: deleted.id,
        payload: { creditCode: deleted.creditCode, listKind: deleted.listKind },
      },
      deps.clock.now(),
    );
  });
}
