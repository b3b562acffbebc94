import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

// The organizers' exports as spreadsheets, streamed a page of rows at a time: one column set per
// export gives the CSV and the XLSX alike, so the two files never disagree.

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

/** CSV, UTF-8 with a BOM so that spreadsheet programs read the Chinese right. */
function csvStream<Row>(columns: readonly SheetColumn<Row>[], pages: AsyncIterable<Row[]>): Readable {
  const cells = cellsOf(columns);
  const csv = stringify({ bom: true, header: true, columns: columns.map((column) => column.header) });
  const source = Readable.from(
    (async function* () {
      for await (const page of pages) for (const row of page) yield cells(row);
    })(),
  );
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}

/**
 * XLSX written row by row (ExcelJS's streaming writer, loaded on the first XLSX export), never held
 * whole in memory: after each page it waits for the reader to take what was written.
 */
function xlsxStream<Row>(columns: readonly SheetColumn<Row>[], pages: AsyncIterable<Row[]>, sheetName: string) {
  const cells = cellsOf(columns);
  const output = new PassThrough();
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
      for (const row of page) sheet.addRow(cells(row)).commit();
      if (output.writableNeedDrain) await once(output, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

/** The rows as a CSV or XLSX download, from the one column set. */
export function spreadsheet<Row>(
  format: SpreadsheetFormat,
  columns: readonly SheetColumn<Row>[],
  pages: AsyncIterable<Row[]>,
  options: { fileName: string; sheetName: string },
) {
  return {
    fileName: `${options.fileName}.${format}`,
    contentType: SPREADSHEET_TYPES[format],
    body: format === 'csv' ? csvStream(columns, pages) : xlsxStream(columns, pages, options.sheetName),
  };
}
