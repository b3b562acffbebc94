import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
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
import type { Database } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { bufferChunks } from '../../lib/streams.js';
import { isoInZone } from '../../lib/time.js';
import type { IncomingFile } from '../files/service.js';
import { blacklistEntries, teams, teamUnits, units } from './tables.js';

/** The 信用中国 list names as they appear in exported files, and the codes themselves. */
const LIST_KIND_ALIASES: Record<string, BlacklistListKind> = {
  ...Object.fromEntries(BLACKLIST_LIST_KINDS.map((kind) => [kind, kind])),
  失信被执行人: 'dishonest_debtor',
  重大税收违法案件当事人: 'major_tax_violation',
  重大税收违法失信主体: 'major_tax_violation',
  政府采购严重违法失信行为记录名单: 'procurement_dishonesty',
  政府采购严重违法失信: 'procurement_dishonesty',
};

const HEADER_ALIASES: Record<string, 'creditCode' | 'name' | 'listKind' | 'sourceDate'> = {
  credit_code: 'creditCode',
  creditcode: 'creditCode',
  统一社会信用代码: 'creditCode',
  信用代码: 'creditCode',
  name: 'name',
  unit_name: 'name',
  单位名称: 'name',
  企业名称: 'name',
  名称: 'name',
  list_kind: 'listKind',
  listkind: 'listKind',
  kind: 'listKind',
  名单类型: 'listKind',
  名单: 'listKind',
  source_date: 'sourceDate',
  sourcedate: 'sourceDate',
  date: 'sourceDate',
  来源日期: 'sourceDate',
  列入日期: 'sourceDate',
  日期: 'sourceDate',
};

/** Import files are small tables; anything larger is refused while streaming. */
export const MAX_IMPORT_BYTES = 10 * 1024 ** 2;
const MAX_IMPORT_ROWS = 50_000;

type RawRow = Partial<Record<'creditCode' | 'name' | 'listKind' | 'sourceDate', string>>;

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

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.result !== undefined) return cellText(cell.result);
    return '';
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value).trim()
    : '';
}

function mapHeader(headers: readonly string[]): (keyof RawRow | undefined)[] {
  const mapped = headers.map(
    (header) => HEADER_ALIASES[header.trim().toLowerCase().replaceAll(' ', '_')] ?? HEADER_ALIASES[header.trim()],
  );
  const missing = (['creditCode', 'name', 'listKind', 'sourceDate'] as const).filter(
    (field) => !mapped.includes(field),
  );
  if (missing.length > 0) {
    throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, {
      params: { reason: `missing columns: ${missing.join(', ')}` },
    });
  }
  return mapped;
}

/** Streams the upload: an XLSX workbook (zip magic bytes) or CSV text; at most MAX_IMPORT_BYTES. */
export async function readImportRows(file: IncomingFile['file']): Promise<{ line: number; raw: RawRow }[]> {
  const chunks = bufferChunks(file);
  const first = await chunks.next();
  if (first.done) throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, { params: { reason: 'empty file' } });
  let total = 0;
  async function* body() {
    for (let next: IteratorResult<Buffer> = first; !next.done; next = await chunks.next()) {
      total += next.value.length;
      if (total > MAX_IMPORT_BYTES)
        throw new DomainError('FILE_TOO_LARGE', 413, { params: { maxBytes: MAX_IMPORT_BYTES, maxMiB: '10.0' } });
      yield next.value;
    }
    if (file.truncated)
      throw new DomainError('FILE_TOO_LARGE', 413, { params: { maxBytes: MAX_IMPORT_BYTES, maxMiB: '10.0' } });
  }
  const stream = Readable.from(body(), { objectMode: false });
  const isZip =
    first.value[0] === 0x50 && first.value[1] === 0x4b && first.value[2] === 0x03 && first.value[3] === 0x04;
  try {
    return isZip ? await readXlsx(stream) : await readCsv(stream);
  } catch (error) {
    if (!file.destroyed) file.resume();
    if (error instanceof DomainError) throw error;
    throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, {
      params: { reason: (error as Error).message.slice(0, 200) },
    });
  }
}

async function readCsv(stream: Readable) {
  const rows: { line: number; raw: RawRow }[] = [];
  let columns: (keyof RawRow | undefined)[] | undefined;
  const parser = stream.pipe(
    parseCsv({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!columns) {
      columns = mapHeader(record);
      continue;
    }
    rows.push({ line: info.lines, raw: toRaw(columns, record) });
    if (rows.length > MAX_IMPORT_ROWS)
      throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, {
        params: { reason: `more than ${MAX_IMPORT_ROWS} rows` },
      });
  }
  if (!columns) throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, { params: { reason: 'no header row' } });
  return rows;
}

