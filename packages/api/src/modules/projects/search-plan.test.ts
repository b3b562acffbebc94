import { fillPlaceholders, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { resolveEdition } from '../editions/resolve.js';
import { teams } from '../teams/tables.js';
import { TEAM_SORTS } from '../teams/schemas.js';
import { teamFilters, teamsPage } from '../teams/teams.js';
import { countQuery, filterValues, queryProjects } from './listing.js';

// The organizers' search at a realistic size: thousands of projects, where a sequential scan of
// every search document and the trigram index are priced apart. With a handful of projects the
// planner rightly reads the table, so the plan is only meaningful at this size.

const PROJECTS = 5_000;
const CITIES = ['南宁', '柳州', '桂林', '梧州', '北海', '钦州', '玉林', '百色', '贺州', '河池', '来宾', '崇左'];
const TRADES = ['智联', '数科', '云图', '信达', '慧通', '华数', '星链', '弘毅', '博远', '天衡', '中睿', '泰和'];
const SUBJECTS = ['城市交通拥堵治理', '中小企业信用评价', '农产品质量溯源', '医疗资源调度', '流域水质监测'];
const METHODS = ['多源数据融合', '联邦学习', '隐私计算', '知识图谱', '时空大数据', '区块链存证'];

let t: TestApp;

/**
 * The plan PostgreSQL chooses for a query, its placeholders bound to `values`, as EXPLAIN's lines
 * (both drivers answer `QUERY PLAN`).
 */
async function planOf(
  query: { toSQL(): { sql: string; params: unknown[] } },
  values: Record<string, unknown> = {},
  explain = 'explain',
): Promise<string> {
  const { sql: text, params } = query.toSQL();
  const result = await t.database.pool.query<{ 'QUERY PLAN': string }>(
    `${explain} ${text}`,
    fillPlaceholders(params, values),
  );
  return result.rows.map((row) => row['QUERY PLAN']).join('\n');
}

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}::text`),
    sql`, `,
  )}]`;

