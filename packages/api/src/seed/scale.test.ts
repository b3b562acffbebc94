import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode } from '@saishi/shared';
import { EXPORT_PAGE_ROWS } from '../lib/spreadsheet.js';
import { createTestApp, type TestApp, bytesOfBody } from '../test/app.js';
import { seedScale } from './scale.js';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.db.execute(query))[0]!.n;

describe('the scale generator (seed --scale)', () => {
  it('adds approved teams with members, submitted projects with a stored proposal, and experts', async () => {
    const projectsBefore = await count(sql`select count(*)::int as n from projects`);
    const added = await seedScale(t.db, { projects: 40, experts: 8, storage: t.app.storage });
    expect(added).toEqual({ projects: 40, experts: 8 });
    expect(await count(sql`select count(*)::int as n from projects`)).toBe(projectsBefore + 40);

    const generated = sql`select p.id from projects p join teams t on t.id = p.team_id where t.invite_code like 'SCALE%'`;
    expect(await count(sql`select count(*)::int as n from project_versions where project_id in (${generated})`)).toBe(
      40,
    );
    expect(
      await count(
        sql`select count(*)::int as n from team_members m join teams t on t.id = m.team_id where t.invite_code like 'SCALE%'`,
      ),
    ).toBe(80);
    expect(
      await count(
        sql`select count(*)::int as n from expert_profiles p join users u on u.id = p.user_id where u.email like 'expert-%@scale.saishi.test'`,
      ),
    ).toBe(8);

    const codes = rowsOf<{ credit_code: string }>(
      await t.db.execute(
        sql`select u.credit_code from units u join team_units tu on tu.unit_id = u.id join teams t on t.id = tu.team_id where t.invite_code like 'SCALE%'`,
      ),
    );
    expect(codes.length).toBe(40);
    expect(codes.every((row) => isValidCreditCode(row.credit_code))).toBe(true);

    // The file of a version can be read back from storage, byte for byte as recorded.
    const [file] = rowsOf<{ storage_key: string; size_bytes: string }>(
      await t.db.execute(
        sql`select f.storage_key, f.size_bytes from stored_files f where f.storage_key like 'scale/%' limit 1`,
      ),
    );
    expect(await t.app.storage.stat(file!.storage_key)).toEqual({ sizeBytes: Number(file!.size_bytes) });
  });

  it('serves the generated projects through the API: listed and found by title search', async () => {
    const [project] = rowsOf<{ id: string; title: string }>(
      await t.db.execute(
        sql`select p.id, p.title from projects p join teams t on t.id = p.team_id where t.invite_code like 'SCALE%' limit 1`,
      ),
    );
    const found = await t.http
      .get('/api/v1/projects')
      .query({ q: project!.title, limit: 100 })
      .set({ authorization: `Bearer ${admin.token}` })
      .expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toContain(project!.id);
  });

  it('records each generated approval in the ledger, which still verifies', async () => {
    const verified = await t.http
      .get('/api/v1/ledger/verify')
      .set({ authorization: `Bearer ${admin.token}` })
      .expect(200);
    expect(verified.body.valid, JSON.stringify(verified.body)).toBe(true);
  });

  it('adds a second world beside the first without colliding', async () => {
    await expect(seedScale(t.db, { projects: 10, experts: 2 })).resolves.toEqual({ projects: 10, experts: 2 });
  });

  it('exports every project of the edition once, across several pages, as CSV and as XLSX', async () => {
    await seedScale(t.db, { projects: 470, experts: 2 });
    const edition = sql`(select p.edition_id from projects p join teams t on t.id = p.team_id where t.invite_code like 'SCALE%' limit 1)`;
    const ids = rowsOf<{ id: string }>(
      await t.db.execute(sql`select id::text from projects where edition_id = ${edition}`),
    )
      .map((row) => row.id)
      .sort();
    expect(ids.length).toBeGreaterThan(Math.max(...Object.values(EXPORT_PAGE_ROWS)));

    const download = (format: 'csv' | 'xlsx') =>
      t.http
        .get(`/api/v1/projects/export?format=${format}`)
        .set({ authorization: `Bearer ${admin.token}` })
        .buffer(true)
        .parse(bytesOfBody)
        .expect(200);

    const csv = parse<Record<string, string>>((await download('csv')).body as Buffer, { bom: true, columns: true });
    expect(csv.map((row) => row['作品编号']).sort()).toEqual(ids);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xlsx')).body as never);
    const sheet = workbook.getWorksheet('参赛作品')!;
    const column = sheet.getColumn(1).values.slice(2) as string[];
    expect(column.sort()).toEqual(ids);
  });
});
