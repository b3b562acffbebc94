import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadsheet, type SheetColumn } from './spreadsheet.js';

// The exports' files, streamed: the CSV written a batch of rows at a time reads as one csv-stringify
// call over all the rows, and neither format reads further rows than the reader has taken.

type Cells = (string | number)[];

const columnsFor = (width: number): SheetColumn<Cells>[] =>
  Array.from({ length: width }, (_, index) => ({ header: `列${index}`, value: (row) => row[index] ?? '' }));

async function* pagesOf<Row>(...pages: Iterable<Row>[]) {
  for (const page of pages) yield page;
}

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `count` rows of two cells of hexadecimal (which deflate hardly shrinks), counting those made. */
function countedRows(count: number, made: { rows: number }): Iterable<Cells> {
  return (function* () {
    for (let index = 0; index < count; index++) {
      made.rows++;
      yield [randomBytes(48).toString('hex'), index];
    }
  })();
}

/** Waits until no more rows are made: the writer has stopped for the reader. */
async function settled(made: { rows: number }) {
  let still = 0;
  while (still < 5) {
    const seen = made.rows;
    await delay(20);
    still = made.rows === seen ? still + 1 : 0;
  }
}

describe('spreadsheet exports', () => {
  it('writes the bytes of one csv-stringify call, for any cells (quotes, commas, line breaks, numbers)', async () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '=', '-') }),
      fc.integer(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 150, size: 'max' }),
        async (rows) => {
          const columns = columnsFor(3);
          const file = spreadsheet('csv', columns, pagesOf(rows), { fileName: 'f', sheetName: 's' });
          const inert = (value: string | number) =>
            typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
          const expected = stringify(
            rows.map((row) => row.map(inert)),
            { bom: true, header: true, columns: columns.map((column) => column.header) },
          );
          expect((await bytesOf(file.body)).toString('utf8')).toBe(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each(['csv', 'xlsx'] as const)('makes no further rows while the reader takes nothing (%s)', async (format) => {
    const made = { rows: 0 };
    const file = spreadsheet(format, columnsFor(2), pagesOf(countedRows(10_000, made), countedRows(10_000, made)), {
      fileName: 'f',
      sheetName: 's',
    });
    // The first chunk asked for, then nothing.
    const first = await new Promise<Buffer>((resolve) => file.body.once('data', resolve));
    file.body.pause();
    await settled(made);
    // A few hundred rows fill the buffers between the writer and the reader; not the page of 10,000.
    expect(made.rows).toBeGreaterThan(0);
    expect(made.rows).toBeLessThan(5_000);

    const bytes = Buffer.concat([first, await bytesOf(file.body)]);
    expect(made.rows).toBe(20_000);
    if (format === 'csv') {
      expect(bytes.toString('utf8').split('\n')).toHaveLength(1 + 20_000 + 1);
    } else {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as never);
      expect(workbook.getWorksheet('s')?.rowCount).toBe(1 + 20_000);
    }
  });

  it.each(['csv', 'xlsx'] as const)('stops reading pages when the reader goes away (%s)', async (format) => {
    const made = { rows: 0 };
    let closed = false;
    async function* pages() {
      try {
        for (;;) yield countedRows(1_000, made);
      } finally {
        closed = true;
      }
    }
    const file = spreadsheet(format, columnsFor(2), pages(), { fileName: 'f', sheetName: 's' });
    await new Promise((resolve) => file.body.once('data', resolve));
    file.body.destroy();
    await expect.poll(() => closed).toBe(true);
  });
});
