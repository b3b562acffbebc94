import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_DIRECTION } from '@saishi/shared';
import { DURING_FINAL, createTestApp, type TestApp } from '../../test/app.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

// Review fairness (issue 16): lost reviewers are seen and topped up, one aggregation rule per group.

let t: TestApp;
let admin: { id: string; token: string };
let editionId: string;
let rounds: { preliminary: string; final: string };

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const expertToken = (userId: string) => t.app.jwt.sign({ sub: userId, role: 'expert' });

interface Criterion {
  code: string;
  maxScore: number;
}
interface AssignmentRow {
  id: string;
  projectId: string;
  expertId: string;
  score: { status: string } | null;
}

let expertSeq = 0;
async function newExpert(): Promise<string> {
  expertSeq++;
  const response = await t.http
    .post('/api/v1/experts')
    .set(auth(admin.token))
    .send({
      email: `fair${expertSeq}@example.test`,
      displayName: `公平专家${expertSeq}`,
      affiliationName: `公平专家单位${expertSeq}`,
      affiliationCreditCode: fakeCreditCode(770_000 + expertSeq),
    });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function assignmentsOf(roundId: string, projectId: string): Promise<AssignmentRow[]> {
  const response = await t.http
    .get(`/api/v1/assignments?roundId=${roundId}&projectId=${projectId}&limit=100`)
    .set(auth(admin.token))
    .expect(200);
  return response.body.items;
}

/** Every criterion scored at `fraction` of its max: the total is 100 × fraction. */
async function submit(assignment: AssignmentRow, criteria: Criterion[], fraction: number) {
  const values = Object.fromEntries(criteria.map((criterion) => [criterion.code, criterion.maxScore * fraction]));
  const response = await t.http
    .post(`/api/v1/assignments/${assignment.id}/score/submit`)
    .set(auth(expertToken(assignment.expertId)))
    .send({ values });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function summaryOf(roundId: string) {
  return (await t.http.get(`/api/v1/review-rounds/${roundId}/summary`).set(auth(admin.token)).expect(200)).body;
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_FINAL });
  admin = await t.userWithToken('admin');
  editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
});
afterAll(() => t.close());

