import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { DomainError } from '../../lib/errors.js';

/**
 * Reading the 信用中国 list files organizers import (R-SOC-3): CSV or XLSX tables whose columns
 * may carry English or Chinese names. Only the reading is here; the rows are checked by `blacklists.ts`.
 */

const COLUMNS = ['creditCode', 'name', 'listKind', 'sourceDate'] as const;
type Column = (typeof COLUMNS)[number];

/** One line of the file by column, as written there (trimmed). */
export type RawRow = Partial<Record<Column, string>>;
export interface FileRow {
  /** Line (CSV) or row (XLSX) number, the header being 1. */
  line: number;
  raw: RawRow;
}

const HEADER_ALIASES: Record<string, Column> = {
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
/** What an XLSX may unpack to, by the sizes its zip declares: 50,000 rows take far less. */
export const MAX_UNPACKED_BYTES = 64 * 1024 ** 2;
const MAX_ZIP_ENTRIES = 1000;

export const unreadable = (reason: string) => new DomainError('BLACKLIST_FILE_UNREADABLE', 400, { params: { reason } });
export const tooLarge = () =>
  new DomainError('FILE_TOO_LARGE', 413, { params: { maxBytes: MAX_IMPORT_BYTES, maxMiB: '10.0' } });
const tooLargeUnpacked = () =>
  new DomainError('IMPORT_UNPACKS_TOO_LARGE', 413, { params: { maxMiB: MAX_UNPACKED_BYTES / 1024 ** 2 } });
const tooManyRows = () => unreadable(`more than ${MAX_IMPORT_ROWS} rows`);

/**
 * Refuses a zip bomb before anything is unpacked: the central directory's declared sizes must add
 * up to at most MAX_UNPACKED_BYTES (ZIP64, which hides them, is refused). A zip lying about its
 * sizes still meets the parser's row limit and the worker's memory limit.
 */
export function checkZipSizes(zip: Buffer): void {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('not a readable XLSX workbook');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (entries > MAX_ZIP_ENTRIES || entries === 0xffff || at === 0xffffffff) throw tooLargeUnpacked();
  let unpacked = 0;
  for (let index = 0; index < entries; index += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== ENTRY) throw unreadable('not a readable XLSX workbook');
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) throw tooLargeUnpacked();
    unpacked += size;
    if (unpacked > MAX_UNPACKED_BYTES) throw tooLargeUnpacked();
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return cellText(value.text);
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value).trim();
}

function mapHeader(headers: readonly string[]): (Column | undefined)[] {
  const mapped = headers.map(
    (header) => HEADER_ALIASES[header.trim().toLowerCase().replaceAll(' ', '_')] ?? HEADER_ALIASES[header.trim()],
  );
  const missing = COLUMNS.filter((field) => !mapped.includes(field));
  if (missing.length > 0) throw unreadable(`missing columns: ${missing.join(', ')}`);
  return mapped;
}

function toRaw(columns: readonly (Column | undefined)[], values: readonly string[]): RawRow {
  const raw: RawRow = {};
  columns.forEach((column, index) => {
    if (column && raw[column] === undefined) raw[column] = (values[index] ?? '').trim();
  });
  return raw;
}

/** What csv-parse yields per record with `info: true`. */
interface CsvRecord {
  record: string[];
  info: { lines: number };
}

async function readCsv(bytes: Buffer): Promise<FileRow[]> {
  const rows: FileRow[] = [];
  let columns: (Column | undefined)[] | undefined;
  const parser = Readable.from([bytes]).pipe(
    parseCsv({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  // csv-parse types its stream's records as `any`; with `info: true` each is a CsvRecord.
  for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
    if (!columns) {
      columns = mapHeader(record);
      continue;
    }
    rows.push({ line: info.lines, raw: toRaw(columns, record) });
    if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
  }
  if (!columns) throw unreadable('no header row');
  return rows;
}

/** Streams the first worksheet row by row, so that a sheet of a million rows stops at the limit. */
async function readXlsx(bytes: Buffer): Promise<FileRow[]> {
  checkZipSizes(bytes);
  // ExcelJS loads on the first workbook read (in the parser's worker), not at every start of the API.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    // Styles tell a date cell from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const rows: FileRow[] = [];
  let columns: (Column | undefined)[] | undefined;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      // `row.values` is 1-based: index 0 is always empty.
      const values = (Array.isArray(row.values) ? row.values.slice(1) : []).map(cellText);
      if (!columns) {
        columns = mapHeader(values);
        continue;
      }
      if (values.every((value) => value === '')) continue;
      rows.push({ line: row.number, raw: toRaw(columns, values) });
      if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
    }
    break;
  }
  if (!columns) throw unreadable('no header row');
  return rows;
}

const isZip = (bytes: Buffer) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * The rows of a list file held in memory: an XLSX workbook (zip magic bytes) or CSV text. What
 * the parsers throw of their own is reported as unreadable, without their text.
 */
export async function parseImportFile(bytes: Buffer): Promise<FileRow[]> {
  try {
    return isZip(bytes) ? await readXlsx(bytes) : await readCsv(bytes);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unreadable(isZip(bytes) ? 'not a readable XLSX workbook' : 'not a readable CSV table');
  }
}
