import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_DIRECTION } from '@saishi/shared';
import { DURING_FINAL, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
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

interface LedgerEntry {
  action: string;
  subjectId: string;
  payload: Record<string, unknown>;
}
/** Every ledger entry, page after page. */
async function ledger(): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: LedgerEntry[]; nextCursor: string | null } } = await t.http
      .get(`/api/v1/ledger?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      .set(auth(admin.token))
      .expect(200);
    entries.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return entries;
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
    expect(group.rule).toEqual({ method: 'mean', normalize: false, confidenceWeighted: false, minScores: 4 });
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
    expect(group.rule).toEqual({ method: 'trimmed_mean', normalize: false, confidenceWeighted: false, minScores: 5 });
    expect(group.entries[0]).toMatchObject({ projectId: projectA, result: 80, method: 'trimmed_mean', trimmed: true });
  });
});

describe('advancement with a preview and adjustments by hand (issue 16.7)', () => {
  const override = { override: true, reason: '测试：在决赛阶段补做初赛' };
  const ids: string[] = [];

  beforeAll(async () => {
    const unit = await createUnit(t.db, editionId, { name: '晋级预览单位', creditCode: fakeCreditCode(772_000) });
    const fixture = {
      editionId,
      trackCode: 'university' as const,
      unitIds: [unit.id],
      categoryCode: 'modeling' as const,
    };
    for (const title of ['晋级甲', '晋级乙', '晋级丙'])
      ids.push((await createProject(t.db, { ...fixture, title })).projectId);
    await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/open`)
      .set(auth(admin.token))
      .send(override)
      .expect(200);
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) select ${rounds.preliminary}, id, ${t.clock.now()} from projects where id in (${sql.join(ids, sql`, `)}) on conflict do nothing`,
    );
    const rubrics = await t.http
      .get(`/api/v1/review-rounds/${rounds.preliminary}/rubrics`)
      .set(auth(admin.token))
      .expect(200);
    const criteria: Criterion[] = rubrics.body.items.find(
      (rubric: { directionCode: string }) => rubric.directionCode === CATEGORY_DIRECTION.modeling,
    ).criteria;
    const reviewer = await newExpert();
    for (const [index, projectId] of ids.entries()) {
      const assignment = await t.http
        .post('/api/v1/assignments')
        .set(auth(admin.token))
        .send({ roundId: rounds.preliminary, projectId, expertId: reviewer, reason: 'preview test' })
        .expect(201);
      await submit({ ...assignment.body, expertId: reviewer }, criteria, [0.9, 0.8, 0.7][index]!);
    }
    await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/close`)
      .set(auth(admin.token))
      .send(override)
      .expect(200);
  });

  const preview = async (query: string) =>
    (
      await t.http
        .get(`/api/v1/review-rounds/${rounds.preliminary}/advance/preview?${query}`)
        .set(auth(admin.token))
        .expect(200)
    ).body;
  type Row = { projectId: string; title: string; rank: number; alreadyAdvanced: boolean; manual: boolean };
  const mine = (items: Row[]) => items.filter((item) => ids.includes(item.projectId));

  it('lists who the rule advances before anything is decided', async () => {
    const body = await preview('topK=2');
    expect(body.rule).toEqual({ topK: 2 });
    expect(
      mine(body.items).map((item: { title: string; rank: number; alreadyAdvanced: boolean }) => [
        item.title,
        item.rank,
        item.alreadyAdvanced,
      ]),
    ).toEqual([
      ['晋级甲', 1, false],
      ['晋级乙', 2, false],
    ]);
    expect(body.digest).toMatch(/^[0-9a-f]{64}$/);
    const final = await t.http.get(`/api/v1/review-rounds/${rounds.final}/projects`).set(auth(admin.token)).expect(200);
    expect(final.body.items.map((item: { projectId: string }) => item.projectId)).not.toContain(ids[0]);
  });

  it('refuses a commit whose preview is stale, and adjustments that change nothing or name an unranked project', async () => {
    const advance = (body: object) =>
      t.http
        .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
        .set(auth(admin.token))
        .send({ topK: 2, ...override, ...body });
    expectProblem(await advance({ previewDigest: '0'.repeat(64) }), 409, 'DECISION_PREVIEW_STALE');
    const noChange = await advance({ adjustments: [{ projectId: ids[0], advance: true, reason: '已晋级' }] });
    expectProblem(noChange, 422, 'ADJUSTMENT_NO_CHANGE');
    expect(noChange.body.errors[0].path).toBe('/body/adjustments/0/advance');
    expectProblem(
      await advance({ adjustments: [{ projectId: projectIdNotRanked(), advance: true, reason: '未参评' }] }),
      422,
      'ADJUSTMENT_NOT_RANKED',
    );
    const missingReason = await advance({ adjustments: [{ projectId: ids[2], advance: true }] });
    expect(missingReason.status).toBe(400);
  });

  it('commits the previewed outcome with one project held back and one added, each reason in the ledger', async () => {
    const { digest } = await preview('topK=2');
    const response = await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
      .set(auth(admin.token))
      .send({
        topK: 2,
        ...override,
        previewDigest: digest,
        adjustments: [
          { projectId: ids[1], advance: false, reason: '作品涉嫌抄袭，待核查' },
          { projectId: ids[2], advance: true, reason: '评审组合议同意递补' },
        ],
      })
      .expect(200);
    expect(
      mine(response.body.advanced).map((entry: { projectId: string; manual: boolean }) => [
        entry.projectId,
        entry.manual,
      ]),
    ).toEqual([
      [ids[0], false],
      [ids[2], true],
    ]);
    expect(response.body.heldBack).toEqual([expect.objectContaining({ projectId: ids[1], rank: 2 })]);
    const final = await t.http.get(`/api/v1/review-rounds/${rounds.final}/projects`).set(auth(admin.token)).expect(200);
    const inFinal = final.body.items.map((item: { projectId: string }) => item.projectId);
    expect(inFinal).toEqual(expect.arrayContaining([ids[0], ids[2]]));
    expect(inFinal).not.toContain(ids[1]);

    const entries = await ledger();
    expect(
      entries.find((entry) => entry.action === 'decision.adjusted' && entry.subjectId === ids[1])?.payload,
    ).toMatchObject({
      decision: 'advancement',
      change: 'held_back',
      rank: 2,
      reason: '作品涉嫌抄袭，待核查',
    });
    expect(
      entries.find((entry) => entry.action === 'project.advanced' && entry.subjectId === ids[2])?.payload,
    ).toMatchObject({
      manual: { reason: '评审组合议同意递补' },
      rank: 3,
    });
    const afterwards = await preview('topK=2');
    expect(mine(afterwards.items).find((item: { projectId: string }) => item.projectId === ids[0])).toMatchObject({
      alreadyAdvanced: true,
    });
  });

  it('refuses a panel decision once the round’s projects have advanced (409, zh and en)', async () => {
    const panel = (locale: string) =>
      t.http
        .post(`/api/v1/review-rounds/${rounds.preliminary}/projects/${ids[1]}/panel-decision`)
        .set(auth(admin.token))
        .set('accept-language', locale)
        .send({ score: 95, reason: '晋级之后的合议' });
    const zh = await panel('zh-CN');
    expectProblem(zh, 409, 'ROUND_ALREADY_ADVANCED');
    expect(zh.body.detail).toContain('已晋级');
    expect((await panel('en')).body.detail).toContain('already advanced');
    const entries = await ledger();
    expect(entries.filter((entry) => entry.action === 'project.panel_decided' && entry.subjectId === ids[1])).toEqual(
      [],
    );
  });
});