async function readXlsx(stream: Readable) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.read(stream);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, { params: { reason: 'no worksheet' } });
  const rows: { line: number; raw: RawRow }[] = [];
  let columns: (keyof RawRow | undefined)[] | undefined;
  sheet.eachRow((row, line) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    if (!columns) {
      columns = mapHeader(values);
      return;
    }
    if (values.every((value) => value === '')) return;
    rows.push({ line, raw: toRaw(columns, values) });
  });
  if (!columns) throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, { params: { reason: 'no header row' } });
  if (rows.length > MAX_IMPORT_ROWS)
    throw new DomainError('BLACKLIST_FILE_UNREADABLE', 400, {
      params: { reason: `more than ${MAX_IMPORT_ROWS} rows` },
    });
  return rows;
}

function toRaw(columns: readonly (keyof RawRow | undefined)[], values: readonly string[]): RawRow {
  const raw: RawRow = {};
  columns.forEach((column, index) => {
    if (column && raw[column] === undefined) raw[column] = (values[index] ?? '').trim();
  });
  return raw;
}

function normalizeDate(value: string): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Validates every row without writing: the preview report, also the first half of a commit. */
export async function validateRows(
  db: Database,
  rows: readonly { line: number; raw: RawRow }[],
  locale: Locale,
): Promise<RowReport[]> {
  const seen = new Map<string, number>();
  const reports = rows.map(({ line, raw }): RowReport => {
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
      : {
          ...common,
          valid: false,
          listKind: kind ?? raw.listKind ?? '',
          sourceDate: sourceDate ?? raw.sourceDate ?? '',
        };
  });
  const codes = [...new Set(reports.filter(isValid).map((report) => report.creditCode))];
  if (codes.length > 0) {
    const hits = await db
      .selectDistinct({ creditCode: units.creditCode, teamId: teamUnits.teamId })
      .from(units)
      .innerJoin(teamUnits, eq(teamUnits.unitId, units.id))
      .where(inArray(units.creditCode, codes));
    for (const report of reports) {
      if (report.valid)
        report.affectedTeamIds = hits.filter((hit) => hit.creditCode === report.creditCode).map((hit) => hit.teamId);
    }
  }
  return reports;
}

export function summarize(reports: RowReport[]) {
  const valid = reports.filter((report) => report.valid).length;
  return {
    total: reports.length,
    valid,
    invalid: reports.length - valid,
    affectedTeamIds: [...new Set(reports.flatMap((report) => report.affectedTeamIds))],
    rows: reports,
  };
}

/**
 * Writes the valid rows (an entry already on the same list is refreshed) and flags every team
 * with a unit on a list for review (R-SOC-3), all in one transaction. Invalid rows are skipped.
 */
export async function commitImport(db: Database, reports: RowReport[], actorId: string, now: Date) {
  const importId = randomUUID();
  const validRows = reports.filter(isValid);
  const flagged = await db.transaction(async (tx) => {
    for (let start = 0; start < validRows.length; start += 500) {
      const batch = validRows.slice(start, start + 500);
      await tx
        .insert(blacklistEntries)
        .values(
          batch.map((row) => ({
            creditCode: row.creditCode,
            name: row.name,
            listKind: row.listKind,
            sourceDate: row.sourceDate,
            importId,
            importedBy: actorId,
            importedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [blacklistEntries.creditCode, blacklistEntries.listKind],
          set: {
            name: sql`excluded.name`,
            sourceDate: sql`excluded.source_date`,
            importId,
            importedBy: actorId,
            importedAt: now,
          },
        });
    }
    const teamIds = [...new Set(validRows.flatMap((row) => row.affectedTeamIds))];
    if (teamIds.length === 0) return [];
    const updated = await tx
      .update(teams)
      .set({ flaggedAt: now, flagReason: 'R-SOC-3', updatedAt: now })
      .where(and(inArray(teams.id, teamIds), isNull(teams.flaggedAt)))
      .returning({ id: teams.id });
    return updated.map((row) => row.id);
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

export async function listEntries(
  db: Database,
  query: {
    limit: number;
    cursor?: string | undefined;
    creditCode?: string | undefined;
    listKind?: BlacklistListKind | undefined;
  },
) {
  const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
  const rows = await db
    .select()
    .from(blacklistEntries)
    .where(
      and(
        query.creditCode ? eq(blacklistEntries.creditCode, normalizeCreditCode(query.creditCode)) : undefined,
        query.listKind ? eq(blacklistEntries.listKind, query.listKind) : undefined,
        after
          ? or(
              gt(blacklistEntries.creditCode, String(after[0])),
              and(eq(blacklistEntries.creditCode, String(after[0])), gt(blacklistEntries.id, String(after[1]))),
            )
          : undefined,
      ),
    )
    .orderBy(asc(blacklistEntries.creditCode), asc(blacklistEntries.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentEntry, (row) => [row.creditCode, row.id]);
}

export async function deleteEntry(db: Database, id: string): Promise<void> {
  const deleted = await db
    .delete(blacklistEntries)
    .where(eq(blacklistEntries.id, id))
    .returning({ id: blacklistEntries.id });
  if (deleted.length === 0) throw new DomainError('NOT_FOUND', 404, { params: { resource: 'blacklist entry' } });
}
