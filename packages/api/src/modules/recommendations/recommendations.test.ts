import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { DURING_COLLECTION_2025, auth, setUpTwoDivisions, type TwoDivisions } from '../../test/divisions.js';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { editions } from '../editions/tables.js';
import { projectVersions, type ProjectSnapshot } from '../projects/tables.js';
import { createProject, createUnit, fakeCreditCode } from '../review/fixtures.js';
import { reviewRounds } from '../review/tables.js';

/** R-DIV-2: a division's winners recommended to the national final, accepted or declined there. */
let t: TestApp;
let divisions: TwoDivisions;
let winner: string;
let runnerUp: string;
/** The leaders of the two winners' teams, by project id. */
const leaders = new Map<string, string>();

const editionIdOf = async (code: string) =>
  (await t.db.select({ id: editions.id }).from(editions).where(eq(editions.code, code)))[0]!.id;

beforeAll(async () => {
  t = await createTestApp({ now: DURING_COLLECTION_2025 });
  divisions = await setUpTwoDivisions(t);
  // Two winners of the 2025 广西 final (its rounds were cloned from 2024), as the award allocation leaves them.
  const guangxi = await editionIdOf('2025-guangxi');
  const [final] = await t.db
    .select({ id: reviewRounds.id })
    .from(reviewRounds)
    .where(and(eq(reviewRounds.editionId, guangxi), eq(reviewRounds.kind, 'final')));
  await t.db.execute(
    sql`insert into award_quotas (edition_id, track_code, award_category_code, grade_code, quota)
        values (${guangxi}, 'society', 'product_award', 'first', 1), (${guangxi}, 'society', 'product_award', 'second', 1)
        on conflict do nothing`,
  );
  const ids: string[] = [];
  for (const [index, title] of ['广西推荐项目甲', '广西推荐项目乙'].entries()) {
    const unit = await createUnit(t.db, guangxi, {
      name: `推荐测试单位${index}`,
      creditCode: fakeCreditCode(915_000 + index),
    });
    const { projectId, leaderId } = await createProject(t.db, {
      editionId: guangxi,
      trackCode: 'society',
      unitIds: [unit.id],
      title,
    });
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${final!.id}, ${projectId}, ${t.clock.now()})`,
    );
    await t.db.execute(
      sql`insert into project_awards (edition_id, project_id, track_code, award_category_code, grade_code, rank, result, created_at)
          values (${guangxi}, ${projectId}, 'society', 'product_award', ${index === 0 ? 'first' : 'second'}, ${index + 1}, ${90 - index}, ${t.clock.now()})`,
    );
    ids.push(projectId);
    leaders.set(projectId, leaderId);
  }
  [winner, runnerUp] = ids as [string, string];
});
afterAll(() => t.close());

const recommend = (user: { token: string }) =>
  t.http.post('/api/v1/editions/2025-guangxi/recommendations').set(auth(user));
const listOf = (edition: string, user: { token: string }) =>
  t.http.get(`/api/v1/editions/${edition}/recommendations`).set(auth(user));

describe('recommending division winners to the national final', () => {
  it("sends the division's eligible winners once, with the version they were reviewed in", async () => {
    const sent = await recommend(divisions.organizers.guangxi).expect(200);
    expect(sent.body.items.map((item: { projectId: string }) => item.projectId).sort()).toEqual(
      [winner, runnerUp].sort(),
    );
    expect(sent.body.items[0]).toMatchObject({
      divisionEdition: '2025-guangxi',
      status: 'recommended',
      decidedAt: null,
    });
    const again = await recommend(divisions.organizers.guangxi).expect(200);
    expect(again.body.items).toHaveLength(2);
    const national = await listOf('2025-national', divisions.organizers.national).expect(200);
    expect(national.body.items).toHaveLength(2);
  });

  it('keeps each division to its own: another division neither sends nor reads them', async () => {
    expect((await recommend(divisions.organizers.jiangsu)).status).toBe(404);
    expect((await listOf('2025-guangxi', divisions.organizers.jiangsu)).status).toBe(404);
    expect((await listOf('2025-national', divisions.organizers.jiangsu)).status).toBe(404);
    expectProblem(
      await t.http.post('/api/v1/editions/2025-national/recommendations').set(auth(divisions.platform)),
      422,
      'EDITION_HAS_NO_NATIONAL',
    );
  });

  it("lets national organizers accept a project into the national final's review, or decline it with a reason", async () => {
    const items = (await listOf('2025-national', divisions.organizers.national).expect(200)).body.items as {
      id: string;
      projectId: string;
    }[];
    const accepted = items.find((item) => item.projectId === winner)!;
    const declined = items.find((item) => item.projectId === runnerUp)!;
    const accept = () =>
      t.http.post(`/api/v1/recommendations/${accepted.id}/accept`).set(auth(divisions.organizers.national)).send({});
    // A division organizer decides nothing for the national edition.
    expect(
      (await t.http.post(`/api/v1/recommendations/${accepted.id}/accept`).set(auth(divisions.organizers.guangxi)))
        .status,
    ).toBe(404);
    expectProblem(await accept(), 409, 'FINAL_ROUND_MISSING');
    const round = await t.http
      .post('/api/v1/editions/2025-national/review-rounds')
      .set(auth(divisions.organizers.national))
      .send({ kind: 'final', expertsPerProject: 7 })
      .expect(201);
    expect((await accept().expect(200)).body).toMatchObject({ status: 'accepted', decidedAt: expect.any(String) });
    expectProblem(await accept(), 409, 'RECOMMENDATION_DECIDED');
    const enrolled = await t.http
      .get(`/api/v1/review-rounds/${round.body.id}/projects`)
      .set(auth(divisions.organizers.national))
      .expect(200);
    expect(enrolled.body.items.map((item: { projectId: string }) => item.projectId)).toEqual([winner]);

    expectProblem(
      await t.http
        .post(`/api/v1/recommendations/${declined.id}/decline`)
        .set(auth(divisions.organizers.national))
        .send({}),
      400,
      'VALIDATION_FAILED',
    );
    const decline = await t.http
      .post(`/api/v1/recommendations/${declined.id}/decline`)
      .set(auth(divisions.organizers.national))
      .send({ reason: '与其他分赛推荐项目重复' })
      .expect(200);
    expect(decline.body).toMatchObject({ status: 'declined', reason: '与其他分赛推荐项目重复' });
    const own = await listOf('2025-guangxi', divisions.organizers.guangxi).expect(200);
    expect(own.body.items.map((item: { status: string }) => item.status).sort()).toEqual(['accepted', 'declined']);
  });

  it('pins a recommended project to its recommended version: no newer one, in the API or the database', async () => {
    const submit = (projectId: string) =>
      t.http
        .post(`/api/v1/projects/${projectId}/versions`)
        .set(auth({ token: t.app.jwt.sign({ sub: leaders.get(projectId)!, role: 'participant' }) }));
    const pinned = expectProblem(await submit(winner), 409, 'PROJECT_VERSION_PINNED');
    expect(pinned.ruleId).toBe('R-DIV-2');
    expect(pinned.detail).toContain('第 1 版');
    const english = await submit(winner).set('accept-language', 'en').expect(409);
    expect(english.body.detail).toContain('version 1');
    // Declined at the national final, the project is the division's own again.
    expect((await submit(runnerUp)).body.code).not.toBe('PROJECT_VERSION_PINNED');

    // The database holds the pin whatever the service does (a submission racing the recommendation).
    const insertVersion = (projectId: string) =>
      t.db.insert(projectVersions).values({
        projectId,
        number: 2,
        snapshot: {} as ProjectSnapshot,
        submittedBy: leaders.get(projectId)!,
        submittedAt: t.clock.now(),
      });
    const refused = await insertVersion(winner).then(
      () => null,
      (error: unknown) => error,
    );
    expect(pgErrorOf(refused)?.code).toBe('SA014');
    await insertVersion(runnerUp);
    const versions = await t.db
      .select({ number: projectVersions.number })
      .from(projectVersions)
      .where(eq(projectVersions.projectId, winner));
    expect(versions.map((row) => row.number)).toEqual([1]);
  });
});