/** A project that exists but is ranked nowhere (a fresh uuid is enough: ranking is what counts). */
function projectIdNotRanked(): string {
  return '00000000-0000-4000-8000-000000000001';
}

describe('award allocation with a preview and adjustments by hand (issue 16.7)', () => {
  // The final ranks the shortfall projects: 甲 80, 乙 50 (society × data product).
  const projectIds = () => ({ a: rankedFinal[0]!, b: rankedFinal[1]! });
  let rankedFinal: string[] = [];

  beforeAll(async () => {
    await t.http.post(`/api/v1/review-rounds/${rounds.final}/close`).set(auth(admin.token)).send({}).expect(200);
    const ranking = await t.http
      .get(`/api/v1/review-rounds/${rounds.final}/ranking`)
      .set(auth(admin.token))
      .expect(200);
    rankedFinal = ranking.body.groups
      .find(
        (group: { trackCode: string; categoryCode: string }) =>
          group.trackCode === 'society' && group.categoryCode === 'data_product',
      )
      .entries.map((entry: { projectId: string }) => entry.projectId);
    const quota = (gradeCode: string, value: number) => ({
      trackCode: 'society',
      awardCategoryCode: 'product_award',
      gradeCode,
      quota: value,
    });
    await t.http
      .put('/api/v1/editions/current/award-quotas')
      .set(auth(admin.token))
      .send({ quotas: [quota('first', 1), quota('second', 1), quota('third', 0), quota('honorable', 0)] })
      .expect(200);
  });

  it('previews the grades the rule gives and who gets none', async () => {
    const { a, b } = projectIds();
    const body = (await t.http.get('/api/v1/editions/current/awards/preview').set(auth(admin.token)).expect(200)).body;
    expect(
      body.items
        .filter((item: { projectId: string }) => [a, b].includes(item.projectId))
        .map((item: { title: string; gradeCode: string }) => [item.title, item.gradeCode]),
    ).toEqual([
      ['短缺项目甲', 'first'],
      ['短缺项目乙', 'second'],
    ]);
    const awards = await t.http.get('/api/v1/editions/current/awards').set(auth(admin.token)).expect(200);
    expect(awards.body.items).toEqual([]);
  });

  it('refuses an adjustment beyond the quota and a stale preview', async () => {
    const { b } = projectIds();
    expectProblem(
      await t.http
        .post('/api/v1/editions/current/awards/allocate')
        .set(auth(admin.token))
        .send({ adjustments: [{ projectId: b, gradeCode: 'first', reason: '并列第一' }] }),
      409,
      'AWARD_QUOTA_EXCEEDED',
    );
    expectProblem(
      await t.http
        .post('/api/v1/editions/current/awards/allocate')
        .set(auth(admin.token))
        .send({ previewDigest: 'f'.repeat(64) }),
      409,
      'DECISION_PREVIEW_STALE',
    );
  });

  it('commits the preview with a grade withheld by hand, the reason in the ledger', async () => {
    const { a, b } = projectIds();
    const { digest } = (await t.http.get('/api/v1/editions/current/awards/preview').set(auth(admin.token)).expect(200))
      .body;
    const response = await t.http
      .post('/api/v1/editions/current/awards/allocate')
      .set(auth(admin.token))
      .send({ previewDigest: digest, adjustments: [{ projectId: b, gradeCode: null, reason: '材料真实性存疑' }] })
      .expect(200);
    expect(
      response.body.items.map((item: { projectId: string; gradeCode: string }) => [item.projectId, item.gradeCode]),
    ).toEqual([[a, 'first']]);
    const entries = await ledger();
    expect(
      entries.find((entry) => entry.action === 'decision.adjusted' && entry.subjectId === b)?.payload,
    ).toMatchObject({
      decision: 'award',
      change: 'withheld',
      ruleGrade: 'second',
      reason: '材料真实性存疑',
    });
  });
});
