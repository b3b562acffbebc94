import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DomainError } from '../../lib/errors.js';
import { bufferChunks } from '../../lib/streams.js';
import { abandonUpload, type IncomingFile } from '../files/service.js';

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

const unreadable = (reason: string) => new DomainError('BLACKLIST_FILE_UNREADABLE', 400, { params: { reason } });
const tooLarge = () =>
  new DomainError('FILE_TOO_LARGE', 413, { params: { maxBytes: MAX_IMPORT_BYTES, maxMiB: '10.0' } });

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

async function readCsv(stream: Readable): Promise<FileRow[]> {
  const rows: FileRow[] = [];
  let columns: (Column | undefined)[] | undefined;
  const parser = stream.pipe(
    parseCsv({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  // csv-parse types its stream's records as `any`; with `info: true` each is a CsvRecord.
  for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
    if (!columns) {
      columns = mapHeader(record);
      continue;
    }
    rows.push({ line: info.lines, raw: toRaw(columns, record) });
    if (rows.length > MAX_IMPORT_ROWS) throw unreadable(`more than ${MAX_IMPORT_ROWS} rows`);
  }
  if (!columns) throw unreadable('no header row');
  return rows;
}

async function readXlsx(stream: Readable): Promise<FileRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.read(stream);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('no worksheet');
  const rows: FileRow[] = [];
  let columns: (Column | undefined)[] | undefined;
  sheet.eachRow((row, line) => {
    // `row.values` is 1-based: index 0 is always empty.
    const values = (Array.isArray(row.values) ? row.values.slice(1) : []).map(cellText);
    if (!columns) {
      columns = mapHeader(values);
      return;
    }
    if (values.every((value) => value === '')) return;
    rows.push({ line, raw: toRaw(columns, values) });
  });
  if (!columns) throw unreadable('no header row');
  if (rows.length > MAX_IMPORT_ROWS) throw unreadable(`more than ${MAX_IMPORT_ROWS} rows`);
  return rows;
}

/** Streams the upload: an XLSX workbook (zip magic bytes) or CSV text; at most MAX_IMPORT_BYTES. */
export async function readImportRows(file: IncomingFile['file']): Promise<FileRow[]> {
  const chunks = bufferChunks(file);
  const first = await chunks.next();
  if (first.done) throw unreadable('empty file');
  let total = 0;
  async function* body() {
    for (let next: IteratorResult<Buffer> = first; !next.done; next = await chunks.next()) {
      total += next.value.length;
      if (total > MAX_IMPORT_BYTES) throw tooLarge();
      yield next.value;
    }
    if (file.truncated) throw tooLarge();
  }
  const stream = Readable.from(body(), { objectMode: false });
  const isZip =
    first.value[0] === 0x50 && first.value[1] === 0x4b && first.value[2] === 0x03 && first.value[3] === 0x04;
  try {
    return isZip ? await readXlsx(stream) : await readCsv(stream);
  } catch (error) {
    const refusal = abandonUpload(file, error);
    if (refusal instanceof DomainError) throw refusal;
    throw unreadable((error instanceof Error ? error.message : String(error)).slice(0, 200));
  }
}