describe('reviewer shortfall and one aggregation rule per group (issue 16.1)', () => {
  let projectA: string;
  let projectB: string;
  let criteria: Criterion[];

  beforeAll(async () => {
    const unit = await createUnit(t.db, editionId, { name: '短缺测试单位', creditCode: fakeCreditCode(771_000) });
    const fixture = {
      editionId,
      trackCode: 'society' as const,
      unitIds: [unit.id],
      categoryCode: 'data_product' as const,
    };
    projectA = (await createProject(t.db, { ...fixture, title: '短缺项目甲' })).projectId;
    projectB = (await createProject(t.db, { ...fixture, title: '短缺项目乙' })).projectId;
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${rounds.final}, ${projectA}, ${t.clock.now()}), (${rounds.final}, ${projectB}, ${t.clock.now()})`,
    );
    for (let index = 0; index < 4; index++) await newExpert();
    await t.http
      .patch(`/api/v1/review-rounds/${rounds.final}`)
      .set(auth(admin.token))
      .send({ expertsPerProject: 5 })
      .expect(200);
    const opened = await t.http.post(`/api/v1/review-rounds/${rounds.final}/open`).set(auth(admin.token)).send({});
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const rubrics = await t.http
      .get(`/api/v1/review-rounds/${rounds.final}/rubrics`)
      .set(auth(admin.token))
      .expect(200);
    criteria = rubrics.body.items.find(
      (rubric: { directionCode: string }) => rubric.directionCode === CATEGORY_DIRECTION.data_product,
    ).criteria;
  });

  it('assigns N to every project; the summary shows no shortfall', async () => {
    const run = await t.http
      .post(`/api/v1/review-rounds/${rounds.final}/assignments/auto`)
      .set(auth(admin.token))
      .expect(200);
    expect(run.body).toMatchObject({ created: 10, shortfalls: [] });
    expect(await summaryOf(rounds.final)).toMatchObject({
      projects: 2,
      expertsPerProject: 5,
      assignments: 10,
      submitted: 0,
      shortfallProjects: 0,
      shortfalls: [],
    });
  });

  it('shows the organizer at once a reviewer lost to a declared conflict, and one whose account is disabled', async () => {
    const [conflicted] = await assignmentsOf(rounds.final, projectA);
    await t.http
      .post(`/api/v1/experts/${conflicted!.expertId}/conflicts`)
      .set(auth(expertToken(conflicted!.expertId)))
      .send({ kind: 'project', subjectId: projectA, reason: '曾为该项目提供咨询' })
      .expect(201);
    const disabled = (await assignmentsOf(rounds.final, projectB)).find(
      (row) => row.expertId !== conflicted!.expertId,
    )!;
    await t.http
      .patch(`/api/v1/users/${disabled.expertId}`)
      .set(auth(admin.token))
      .send({ disabled: true })
      .expect(200);

    const summary = await summaryOf(rounds.final);
    expect(summary).toMatchObject({ assignments: 8, shortfallProjects: 2 });
    const byProject = new Map(
      summary.shortfalls.map((entry: { projectId: string }) => [entry.projectId, entry] as const),
    );
    expect(byProject.get(projectA)).toMatchObject({
      title: '短缺项目甲',
      assigned: 4,
      missing: 1,
      lost: [{ expertId: conflicted!.expertId, cause: 'conflict', reason: 'conflict declared' }],
    });
    expect(byProject.get(projectB)).toMatchObject({
      assigned: 4,
      missing: 1,
      lost: [{ expertId: disabled.expertId, cause: 'expert_disabled' }],
    });
    expect((byProject.get(projectB) as { lost: { at: string }[] }).lost[0]!.at).toMatch(/\+08:00$/);
  });

  it('aggregates the whole group by the mean while a project has fewer than 5 scores, and says so', async () => {
    // A: 4 reviewers left, B: 4 active; all submit. A's totals 90, 80, 70, 60; B's 50 × 4.
    const fractions = [0.9, 0.8, 0.7, 0.6];
    for (const [index, row] of (await assignmentsOf(rounds.final, projectA)).entries())
      await submit(row, criteria, fractions[index]!);
    const disabledB = await t.http.get(`/api/v1/review-rounds/${rounds.final}/summary`).set(auth(admin.token));
    const lostB = disabledB.body.shortfalls.find((entry: { projectId: string }) => entry.projectId === projectB).lost[0]
      .expertId as string;
    for (const row of await assignmentsOf(rounds.final, projectB))
      if (row.expertId !== lostB) await submit(row, criteria, 0.5);

    const ranking = await t.http
      .get(`/api/v1/review-rounds/${rounds.final}/ranking`)
      .set(auth(admin.token))
      .expect(200);
    const group = ranking.body.groups.find(
      (entry: { trackCode: string; categoryCode: string }) =>
        entry.trackCode === 'society' && entry.categoryCode === 'data_product',
    );
    expect(group.rule).toEqual({ method: 'mean', normalize: false, minScores: 4 });
    expect(
      group.entries.map((entry: { projectId: string; result: number; method: string; trimmed: boolean }) => [
        entry.projectId,
        entry.result,
        entry.method,
        entry.trimmed,
      ]),
    ).toEqual([
      [projectA, 75, 'mean', false],
      [projectB, 50, 'mean', false],
    ]);
  });

  it('tops up both projects by auto-assignment, not counting the disabled expert’s unsubmitted assignment', async () => {
    const run = await t.http
      .post(`/api/v1/review-rounds/${rounds.final}/assignments/auto`)
      .set(auth(admin.token))
      .expect(200);
    expect(run.body).toMatchObject({ created: 2, shortfalls: [] });
    expect(await summaryOf(rounds.final)).toMatchObject({ assignments: 10, submitted: 8, shortfallProjects: 0 });
  });

  it('trims every project of the group once each has 5 scores', async () => {
    // A gets a fifth total of 100: 100, 90, 80, 70, 60 → (90 + 80 + 70) / 3 = 80.
    for (const row of await assignmentsOf(rounds.final, projectA)) if (!row.score) await submit(row, criteria, 1);
    for (const row of await assignmentsOf(rounds.final, projectB)) if (!row.score) await submit(row, criteria, 0.5);
    const ranking = await t.http
      .get(`/api/v1/review-rounds/${rounds.final}/ranking`)
      .set(auth(admin.token))
      .expect(200);
    const group = ranking.body.groups.find(
      (entry: { trackCode: string; categoryCode: string }) =>
        entry.trackCode === 'society' && entry.categoryCode === 'data_product',
    );
    expect(group.rule).toEqual({ method: 'trimmed_mean', normalize: false, minScores: 5 });
    expect(group.entries[0]).toMatchObject({ projectId: projectA, result: 80, method: 'trimmed_mean', trimmed: true });
  });
});
