import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_DIRECTION } from '@saishi/shared';
import { sqlRows } from '../../lib/rows.js';
import { DURING_FINAL, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

// The round's screen (issue 17, item 9): assignments grouped by project or by expert, and each
// project's progress (assignments that count, submitted scores) in the round's project list.

let t: TestApp;
let admin: { id: string; token: string };
let roundId: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

interface Row {
  id: string;
  projectId: string;
  expertId: string;
  projectTitle: string;
  expertName: string;
}
const titles = ['进度项目丙', '进度项目甲', '进度项目乙'];
let projectIds: string[];
let first: Row;

/** Every assignment of the round in the order asked, `size` by `size`. */
async function everything(sort: string, size: number): Promise<Row[]> {
  const seen: Row[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Row[]; nextCursor: string | null } } = await t.http
      .get(`/api/v1/assignments?roundId=${roundId}&limit=${size}&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)
      .set(auth(admin.token))
      .expect(200);
    seen.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return seen;
}

/** Whether the rows of each key come together, in one run. */
function grouped(keys: string[]): boolean {
  const runs = keys.filter((key, index) => key !== keys[index - 1]);
  return new Set(runs).size === runs.length;
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_FINAL });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const rounds = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = rounds.body.items.find((round: { kind: string }) => round.kind === 'final').id;
  projectIds = [];
  for (const [index, title] of titles.entries()) {
    const unit = await createUnit(t.db, editionId, {
      name: `进度单位${index}`,
      creditCode: fakeCreditCode(770_000 + index),
    });
    const { projectId } = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      categoryCode: 'data_product',
      unitIds: [unit.id],
      title,
    });
    projectIds.push(projectId);
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${projectId}, ${t.clock.now()})`,
    );
  }
  for (const name of ['进度专家乙', '进度专家甲', '进度专家丙'])
    await t.http
      .post('/api/v1/experts')
      .set(auth(admin.token))
      .send({
        email: `${encodeURIComponent(name).slice(-6)}@progress.test`,
        displayName: name,
        affiliationName: `${name}单位`,
      })
      .expect(201);
  await t.http
    .patch(`/api/v1/review-rounds/${roundId}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: 2 })
    .expect(200);
  await t.http.post(`/api/v1/review-rounds/${roundId}/open`).set(auth(admin.token)).send({}).expect(200);
  await t.http.post(`/api/v1/review-rounds/${roundId}/assignments/auto`).set(auth(admin.token)).expect(200);

  // One score submitted: the first project's first assignment.
  const rubrics = await t.http.get(`/api/v1/review-rounds/${roundId}/rubrics`).set(auth(admin.token)).expect(200);
  const criteria: { code: string; maxScore: number }[] = rubrics.body.items.find(
    (rubric: { directionCode: string }) => rubric.directionCode === CATEGORY_DIRECTION.data_product,
  ).criteria;
  const ofFirst = await t.http
    .get(`/api/v1/assignments?roundId=${roundId}&projectId=${projectIds[0]}`)
    .set(auth(admin.token))
    .expect(200);
  first = ofFirst.body.items[0];
  await t.http
    .post(`/api/v1/assignments/${first.id}/score/submit`)
    .set(auth(t.app.jwt.sign({ sub: first.expertId, role: 'expert' })))
    .send({ values: Object.fromEntries(criteria.map((criterion) => [criterion.code, criterion.maxScore * 0.8])) })
    .expect(200);
});
afterAll(() => t.close());

describe("the round's assignments and progress", () => {
  it('groups the assignments by project, the default, or by expert, across pages', async () => {
    const byProject = await everything('project', 2);
    expect(byProject.length).toBeGreaterThanOrEqual(6);
    expect(grouped(byProject.map((row) => row.projectId))).toBe(true);
    const unsorted = await t.http.get(`/api/v1/assignments?roundId=${roundId}&limit=200`).set(auth(admin.token));
    expect(unsorted.body.items.map((row: Row) => row.id)).toEqual(byProject.map((row) => row.id));
    // Our three projects by title, in the database's own collation.
    const ours = byProject.filter((row) => projectIds.includes(row.projectId)).map((row) => row.projectTitle);
    const rows = await sqlRows<{ title: string }>(
      t.db,
      sql`select title from projects where id in (${sql.join(
        projectIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) order by title`,
    );
    expect([...new Set(ours)]).toEqual(rows.map((row) => row.title));

    const byExpert = await everything('expert', 2);
    expect(byExpert.map((row) => row.id).sort()).toEqual(byProject.map((row) => row.id).sort());
    // (Whether the projects also happen to stand together in that order is up to the assignment.)
    expect(grouped(byExpert.map((row) => row.expertId))).toBe(true);

    expectProblem(await t.http.get('/api/v1/assignments?sort=score').set(auth(admin.token)), 400, 'VALIDATION_FAILED');
  });

  it("gives each of the round's projects its progress, by title", async () => {
    const list = await t.http.get(`/api/v1/review-rounds/${roundId}/projects`).set(auth(admin.token)).expect(200);
    const items: { projectId: string; title: string; assigned: number; submitted: number }[] = list.body.items;
    const byId = new Map(items.map((item) => [item.projectId, item]));
    expect(byId.get(projectIds[0]!)).toMatchObject({ assigned: 2, submitted: 1 });
    expect(byId.get(projectIds[1]!)).toMatchObject({ assigned: 2, submitted: 0 });
    const ours = items.filter((item) => titles.includes(item.title)).map((item) => item.title);
    expect(ours).toHaveLength(3);
    const assignments = await everything('project', 200);
    for (const item of items)
      expect(item.assigned).toBe(assignments.filter((row) => row.projectId === item.projectId).length);
  });
});