beforeAll(async () => {
  t = await createTestApp();
  // Generated teams and their projects, set-based: the triggers write each project's search document.
  await t.db.execute(sql`
    insert into teams (edition_id, track_id, name, entrant_kind, leader_user_id, invite_code, created_at, updated_at)
    select e.id, tr.id,
           (${textArray(CITIES)})[1 + n % 12] || (${textArray(TRADES)})[1 + (n / 12) % 12] || '数据团队' || n,
           'units', u.id, 'PLAN' || n, now(), now()
      from generate_series(1, ${PROJECTS}::int) n
      join editions e on e.code = '2024-guangxi'
      join tracks tr on tr.edition_id = e.id and tr.code = 'society'
      join users u on u.email = 'admin@saishi.demo'`);
  await t.db.execute(sql`
    insert into projects (edition_id, team_id, title, direction_code, category_code, created_at, updated_at)
    select tm.edition_id, tm.id,
           (${textArray(SUBJECTS)})[1 + n % 5] || '的' || (${textArray(METHODS)})[1 + n % 6] || '方案' || n,
           'modeling', 'modeling', now(), now()
      from teams tm, cast(substr(tm.invite_code, 5) as int) n
     where tm.invite_code like 'PLAN%'`);
  // Each with a topic, as every project has (one or more): the topics read as they would be.
  await t.db.execute(sql`
    insert into project_topics (project_id, topic_id)
    select p.id, (select tp.id from topics tp where tp.edition_id = p.edition_id order by tp.sort_order, tp.id limit 1)
      from projects p join teams tm on tm.id = p.team_id
     where tm.invite_code like 'PLAN%'`);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe("the organizers' search at thousands of projects", () => {
  const rare = 4_321;
  const rareTerm = `${CITIES[rare % 12]}${TRADES[Math.floor(rare / 12) % 12]}数据团队${rare}`;

  it('finds the one project of a rare team name', async () => {
    const admin = await t.userWithToken('admin');
    const page = await t.http
      .get(`/api/v1/projects?q=${encodeURIComponent(rareTerm)}`)
      .set({ authorization: `Bearer ${admin.token}` })
      .expect(200);
    expect(page.body.items.map((item: { teamName: string }) => item.teamName)).toEqual([rareTerm]);
    expect(page.body.total).toBe(1);
  });

  // Before and after ANALYZE: PostgreSQL's autovacuum analyzes a loaded table a minute after, the
  // embedded database's automatic analyze as well (db/auto-analyze.ts). Either way the projects'
  // search reads the trigram index, not every document. The teams' search needs the statistics:
  // without them the planner takes the edition's index of the list's order for as selective as
  // the trigram index (an edition's teams are a guessed 0.5 % of the teams).
  it.each([['before', false] as const, ['after', true] as const])(
    'reads the trigram index of the search documents, %s the tables are analyzed',
    async (_when, analyzed) => {
      if (analyzed) await t.db.execute(sql`analyze`);
      const edition = await resolveEdition(t.db, 'current');
      const filters = { q: rareTerm };
      const values = filterValues(edition.id, filters);
      for (const plan of [
        await planOf(queryProjects(t.db, filters, { sort: 'newest', after: false }), { ...values, limit: 51 }),
        await planOf(countQuery(t.db, filters), values),
      ]) {
        expect(plan).toContain('Bitmap Index Scan on project_search_documents_trgm');
        expect(plan).not.toContain('Seq Scan on project_search_documents');
      }
      // The teams' list searches their names through their own trigram index.
      if (!analyzed) return;
      const teamSearch = await teamFilters({ db: t.db } as Parameters<typeof teamFilters>[0], {
        edition: 'current',
        q: rareTerm,
      });
      for (const query of [
        t.db.select({ id: teams.id }).from(teams).where(teamSearch),
        teamsPage(t.db, teamSearch, 'updated', { limit: 51 }),
      ]) {
        expect(await planOf(query)).toContain('Bitmap Index Scan on teams_name_trgm');
      }
    },
  );

  // Each order of the list has its index: a page, the first or one after a cursor, is read in
  // order from it, not sorted from every project of the edition (which cost a page at 20,000
  // projects 30–40 ms, sorted by title or by submission). The topic ids are the project's own
  // column (kept by triggers), not a subquery run for each row of the page.
  it.each([
    ['newest', 'projects_edition_created', '2099-01-01T00:00:00.000000Z'],
    ['title', 'projects_edition_title', '城市'],
    ['lastSubmitted', 'projects_edition_last_submitted', '2099-01-01T00:00:00.000000Z'],
  ] as const)('reads a page sorted by %s in the order of its index %s', async (sort, index, afterKey) => {
    const edition = await resolveEdition(t.db, 'current');
    for (const after of [false, true]) {
      const values = {
        ...filterValues(edition.id, {}),
        limit: 51,
        afterKey,
        afterId: '00000000-0000-0000-0000-000000000000',
      };
      const plan = await planOf(
        queryProjects(t.db, {}, { sort, after }),
        values,
        'explain (analyze, costs off, timing off)',
      );
      expect(plan).toMatch(new RegExp(`Index Scan (Backward )?using ${index} on projects`));
      expect(plan).not.toMatch(/Sort Key: projects\./);
      expect(plan).not.toContain('SubPlan');
    }
  });

  // The teams' list likewise, each order from its index. Teams changed at the same instant (a batch
  // of approvals) misled the planner at 20,000 teams: it thought a page after a cursor had a few
  // rows, joined the tracks by hash and sorted every team after the cursor (20–40 ms a page).
  it.each(TEAM_SORTS)("reads a page of the teams' list sorted by %s from an index, without sorting", async (sort) => {
    // With statistics, as autovacuum (or the embedded database's automatic analyze) keeps them.
    await t.db.execute(sql`analyze`);
    const deps = { db: t.db } as Parameters<typeof teamFilters>[0];
    for (const track of [undefined, 'society'] as const) {
      const filters = await teamFilters(deps, { edition: 'current', track });
      const [middle] = await teamsPage(t.db, filters, sort, { limit: 1 }).offset(PROJECTS / 2);
      for (const after of [undefined, [middle!.sortKey, middle!.team.id] as [string, string]]) {
        const plan = await planOf(
          teamsPage(t.db, filters, sort, { after, limit: 51 }),
          {},
          'explain (analyze, costs off, timing off)',
        );
        expect(plan).toMatch(/Index Scan (Backward )?using teams_edition_\w+ on teams/);
        expect(plan).not.toContain('Sort Key');
        // The teams alone, without a filter of the track: no join for the planner to sort after.
        if (!track) expect(plan).not.toMatch(/Join|Nested Loop/);
      }
    }
  });
});
