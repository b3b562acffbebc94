import { gt, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEmail } from '@saishi/shared';
import { encodeCursor } from '../../lib/pagination.js';
import { sqlRows } from '../../lib/rows.js';
import { expectProblem, type TestApp, bytesOfBody } from '../../test/app.js';
import { createTeamFixture } from './fixtures.js';
import { searchCondition } from './listing.js';
import { projects } from './tables.js';
import { bearer, openProjectsTestApp, projectHelpers, type ProjectsTestContext } from './test-kit.js';

let context: ProjectsTestContext;
let t: TestApp;
let admin: ProjectsTestContext['admin'];

beforeAll(async () => {
  context = await openProjectsTestApp();
  ({ t, admin } = context);
});

afterAll(async () => {
  await t?.close();
});

const { modelingBody, productBody, createProject, readyProject, submit } = projectHelpers(() => context);

describe("organizers' list, export and statistics", () => {
  let society: { id: string };
  let university: { id: string };
  let universityTeam: Awaited<ReturnType<typeof readyProject>>['team'];

  beforeAll(async () => {
    const a = await readyProject(
      { name: '邕江数据团队', unit: { name: '南宁智慧交通研究院', type: 'research_institute' } },
      modelingBody('邕城交通大脑'),
    );
    await submit(a.project.id, a.team.leader.token);
    society = a.project;
    const b = await readyProject(
      { track: 'university', name: '桂林学子队', unit: { name: '桂林电子科技大学', type: 'university' } },
      productBody('漓江农产品溯源平台'),
    );
    await submit(b.project.id, b.team.leader.token);
    university = b.project;
    universityTeam = b.team;
  });

  const list = (query: string, token = admin.token) => t.http.get(`/api/v1/projects?${query}`).set(bearer(token));

  it('filters by track, category, field and qualification status', async () => {
    const byTrack = await list('track=university&limit=200');
    expect(byTrack.body.items.map((item: { id: string }) => item.id)).toContain(university.id);
    expect(byTrack.body.items.every((item: { track: string }) => item.track === 'university')).toBe(true);
    const byCategory = await list('category=data_product&limit=200');
    expect(byCategory.body.items.every((item: { category: string }) => item.category === 'data_product')).toBe(true);
    const byField = await list('field=transportation&limit=200');
    expect(byField.body.items.map((item: { id: string }) => item.id)).toContain(society.id);
    expect(byField.body.items.map((item: { id: string }) => item.id)).not.toContain(university.id);
    const byStatus = await list('qualificationStatus=rejected');
    expect(byStatus.body.items).toEqual([]);
  });

  it('answers each request with its own filters, whatever the same combination was asked before', async () => {
    const ids = async (query: string) => ((await list(query)).body.items as { id: string }[]).map((item) => item.id);
    expect(await ids('track=university&limit=200')).toContain(university.id);
    const inSociety = await ids('track=society&limit=200');
    expect(inSociety).toContain(society.id);
    expect(inSociety).not.toContain(university.id);
    expect(await ids(`track=society&q=${encodeURIComponent('交通大脑')}`)).toEqual([society.id]);
    expect(await ids(`track=society&q=${encodeURIComponent('溯源平台')}`)).toEqual([]);
    expect(await ids(`track=university&q=${encodeURIComponent('溯源平台')}`)).toEqual([university.id]);
    expect(await ids('status=submitted&limit=200')).toContain(society.id);
    expect(await ids('status=draft&limit=200')).not.toContain(society.id);
  });

  it('filters by topic with topicId, as every filter on an id is named, and refuses the old name', async () => {
    const listed = (await list('limit=200')).body.items as { id: string; topics: { id: string }[] }[];
    const topicId = listed.find((item) => item.id === society.id)!.topics[0]!.id;
    const byTopic = await list(`topicId=${topicId}&limit=200`);
    expect(byTopic.status).toBe(200);
    expect(byTopic.body.items.map((item: { id: string }) => item.id)).toContain(society.id);
    expect(
      byTopic.body.items.every((item: { topics: { id: string }[] }) => item.topics.some((t) => t.id === topicId)),
    ).toBe(true);
    const old = await list(`topic=${topicId}`);
    expect(old.status).toBe(400);
    expect(old.body.errors[0].path).toBe('/querystring/topic');
  });

  it("lists each project's topics as they are written, whatever the statement", async () => {
    const listedTopics = async (id: string) =>
      ((await list('limit=200')).body.items as { id: string; topics: { id: string }[] }[])
        .find((item) => item.id === id)!
        .topics.map((topic) => topic.id)
        .sort();
    // The ids kept on the project (by triggers) against their source, project_topics.
    const kept = async () =>
      sqlRows<{ id: string; kept: string[]; source: string[] }>(
        t.db,
        sql`select p.id, p.topic_ids as kept,
                   coalesce((select array_agg(pt.topic_id order by pt.topic_id) from project_topics pt
                              where pt.project_id = p.id), '{}') as source
              from projects p where p.id in (${society.id}, ${university.id})`,
      );
    const expectKept = async () => {
      for (const row of await kept()) expect(row.kept).toEqual(row.source);
    };
    await expectKept();
    const before = await listedTopics(society.id);
    // Two topics of the edition that neither project has.
    const [x, y] = (
      await sqlRows<{ id: string }>(
        t.db,
        sql`select tp.id from topics tp join projects p on p.edition_id = tp.edition_id
             where p.id = ${society.id} and not exists (select 1 from project_topics pt
               where pt.topic_id = tp.id and pt.project_id in (${society.id}, ${university.id}))
             order by tp.id limit 2`,
      )
    ).map((row) => row.id);
    // One statement for two projects, then an update moving a topic, then deletes.
    await t.db.execute(
      sql`insert into project_topics (project_id, topic_id) values (${society.id}, ${x}), (${university.id}, ${x})`,
    );
    await expectKept();
    expect(await listedTopics(society.id)).toEqual([...before, x!].sort());
    await t.db.execute(
      sql`update project_topics set topic_id = ${y} where project_id = ${society.id} and topic_id = ${x}`,
    );
    await expectKept();
    expect(await listedTopics(society.id)).toEqual([...before, y!].sort());
    // A row moved to another project: both projects change.
    await t.db.execute(
      sql`update project_topics set project_id = ${university.id} where project_id = ${society.id} and topic_id = ${y}`,
    );
    await expectKept();
    expect(await listedTopics(society.id)).toEqual(before);
    expect(await listedTopics(university.id)).toEqual(expect.arrayContaining([x, y]));
    await t.db.execute(sql`delete from project_topics where topic_id in (${x}, ${y})`);
    await expectKept();
    expect(await listedTopics(society.id)).toEqual(before);
  });

  it('searches Chinese text in titles, team names and unit names', async () => {
    expect(
      (await list(`q=${encodeURIComponent('交通大脑')}`)).body.items.map((item: { id: string }) => item.id),
    ).toEqual([society.id]);
    expect(
      (await list(`q=${encodeURIComponent('桂林学子')}`)).body.items.map((item: { id: string }) => item.id),
    ).toEqual([university.id]);
    expect(
      (await list(`q=${encodeURIComponent('电子科技')}`)).body.items.map((item: { id: string }) => item.id),
    ).toEqual([university.id]);
    expect((await list(`q=${encodeURIComponent('100%')}`)).body.items).toEqual([]);
  });

  it('keeps the search document current when a title, a team or a unit is renamed', async () => {
    const ids = async (q: string) =>
      (await list(`q=${encodeURIComponent(q)}`)).body.items.map((item: { id: string }) => item.id);
    await t.db.execute(
      sql`update teams set name = '八桂星火队' where id = (select team_id from projects where id = ${university.id})`,
    );
    expect(await ids('八桂星火')).toEqual([university.id]);
    expect(await ids('桂林学子')).toEqual([]);
    await t.db.execute(sql`update units set name = '南宁城市大脑研究院' where name = '南宁智慧交通研究院'`);
    expect(await ids('城市大脑研究')).toEqual([society.id]);
    await t.db.execute(sql`update projects set title = '邕城公交客流预测' where id = ${society.id}`);
    expect(await ids('公交客流')).toEqual([society.id]);
    expect(await ids('交通大脑')).toEqual([]);

    await t.db.execute(sql`update projects set title = '邕城交通大脑' where id = ${society.id}`);
    await t.db.execute(sql`update units set name = '南宁智慧交通研究院' where name = '南宁城市大脑研究院'`);
    await t.db.execute(
      sql`update teams set name = '桂林学子队' where id = (select team_id from projects where id = ${university.id})`,
    );
    expect(await ids('交通大脑')).toEqual([society.id]);
    expect(await ids('桂林学子')).toEqual([university.id]);
  });

  it('searches through the trigram index of the search documents', async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      // Both drivers answer EXPLAIN with rows of one column, `QUERY PLAN`.
      const result = (await tx.execute(
        sql`explain select ${projects.id} from ${projects} where ${searchCondition('溯源平台')}`,
      )) as { rows: { 'QUERY PLAN': string }[] };
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('project_search_documents_trgm');
  });

  it('pages with a keyset cursor without repeating or skipping', async () => {
    const all = await list('limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((item: { id: string }) => item.id));
    expectProblem(await list('cursor=bogus'), 400, 'INVALID_CURSOR');
  });

  it('tells on every page how many projects the filters match, a page past the end included', async () => {
    const everything = async (query: string) => {
      const pages: { items: { id: string }[]; total: number }[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null; total: number } } = await list(
          `${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        pages.push(page.body);
        cursor = page.body.nextCursor;
      } while (cursor);
      return pages;
    };
    for (const query of [
      'sort=newest',
      'track=university',
      'qualificationStatus=approved',
      `q=${encodeURIComponent('桂林')}`,
    ]) {
      const pages = await everything(query);
      const matched = pages.flatMap((page) => page.items).length;
      expect(matched).toBeGreaterThan(0);
      expect(pages.map((page) => page.total)).toEqual(pages.map(() => matched));
      // Older than the epoch: an empty page after a cursor, which still tells the total.
      const pastTheEnd = encodeCursor(['1970-01-01T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000']);
      const empty = await list(`${query}&cursor=${pastTheEnd}`).expect(200);
      expect(empty.body).toEqual({ items: [], nextCursor: null, total: matched });
    }
    expect((await list(`q=${encodeURIComponent('不存在的项目')}`).expect(200)).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it('sorts on the server by title, age or last submission (drafts last), paging each order', async () => {
    await readyProject(
      { name: '北海草稿队', unit: { name: '北海海洋数据中心', type: 'research_institute' } },
      modelingBody('北部湾海洋牧场'),
    );
    type Item = { id: string; title: string; status: string; lastSubmittedAt: string | null };
    const everything = async (sort: string, pageSize: number) => {
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Item[]; nextCursor: string | null } } = await list(
          `limit=${pageSize}&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const newest = await everything('newest', 200);
    expect((await everything('oldest', 2)).map((item) => item.id)).toEqual(newest.map((item) => item.id).reverse());

    // Titles in the database's own collation, whatever the locale of the server.
    const byTitle = await sqlRows<{ id: string }>(
      t.db,
      sql`select id from projects where edition_id = (select edition_id from projects where id = ${society.id}) order by title, id`,
    );
    const titles = await everything('title', 2);
    expect(titles.map((item) => item.id)).toEqual(byTitle.map((row) => row.id));

    const submitted = await everything('lastSubmitted', 2);
    expect(submitted.map((item) => item.id).sort()).toEqual(newest.map((item) => item.id).sort());
    const firstDraft = submitted.findIndex((item) => item.lastSubmittedAt === null);
    expect(firstDraft).toBeGreaterThan(0);
    expect(submitted.slice(firstDraft).every((item) => item.lastSubmittedAt === null)).toBe(true);
    const times = submitted.slice(0, firstDraft).map((item) => new Date(item.lastSubmittedAt!).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // A cursor keeps to its order: one of the title order means nothing to the newest-first one.
    const titlePage = await list('limit=1&sort=title').expect(200);
    expectProblem(await list(`limit=1&sort=newest&cursor=${titlePage.body.nextCursor}`), 400, 'INVALID_CURSOR');
    expectProblem(await list('sort=score'), 400, 'VALIDATION_FAILED');
  });

  it('is for organizers only', async () => {
    const participant = await t.userWithToken('participant');
    expectProblem(await list('', participant.token), 403, 'FORBIDDEN');
  });

  it('exports CSV with a UTF-8 BOM and Chinese intact', async () => {
    const res = await t.http
      .get(`/api/v1/projects/export?format=csv&track=university`)
      .set(bearer(admin.token))
      .buffer(true)
      .parse(bytesOfBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('作品名称');
    expect(text).toContain('漓江农产品溯源平台');
    expect(text).not.toContain('邕城交通大脑');
  });

  it('exports labels under the Chinese headers, the codes after them, and whom to call (leader, members, credit code)', async () => {
    const res = await t.http
      .get(`/api/v1/projects/export?format=csv&track=university`)
      .set(bearer(admin.token))
      .buffer(true)
      .parse(bytesOfBody);
    const [header = '', row = ''] = (res.body as Buffer)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/);
    const cells = Object.fromEntries(header.split(',').map((name, index) => [name, row.split(',')[index]]));
    expect(cells).toMatchObject({
      作品名称: '漓江农产品溯源平台',
      赛道: '高校赛道',
      参赛方向: '产品创新',
      类别: '数据产品',
      单位类型: '高校',
      资格审核: '已通过',
      状态: '已提交',
      赛道代码: 'university',
      类别代码: 'data_product',
      资格审核代码: 'approved',
      统一社会信用代码: universityTeam.unit.creditCode,
      // Masked without a reason (minimization): the unmasked export is in privacy/minimization.test.ts.
      负责人邮箱: maskEmail(universityTeam.leader.email),
      负责人: `participant ${universityTeam.leader.email}`,
      团队成员: `participant ${universityTeam.leader.email}（负责人）、participant ${universityTeam.member.email}（成员）`,
    });
    expect(cells.行业领域).not.toMatch(/[a-z]_[a-z]/);
  });

  it('exports a title that looks like a formula as inert text', async () => {
    const team = await createTeamFixture(t);
    await createProject(team, modelingBody('=HYPERLINK("http://example.test")'));
    const res = await t.http.get(`/api/v1/projects/export?format=csv&q=HYPERLINK`).set(bearer(admin.token));
    expect(res.text).toContain(`"'=HYPERLINK(""http://example.test"")"`);
  });

  it('exports XLSX that a spreadsheet program reads back with Chinese intact', async () => {
    const res = await t.http
      .get(`/api/v1/projects/export?format=xlsx&q=${encodeURIComponent('邕城')}`)
      .set(bearer(admin.token))
      .buffer(true)
      .parse(bytesOfBody);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.getWorksheet('参赛作品')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('作品名称');
    expect(sheet.getRow(2).getCell(2).value).toBe('邕城交通大脑');
    // The same columns as the CSV: labels, contacts, then codes.
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining(['负责人', '负责人手机', '负责人邮箱', '团队成员', '统一社会信用代码']),
    );
    expect(sheet.getRow(2).getCell(headers.indexOf('赛道') + 1).value).toBe('社会赛道');
    expect(sheet.getRow(2).getCell(headers.indexOf('单位类型') + 1).value).toBe('科研院所');
    expect(sheet.rowCount).toBe(2);
  });

  it('counts submitted projects by track, direction, field, unit type and day', async () => {
    const res = await t.http.get('/api/v1/projects/statistics').set(bearer(admin.token));
    expect(res.status).toBe(200);
    const count = (rows: { key: string; count: number }[], key: string) =>
      rows.find((row) => row.key === key)?.count ?? 0;
    const submitted = await t.db.$count(projects, gt(projects.latestVersion, 0));
    expect(res.body.totals.submitted).toBe(submitted);
    expect(count(res.body.byTrack, 'university')).toBeGreaterThanOrEqual(1);
    expect(count(res.body.byDirection, 'product_innovation')).toBeGreaterThanOrEqual(1);
    expect(count(res.body.byField, 'modern_agriculture')).toBeGreaterThanOrEqual(1);
    expect(count(res.body.byUnitType, 'university')).toBe(1);
    expect(count(res.body.byUnitType, 'research_institute')).toBe(1);
    expect(res.body.byDay).toEqual([{ key: '2024-07-15', count: submitted }]);
  });
});
