import { EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Worksheet } from 'exceljs';

// The organizers' exports as spreadsheets, streamed: one column set per export gives the CSV and
// the XLSX alike, so the two files never disagree. Rows are turned into bytes only when the reader
// takes them (backpressure end to end), so an export holds a bounded amount whatever its size.

/** One column of an export: its header (Chinese, for the organizers' spreadsheet) and its value. */
export interface SheetColumn<Row> {
  header: string;
  value: (row: Row) => string | number;
}

export const SPREADSHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

/**
 * Rows an export reads a page at a time, by format. An export holds about two pages (the one being
 * written, the next one read and logged meanwhile), and what is in flight when the young heap is
 * collected is promoted to the old heap, which grows until its next full collection: the process
 * grows by about the pages in flight times the collections the rows' garbage causes. ExcelJS
 * allocates about ten times what csv-stringify does per row, so XLSX reads smaller pages: at
 * 20,000 projects its peak RSS growth fell from 40–100 MiB with pages of 500 to ~10 MiB with
 * pages of 200, for 13–18 % more time (docs/performance.md). CSV keeps pages of 500 (~2 MiB held,
 * 15–30 MiB of growth), where pages of 200 cost it 60 % more time.
 */
export const EXPORT_PAGE_ROWS: Record<SpreadsheetFormat, number> = { csv: 500, xlsx: 200 };

export const SPREADSHEET_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Spreadsheet programs run a cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
const inert = (value: string | number) =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

const cellsOf =
  <Row>(columns: readonly SheetColumn<Row>[]) =>
  (row: Row) =>
    columns.map((column) => inert(column.value(row)));

/** Rows turned into CSV at a time: about 16 K characters, what the reader's buffer takes in one go. */
const CSV_BATCH = 64;

/**
 * CSV (csv-stringify: RFC 4180 quoting), UTF-8 with a BOM so that spreadsheet programs read the
 * Chinese right. A batch of rows at a time through the synchronous API, pulled by the reader: its
 * streaming API kept per-row state for every row through object-mode streams, allocating ~35 times
 * the file's size, and the garbage collections that caused promoted the pages in flight.
 */
async function* csvText<Row>(columns: readonly SheetColumn<Row>[], pages: AsyncIterable<Iterable<Row>>) {
  const cells = cellsOf(columns);
  yield stringify([columns.map((column) => column.header)], { bom: true });
  let batch: (string | number)[][] = [];
  for await (const page of pages) {
    for (const row of page) {
      batch.push(cells(row));
      if (batch.length === CSV_BATCH) {
        yield stringify(batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield stringify(batch);
}

/** A stream's writable side, Node's or the readable-stream package's: `needDrain` after write() said false. */
type Drainable = EventEmitter & { _writableState?: { needDrain?: boolean } };

/**
 * ExcelJS's sheet hands its XML to the zip without heeding write()'s answer (its StreamBuf
 * always says true), so rows written faster than the zip compresses and the reader takes them
 * would pile up in the stream the zip reads the sheet's entry from: that stream (the sheet's
 * pipe) is the one to wait for.
 */
function sheetEntry(sheet: Worksheet): Drainable | undefined {
  const target = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0];
  return target instanceof EventEmitter ? target : undefined;
}

/**
 * XLSX written row by row (ExcelJS's streaming writer, loaded on the first XLSX export), never held
 * whole in memory: a row waits until the zip has taken the rows before it and the reader the zip's.
 */
function xlsxStream<Row>(columns: readonly SheetColumn<Row>[], pages: AsyncIterable<Iterable<Row>>, sheetName: string) {
  const cells = cellsOf(columns);
  const output = new PassThrough();
  // A reader that goes away (the client hung up) ends the waits, and so the reading of pages.
  const gone = new AbortController();
  output.once('close', () => gone.abort());
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.columns = columns.map((column) => ({ header: column.header, width: 24 }));
    for await (const page of pages) {
      for (const row of page) {
        sheet.addRow(cells(row)).commit();
        const entry = sheetEntry(sheet);
        if (entry?._writableState?.needDrain) await once(entry, 'drain', { signal: gone.signal });
        if (output.writableNeedDrain) await once(output, 'drain', { signal: gone.signal });
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/**
 * Pages of items as pages of an export's rows, each row made from its item only when it is
 * written, so that it lives no longer than that (not a whole page of rows at once).
 */
export async function* rowsAsWritten<Item, Row>(
  pages: AsyncIterable<Iterable<Item>>,
  toRow: (item: Item) => Row,
): AsyncGenerator<Iterable<Row>> {
  for await (const page of pages) {
    yield (function* () {
      for (const item of page) yield toRow(item);
    })();
  }
}

/** The rows as a CSV or XLSX download, from the one column set; the pages are read as the file is. */
export function spreadsheet<Row>(
  format: SpreadsheetFormat,
  columns: readonly SheetColumn<Row>[],
  pages: AsyncIterable<Iterable<Row>>,
  options: { fileName: string; sheetName: string },
) {
  return {
    fileName: `${options.fileName}.${format}`,
    contentType: SPREADSHEET_TYPES[format],
    body:
      format === 'csv'
        ? Readable.from(csvText(columns, pages), { objectMode: false })
        : xlsxStream(columns, pages, options.sheetName),
  };
}
