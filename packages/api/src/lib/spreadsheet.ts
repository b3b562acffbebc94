import { EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
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

/**
 * A CSV field as csv-stringify writes it with its defaults (RFC 4180): quoted when it holds a
 * comma, a quote or a line break, its quotes doubled; a number as JavaScript writes it.
 */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A row's CSV line, its cells made inert, written straight into one string. */
const csvLineOf =
  <Row>(columns: readonly SheetColumn<Row>[]) =>
  (row: Row) => {
    let line = '';
    for (let index = 0; index < columns.length; index++) {
      if (index > 0) line += ',';
      line += csvField(inert(columns[index]!.value(row)));
    }
    return line + '\n';
  };

/** CSV text handed to the reader at a time, in characters: about what its buffer takes in one go. */
const CSV_CHUNK = 16 * 1024;

/**
 * CSV, UTF-8 with a BOM so that spreadsheet programs read the Chinese right: the bytes
 * csv-stringify writes with its defaults (the tests compare them), pulled by the reader a chunk at
 * a time. Each row becomes text as it comes: csv-stringify allocated a tuple and a context object
 * per cell, ~37 times the file's size, and every 16 MiB allocated is a scavenge that promotes what
 * the pages in flight hold to the old heap.
 */
async function* csvText<Row>(columns: readonly SheetColumn<Row>[], pages: AsyncIterable<Iterable<Row>>) {
  const lineOf = csvLineOf(columns);
  let text = '\ufeff' + columns.map((column) => csvField(column.header)).join(',') + '\n';
  for await (const page of pages) {
    for (const row of page) {
      text += lineOf(row);
      if (text.length >= CSV_CHUNK) {
        yield text;
        text = '';
      }
    }
  }
  if (text.length > 0) yield text;
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
