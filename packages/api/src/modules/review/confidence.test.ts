import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_DIRECTION } from '@saishi/shared';
import { CHECK_VIOLATION, pgErrorOf } from '../../lib/pg-errors.js';
import { DURING_FINAL, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

// Reviewer confidence (issue 16.3): experts give a confidence (1–3) with each score; the round's
// `confidenceWeighting` weighs the aggregate by it.

let t: TestApp;
let admin: { id: string; token: string };
let roundId: string;
let criteria: { code: string; maxScore: number }[];
let sure: string; // totals 90 (confidence 1) and 60 (confidence 3): mean 75, weighted 67.5
let steady: string; // totals 70 and 72, both confidence 2: 71 either way

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const expertToken = (userId: string) => t.app.jwt.sign({ sub: userId, role: 'expert' });

interface AssignmentRow {
  id: string;
  projectId: string;
  expertId: string;
}

async function assignmentsOf(projectId: string): Promise<AssignmentRow[]> {
  const response = await t.http
    .get(`/api/v1/assignments?roundId=${roundId}&projectId=${projectId}&limit=100`)
    .set(auth(admin.token))
    .expect(200);
  return response.body.items;
}

/** Every criterion scored at `fraction` of its max: the total is 100 × fraction. */
const valuesAt = (fraction: number) =>
  Object.fromEntries(criteria.map((criterion) => [criterion.code, criterion.maxScore * fraction]));

async function results(): Promise<{ rule: Record<string, unknown>; results: Map<string, number> }> {
  const response = await t.http.get(`/api/v1/review-rounds/${roundId}/ranking`).set(auth(admin.token)).expect(200);
  const [group] = response.body.groups as {
    rule: Record<string, unknown>;
    entries: { projectId: string; result: number }[];
  }[];
  return { rule: group!.rule, results: new Map(group!.entries.map((entry) => [entry.projectId, entry.result])) };
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_FINAL });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = list.body.items.find((round: { kind: string }) => round.kind === 'final').id;
  const fixture = { editionId, trackCode: 'society' as const, categoryCode: 'data_product' as const };
  const ids = [];
  for (const [index, title] of ['把握项目甲', '把握项目乙'].entries()) {
    const unit = await createUnit(t.db, editionId, {
      name: `把握单位${index}`,
      creditCode: fakeCreditCode(890_000 + index),
    });
    ids.push((await createProject(t.db, { ...fixture, unitIds: [unit.id], title })).projectId);
  }
  [sure, steady] = ids as [string, string];
  for (const projectId of ids)
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${projectId}, ${t.clock.now()})`,
    );
  for (let index = 0; index < 2; index++)
    await t.http
      .post('/api/v1/experts')
      .set(auth(admin.token))
      .send({
        email: `confidence${index}@example.test`,
        displayName: `把握专家${index}`,
        affiliationName: `专家单位${index}`,
      })
      .expect(201);
  await t.http
    .patch(`/api/v1/review-rounds/${roundId}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: 2 })
    .expect(200);
  await t.http.post(`/api/v1/review-rounds/${roundId}/open`).set(auth(admin.token)).send({}).expect(200);
  const rubrics = await t.http.get(`/api/v1/review-rounds/${roundId}/rubrics`).set(auth(admin.token)).expect(200);
  criteria = rubrics.body.items.find(
    (rubric: { directionCode: string }) => rubric.directionCode === CATEGORY_DIRECTION.data_product,
  ).criteria;
  await t.http.post(`/api/v1/review-rounds/${roundId}/assignments/auto`).set(auth(admin.token)).expect(200);
});
afterAll(() => t.close());

describe('the expert’s confidence with each score', () => {
  it('refuses a confidence outside the 1–3 scale, through the API and in the database', async () => {
    const [row] = await assignmentsOf(sure);
    const response = await t.http
      .put(`/api/v1/assignments/${row!.id}/score`)
      .set(auth(expertToken(row!.expertId)))
      .send({ values: valuesAt(0.9), confidence: 4 });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([expect.objectContaining({ path: '/body/confidence' })]);
    const refused = await t.db
      .execute(sql`insert into scores (assignment_id, confidence, updated_at) values (${row!.id}, 4, now())`)
      .then(() => null, pgErrorOf);
    expect(refused).toEqual({ code: CHECK_VIOLATION, constraint: 'scores_confidence_known' });
  });

  it('keeps the confidence of a draft and of the submitted score, and records it in the ledger', async () => {
    const [first, second] = await assignmentsOf(sure);
    const draft = await t.http
      .put(`/api/v1/assignments/${first!.id}/score`)
      .set(auth(expertToken(first!.expertId)))
      .send({ values: valuesAt(0.9), confidence: 1 });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', confidence: 1 });
    const submitted = await t.http
      .post(`/api/v1/assignments/${first!.id}/score/submit`)
      .set(auth(expertToken(first!.expertId)))
      .send({});
    expect(submitted.body).toMatchObject({ status: 'submitted', confidence: 1, total: 90 });
    await t.http
      .post(`/api/v1/assignments/${second!.id}/score/submit`)
      .set(auth(expertToken(second!.expertId)))
      .send({ values: valuesAt(0.6), confidence: 3 })
      .expect(200);
    for (const [index, row] of (await assignmentsOf(steady)).entries())
      await t.http
        .post(`/api/v1/assignments/${row.id}/score/submit`)
        .set(auth(expertToken(row.expertId)))
        .send({ values: valuesAt([0.7, 0.72][index]!), confidence: 2 })
        .expect(200);
    const ledger = await t.http.get('/api/v1/ledger?action=score.submitted&limit=10').set(auth(admin.token));
    expect(
      ledger.body.items.map((entry: { payload: { confidence: number } }) => entry.payload.confidence).sort(),
    ).toEqual([1, 2, 2, 3]);
    expect((await t.http.get('/api/v1/ledger/verify').set(auth(admin.token))).body).toMatchObject({ valid: true });
  });

  it('ranks on the plain aggregate while the round does not weigh confidence', async () => {
    const round = await t.http.get(`/api/v1/review-rounds/${roundId}`).set(auth(admin.token)).expect(200);
    expect(round.body.confidenceWeighting).toBe(false);
    const { rule, results: byProject } = await results();
    expect(rule).toMatchObject({ method: 'mean', confidenceWeighted: false });
    expect([byProject.get(sure), byProject.get(steady)]).toEqual([75, 71]);
  });

  it('weighs each total by its confidence once the round says so, which reorders the projects', async () => {
    const patched = await t.http
      .patch(`/api/v1/review-rounds/${roundId}`)
      .set(auth(admin.token))
      .send({ confidenceWeighting: true });
    expect(patched.body).toMatchObject({ confidenceWeighting: true });
    const response = await t.http.get(`/api/v1/review-rounds/${roundId}/ranking`).set(auth(admin.token)).expect(200);
    const [group] = response.body.groups;
    expect(group.rule).toMatchObject({ confidenceWeighted: true });
    expect(
      group.entries.map((entry: { projectId: string; result: number; rank: number }) => [
        entry.projectId,
        entry.result,
        entry.rank,
      ]),
    ).toEqual([
      [steady, 71, 1],
      [sure, 67.5, 2],
    ]);
  });
});
