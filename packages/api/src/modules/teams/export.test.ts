import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEmail, maskMobile } from '@saishi/shared';
import { expectProblem, type TestApp, bytesOfBody } from '../../test/app.js';
import { users } from '../accounts/tables.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { bearer, openProjectsTestApp, type ProjectsTestContext } from '../projects/test-kit.js';

// The organizers' teams as a spreadsheet (issue 17, exports): labels under Chinese headers, the
// codes in their own columns, whom to call, masked unless disclosed, and everyone named logged.

let context: ProjectsTestContext;
let t: TestApp;
let admin: ProjectsTestContext['admin'];
let team: Awaited<ReturnType<typeof createTeamFixture>>;
const MOBILE = '13977170001';

beforeAll(async () => {
  context = await openProjectsTestApp();
  ({ t, admin } = context);
  team = await createTeamFixture(t, {
    track: 'university',
    name: '导出测试高校队',
    unit: { name: '广西大学', type: 'university' },
  });
  await t.db.update(users).set({ mobile: MOBILE, displayName: '韦队长' }).where(eq(users.id, team.leader.id));
  await t.db.update(users).set({ displayName: '覃队员' }).where(eq(users.id, team.member.id));
});
afterAll(async () => t?.close());

const download = (query: string, token = admin.token) =>
  t.http.get(`/api/v1/teams/export?${query}`).set(bearer(token)).buffer(true).parse(bytesOfBody);

/** A refused export answers problem+json, read as such. */
const refused = (query: string, token = admin.token) => t.http.get(`/api/v1/teams/export?${query}`).set(bearer(token));

/** The CSV's rows as header → cell records (the BOM dropped). */
async function csvRecords(query: string, token = admin.token): Promise<Record<string, string>[]> {
  const response = await download(`format=csv&${query}`, token);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toContain('text/csv');
  const bytes = response.body as Buffer;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse<Record<string, string>>(bytes.toString('utf8').replace(/^\uFEFF/, ''), { columns: true });
}

const accessLog = (subject: { id: string }) =>
  t.http.get(`/api/v1/personal-data/access-log?subjectUserId=${subject.id}`).set(bearer(admin.token)).expect(200);

describe("the organizers' export of teams", () => {
  it('writes labels under Chinese headers, the codes after them, and whom to call, masked', async () => {
    const [row, ...others] = await csvRecords(`q=${encodeURIComponent('导出测试高校队')}`);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      团队名称: '导出测试高校队',
      赛道: '高校赛道',
      参赛主体: '单位',
      资格审核: '已通过',
      单位类型: '高校',
      牵头单位: '广西大学',
      统一社会信用代码: team.unit.creditCode,
      负责人: '韦队长',
      负责人手机: maskMobile(MOBILE),
      负责人邮箱: maskEmail(team.leader.email),
      团队成员: '韦队长（负责人）、覃队员（成员）',
      成员人数: '2',
      赛道代码: 'university',
      参赛主体代码: 'units',
      资格审核代码: 'approved',
      单位类型代码: 'university',
    });
    const text = JSON.stringify(row);
    expect(text).not.toContain(MOBILE);
    expect(text).not.toContain(team.leader.email);
  });

  it('writes the XLSX with the very columns and cells of the CSV', async () => {
    const query = `q=${encodeURIComponent('导出测试高校队')}`;
    const [csvRow] = await csvRecords(query);
    const response = await download(`format=xlsx&${query}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const sheet = workbook.getWorksheet('参赛团队')!;
    expect(sheet.rowCount).toBe(2);
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (index: number) => sheet.getRow(2).getCell(index + 1).text;
    expect(Object.fromEntries(headers.map((header, index) => [header, cell(index)]))).toEqual(csvRow);
  });

  it('filters like the list: by track and qualification status', async () => {
    const society = await csvRecords('track=society');
    expect(society.map((row) => row.团队名称)).not.toContain('导出测试高校队');
    expect(society.every((row) => row.赛道代码 === 'society')).toBe(true);
    expect(await csvRecords('track=university&status=rejected')).toEqual([]);
  });

  it('unmasks the leaders only with the right and a reason, and logs everyone named per export', async () => {
    const organizer = await t.userWithToken('admin');
    const query = `q=${encodeURIComponent('导出测试高校队')}`;
    const reason = encodeURIComponent('通知决赛安排');
    expectProblem(await refused(`${query}&reason=${reason}`, organizer.token), 403, 'PERSONAL_DATA_RIGHT_REQUIRED');
    await t.http.put(`/api/v1/users/${organizer.id}/personal-data-right`).set(bearer(admin.token)).expect(200);
    const [row] = await csvRecords(`${query}&reason=${reason}`, organizer.token);
    expect(row).toMatchObject({ 负责人手机: MOBILE, 负责人邮箱: team.leader.email });

    type Entry = { kind: string; resource: string; reason: string; actorUserId: string };
    const leaderEntries = (await accessLog(team.leader)).body.items as Entry[];
    const unmasked = leaderEntries.find((entry) => entry.kind === 'export' && entry.actorUserId === organizer.id);
    expect(unmasked).toEqual(expect.objectContaining({ reason: '通知决赛安排' }));
    expect(unmasked!.resource).toMatch(/^teams\/export\/[0-9a-f-]{36}$/);
    // The member's name was in the file, not their contact: logged as masked, under the same export.
    const memberEntries = (await accessLog(team.member)).body.items as Entry[];
    expect(memberEntries.find((entry) => entry.resource === unmasked!.resource)).toEqual(
      expect.objectContaining({ kind: 'export_masked' }),
    );
    // The masked exports of the tests before were logged too.
    expect(leaderEntries.filter((entry) => entry.kind === 'export_masked').length).toBeGreaterThan(0);
  });

  it('is for organizers only and refuses an unknown format', async () => {
    expectProblem(await refused('format=csv', team.leader.token), 403, 'FORBIDDEN');
    expectProblem(await refused('format=pdf'), 400, 'VALIDATION_FAILED');
  });
});
