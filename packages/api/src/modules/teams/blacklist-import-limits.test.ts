import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { zipDeclaring } from '../../test/hostile-files.js';

// Hostile list files (R-SOC-3 imports): a zip bomb, a sheet past the row limit, garbage that
// looks like a workbook. Each is refused with a clear 4xx that leaks no parser text, the parsing
// happens in a worker thread, and the API keeps answering meanwhile.

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

const preview = (bytes: Buffer, filename: string) =>
  t.http
    .post('/api/v1/blacklists/preview')
    .set('authorization', `Bearer ${admin.token}`)
    .attach('file', bytes, filename);

async function workbookOfRows(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(['credit_code', 'name', 'list_kind', 'source_date']);
  for (let row = 0; row < rows; row += 1)
    sheet.addRow(['91450100MA5N00017R', `单位${row}`, 'dishonest_debtor', '2024-01-01']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('hostile list files', () => {
  it('refuses a workbook that declares more than it may unpack, before unpacking it', async () => {
    const body = expectProblem(
      await preview(zipDeclaring(3 * 1024 ** 3), 'bomb.xlsx'),
      413,
      'IMPORT_UNPACKS_TOO_LARGE',
    );
    expect(body.detail).toContain('64');
  });

  it('refuses a sheet past the row limit while /healthz keeps answering', async () => {
    const bytes = await workbookOfRows(50_001);
    const upload = (async () => preview(bytes, 'many-rows.xlsx'))();
    let done = false;
    void upload.finally(() => (done = true));
    let answered = 0;
    while (!done) {
      expect((await t.http.get('/healthz')).status).toBe(200);
      answered += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const body = expectProblem(await upload, 400, 'BLACKLIST_FILE_UNREADABLE');
    expect(body.detail).toContain('50000');
    // The parse runs in a worker: the event loop keeps answering others while it runs. (Counted,
    // not timed: a parse on the request thread let no probe through until it was over.)
    expect(answered).toBeGreaterThan(3);
  });

  it('reports garbage shaped like a workbook without the parser’s own words', async () => {
    const garbage = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(5000, 0x41)]);
    const body = expectProblem(await preview(garbage, 'broken.xlsx'), 400, 'BLACKLIST_FILE_UNREADABLE');
    expect(body.detail).toMatch(/XLSX/);
    expect(body.detail).not.toMatch(/Error|signature|at |\.js/);
  });

  it('still reads a proper workbook', async () => {
    const response = await preview(await workbookOfRows(3), 'list.xlsx');
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(3);
  });
});
