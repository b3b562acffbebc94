import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_DIRECTION } from '@saishi/shared';
import { DURING_FINAL, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { ledgerEntries } from '../ledger/tables.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';
import { spreadResolutions } from './tables.js';

// Score spread and its resolution (分差复评, issue 16.2): the round's threshold flags projects;
// organizers send them to a re-review by additional conflict-free experts or to a panel decision.

let t: TestApp;
let admin: { id: string; token: string };
let editionId: string;
let roundId: string;

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
  source: string;
}
interface RankingEntry {
  projectId: string;
  rank: number;
  result: number;
  scoredResult: number;
  count: number;
  spread: number;
  flagged: boolean;
  resolvedBy: string | null;
  resolutions: { kind: string; reason: string; panelScore: number | null; expertIds: string[] }[];
}

let expertSeq = 0;
async function newExpert(affiliationName?: string): Promise<string> {
  expertSeq++;
  const response = await t.http
    .post('/api/v1/experts')
    .set(auth(admin.token))
    .send({
      email: `spread${expertSeq}@example.test`,
      displayName: `分差专家${expertSeq}`,
      affiliationName: affiliationName ?? `分差专家单位${expertSeq}`,
    });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function assignmentsOf(projectId: string): Promise<AssignmentRow[]> {
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

async function ranking(): Promise<{ spread: unknown; entries: Map<string, RankingEntry> }> {
  const response = await t.http.get(`/api/v1/review-rounds/${roundId}/ranking`).set(auth(admin.token)).expect(200);
  const entries = new Map<string, RankingEntry>();
  for (const group of response.body.groups as { entries: RankingEntry[] }[])
    for (const entry of group.entries) entries.set(entry.projectId, entry);
  return { spread: response.body.spread, entries };
}

const reReview = (projectId: string, body: object) =>
  t.http.post(`/api/v1/review-rounds/${roundId}/projects/${projectId}/re-review`).set(auth(admin.token)).send(body);
const panel = (projectId: string, body: object) =>
  t.http
    .post(`/api/v1/review-rounds/${roundId}/projects/${projectId}/panel-decision`)
    .set(auth(admin.token))
    .send(body);

let wide: string; // totals 50 and 90: spread 40
let close: string; // totals 70 and 76: spread 6
let split: string; // totals 40 and 95: spread 55
let colleague: string; // an expert of the wide project's unit: never chosen for its re-review
let criteria: Criterion[];

beforeAll(async () => {
  t = await createTestApp({ now: DURING_FINAL });
  admin = await t.userWithToken('admin');
  editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = list.body.items.find((round: { kind: string }) => round.kind === 'final').id;

  const units = await Promise.all(
    ['分差单位甲', '分差单位乙', '分差单位丙'].map((name, index) =>
      createUnit(t.db, editionId, { name, creditCode: fakeCreditCode(880_000 + index) }),
    ),
  );
  const fixture = { editionId, trackCode: 'society' as const, categoryCode: 'data_product' as const };
  wide = (await createProject(t.db, { ...fixture, unitIds: [units[0]!.id], title: '分差项目甲' })).projectId;
  close = (await createProject(t.db, { ...fixture, unitIds: [units[1]!.id], title: '分差项目乙' })).projectId;
  split = (await createProject(t.db, { ...fixture, unitIds: [units[2]!.id], title: '分差项目丙' })).projectId;
  for (const projectId of [wide, close, split])
    await t.db.execute(
      sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${projectId}, ${t.clock.now()})`,
    );
  for (let index = 0; index < 3; index++) await newExpert();
  colleague = await newExpert('分差单位甲');
  await t.http
    .patch(`/api/v1/review-rounds/${roundId}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: 2 })
    .expect(200);
  const opened = await t.http.post(`/api/v1/review-rounds/${roundId}/open`).set(auth(admin.token)).send({});
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  const rubrics = await t.http.get(`/api/v1/review-rounds/${roundId}/rubrics`).set(auth(admin.token)).expect(200);
  criteria = rubrics.body.items.find(
    (rubric: { directionCode: string }) => rubric.directionCode === CATEGORY_DIRECTION.data_product,
  ).criteria;
  await t.http.post(`/api/v1/review-rounds/${roundId}/assignments/auto`).set(auth(admin.token)).expect(200);
  for (const [projectId, fractions] of [
    [wide, [0.5, 0.9]],
    [close, [0.7, 0.76]],
    [split, [0.4, 0.95]],
  ] as const) {
    const rows = await assignmentsOf(projectId);
    expect(rows).toHaveLength(2);
    for (const [index, row] of rows.entries()) await submit(row, criteria, fractions[index]!);
  }
});
afterAll(() => t.close());

describe('the round’s spread setting', () => {
  it('flags nothing until the organizer sets a threshold', async () => {
    const { spread, entries } = await ranking();
    expect(spread).toEqual({ measure: 'range', threshold: null });
    expect(entries.get(wide)).toMatchObject({ spread: 40, flagged: false, resolvedBy: null });
  });

  it('refuses a threshold outside (0, 100] and an unknown measure, naming the field in zh-CN and en', async () => {
    const zero = await t.http
      .patch(`/api/v1/review-rounds/${roundId}`)
      .set(auth(admin.token))
      .send({ spreadThreshold: 0 });
    expectProblem(zero, 400, 'VALIDATION_FAILED');
    expect(zero.body.errors).toEqual([expect.objectContaining({ path: '/body/spreadThreshold' })]);
    const measure = await t.http
      .patch(`/api/v1/review-rounds/${roundId}`)
      .set(auth(admin.token))
      .set('accept-language', 'en')
      .send({ spreadMeasure: 'variance' });
    expectProblem(measure, 400, 'VALIDATION_FAILED');
    expect(measure.body.errors).toEqual([expect.objectContaining({ path: '/body/spreadMeasure' })]);
  });

  it('flags the projects whose range is above the threshold, and by sd when the round says so', async () => {
    const set = await t.http
      .patch(`/api/v1/review-rounds/${roundId}`)
      .set(auth(admin.token))
      .send({ spreadMeasure: 'sd', spreadThreshold: 20 });
    expect(set.body).toMatchObject({ spreadMeasure: 'sd', spreadThreshold: 20 });
    // sd of two totals is half their range: 20 (not above), 3, 27.5.
    let { entries } = await ranking();
    expect([entries.get(wide)?.flagged, entries.get(close)?.flagged, entries.get(split)?.flagged]).toEqual([
      false,
      false,
      true,
    ]);
    await t.http
      .patch(`/api/v1/review-rounds/${roundId}`)
      .set(auth(admin.token))
      .send({ spreadMeasure: 'range', spreadThreshold: 15 })
      .expect(200);
    ({ entries } = await ranking());
    expect(entries.get(wide)).toMatchObject({ spread: 40, flagged: true });
    expect(entries.get(close)).toMatchObject({ spread: 6, flagged: false });
    expect(entries.get(split)).toMatchObject({ spread: 55, flagged: true });
  });
});

describe('the ranking’s order', () => {
  const order = async (sort: string) => {
    const response = await t.http
      .get(`/api/v1/review-rounds/${roundId}/ranking?sort=${sort}`)
      .set(auth(admin.token))
      .expect(200);
    const ours = new Set([wide, close, split]);
    return (response.body.groups as { entries: RankingEntry[] }[])
      .flatMap((group) => group.entries)
      .filter((entry) => ours.has(entry.projectId))
      .map((entry) => entry.projectId);
  };

  it('sorts each group by spread (largest first) or title on the server, ranks unchanged', async () => {
    expect(await order('spread')).toEqual([split, wide, close]);
    // 分差项目丙 (bǐng), 甲 (jiǎ), 乙 (yǐ): Chinese collation, not code points (丙 乙 甲).
    expect(await order('title')).toEqual([split, wide, close]);
    const ranks = (await ranking()).entries;
    expect(await order('rank')).toEqual([wide, close, split].sort((a, b) => ranks.get(a)!.rank - ranks.get(b)!.rank));
  });

  it('refuses an unknown order', async () => {
    expect(
      (await t.http.get(`/api/v1/review-rounds/${roundId}/ranking?sort=score`).set(auth(admin.token))).status,
    ).toBe(400);
  });
});

describe('re-review by additional experts (复评)', () => {
  it('refuses a project that is not flagged', async () => {
    const response = await reReview(close, { experts: 1, reason: '试图复评' }).set('accept-language', 'en');
    expectProblem(response, 409, 'PROJECT_NOT_FLAGGED');
    expect(response.body.detail).toMatch(/spread/);
  });

  it('needs a reason and between 1 and 10 experts', async () => {
    const response = await reReview(wide, { experts: 11 });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    const paths = (response.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).toEqual(['/body/experts', '/body/reason']);
  });

  it('adds conflict-free experts who had not reviewed the project, once, recorded in the ledger', async () => {
    const before = await assignmentsOf(wide);
    const response = await reReview(wide, { experts: 2, reason: '两位专家分差 40 分，请复评' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ kind: 're_review', reason: '两位专家分差 40 分，请复评', spread: 40 });
    const added = (response.body.assignments as { expertId: string }[]).map((entry) => entry.expertId);
    expect(added).toHaveLength(2);
    expect(added).not.toContain(colleague);
    for (const row of before) expect(added).not.toContain(row.expertId);
    const after = await assignmentsOf(wide);
    expect(
      after
        .filter((row) => row.source === 're_review')
        .map((row) => row.expertId)
        .sort(),
    ).toEqual([...added].sort());

    expectProblem(await reReview(wide, { experts: 1, reason: '再次复评' }), 409, 'SPREAD_ALREADY_RESOLVED');

    const entries = await t.http.get('/api/v1/ledger?action=project.re_review_requested').set(auth(admin.token));
    expect(entries.status).toBe(200);
    expect(entries.body.items).toEqual([
      expect.objectContaining({
        subjectId: wide,
        payload: expect.objectContaining({ roundId, spread: 40, threshold: 15, reason: '两位专家分差 40 分，请复评' }),
      }),
    ]);
  });

  it('refuses when fewer conflict-free experts are free than asked for', async () => {
    const candidates = await t.http
      .get(`/api/v1/review-rounds/${roundId}/projects/${split}/candidates`)
      .set(auth(admin.token))
      .expect(200);
    const available = candidates.body.items.length as number;
    expect(available).toBeLessThan(10);
    const response = await reReview(split, { experts: available + 1, reason: '人数不够' });
    expectProblem(response, 409, 'RE_REVIEW_EXPERTS_SHORT');
    expect(response.body.detail).toContain(`${available + 1}`);
    expect((await assignmentsOf(split)).filter((row) => row.source === 're_review')).toEqual([]);
  });

  it('ranks a re-reviewed project on all its totals with the group rule', async () => {
    for (const row of (await assignmentsOf(wide)).filter((entry) => entry.source === 're_review'))
      await submit(row, criteria, 0.7);
    const { entries } = await ranking();
    // 50, 90, 70, 70: the group has projects with 2 scores, so every result is the mean.
    expect(entries.get(wide)).toMatchObject({ count: 4, result: 70, scoredResult: 70, resolvedBy: 're_review' });
    expect(entries.get(wide)!.resolutions.map((entry) => entry.kind)).toEqual(['re_review']);
  });
});

describe('panel decision (合议)', () => {
  it('refuses a project neither flagged nor re-reviewed, a score above 100 and a missing reason', async () => {
    expectProblem(await panel(close, { score: 80, reason: '合议' }), 409, 'PROJECT_NOT_FLAGGED');
    const invalid = await panel(split, { score: 101 });
    expectProblem(invalid, 400, 'VALIDATION_FAILED');
    const paths = (invalid.body.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).toEqual(['/body/reason', '/body/score']);
  });

  it('makes the panel’s score the result, keeps the experts’ aggregate beside it, once', async () => {
    const [first, second] = await Promise.all([
      panel(split, { score: 77, reason: '专家组合议：创新性突出，取 77 分' }),
      panel(split, { score: 60, reason: '同时提交的另一份合议' }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([201, 409]);
    const won = first.status === 201 ? first : second;
    const lost = first.status === 201 ? second : first;
    expectProblem(lost, 409, 'SPREAD_ALREADY_RESOLVED');
    const { entries } = await ranking();
    expect(entries.get(split)).toMatchObject({
      result: won.body.panelScore,
      scoredResult: 67.5,
      resolvedBy: 'panel',
      flagged: true,
    });
    const ledger = await t.http.get('/api/v1/ledger?action=project.panel_decided').set(auth(admin.token));
    expect(ledger.body.items).toEqual([
      expect.objectContaining({
        subjectId: split,
        payload: expect.objectContaining({ panelScore: won.body.panelScore, reason: won.body.reason, spread: 55 }),
      }),
    ]);
    expectProblem(await reReview(split, { experts: 1, reason: '合议后复评' }), 409, 'SPREAD_ALREADY_RESOLVED');
  });

  it('lets a panel decide a re-reviewed project whose spread came back under the threshold', async () => {
    await t.http
      .patch(`/api/v1/review-rounds/${roundId}`)
      .set(auth(admin.token))
      .send({ spreadThreshold: 50 })
      .expect(200);
    expect((await ranking()).entries.get(wide)?.flagged).toBe(false);
    const response = await panel(wide, { score: 72.5, reason: '复评后合议定分' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { entries } = await ranking();
    expect(entries.get(wide)).toMatchObject({ result: 72.5, scoredResult: 70, resolvedBy: 'panel' });
    expect(entries.get(wide)!.resolutions.map((entry) => entry.kind)).toEqual(['re_review', 'panel']);
  });

  it('keeps a resolution to a project of the round, by the database', async () => {
    const unit = await createUnit(t.db, editionId, { name: '分差轮外单位', creditCode: fakeCreditCode(880_100) });
    const outside = await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id] });
    expectProblem(await panel(outside.projectId, { score: 50, reason: '轮外' }), 404, 'PROJECT_NOT_IN_ROUND');
    await expect(
      t.db.execute(
        sql`insert into spread_resolutions (round_id, project_id, kind, reason, spread, panel_score, decided_at)
            values (${roundId}, ${outside.projectId}, 'panel', '绕过接口', 10, 50, now())`,
      ),
    ).rejects.toThrow();
    await expect(
      t.db.execute(
        sql`insert into spread_resolutions (round_id, project_id, kind, reason, spread, decided_at)
            values (${roundId}, ${close}, 'panel', '没有分数的合议', 10, now())`,
      ),
    ).rejects.toThrow();
  });
});

describe('the ledger certifies each re-review and panel decision', () => {
  const verify = async () => (await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200)).body;
  const resolutionOf = async (projectId: string, kind: 're_review' | 'panel') => {
    const [row] = await t.db
      .select()
      .from(spreadResolutions)
      .where(and(eq(spreadResolutions.projectId, projectId), eq(spreadResolutions.kind, kind)));
    return row!;
  };
  const certifyingSeq = async (rowId: string) => {
    const [entry] = await t.db
      .select({ seq: ledgerEntries.seq })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.certTable, 'spread_resolutions'), eq(ledgerEntries.certRowId, rowId)));
    return entry!.seq;
  };

  it('verifies the decisions taken through the API', async () => {
    expect(await verify()).toMatchObject({ valid: true, brokenRows: [] });
  });

  it('names a panel score changed in SQL, and the ranking refuses until it is restored', async () => {
    const panelRow = await resolutionOf(split, 'panel');
    await t.db.execute(sql`update spread_resolutions set panel_score = 99 where id = ${panelRow.id}`);
    expect((await verify()).brokenRows).toEqual([
      { table: 'spread_resolutions', rowId: panelRow.id, seq: await certifyingSeq(panelRow.id), problem: 'altered' },
    ]);
    const refused = await t.http.get(`/api/v1/review-rounds/${roundId}/ranking`).set(auth(admin.token));
    expectProblem(refused, 409, 'LEDGER_BROKEN');
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toContain(
      `/ledger/spread_resolutions/${panelRow.id}`,
    );
    await t.db
      .update(spreadResolutions)
      .set({ panelScore: panelRow.panelScore })
      .where(eq(spreadResolutions.id, panelRow.id));
    expect(await verify()).toMatchObject({ valid: true, brokenRows: [] });
  });

  it('names a re-review whose reason was rewritten, or which was deleted', async () => {
    const reReviewRow = await resolutionOf(wide, 're_review');
    const seq = await certifyingSeq(reReviewRow.id);
    await t.db
      .update(spreadResolutions)
      .set({ reason: '事后改写的理由' })
      .where(eq(spreadResolutions.id, reReviewRow.id));
    expect((await verify()).brokenRows).toEqual([
      { table: 'spread_resolutions', rowId: reReviewRow.id, seq, problem: 'altered' },
    ]);
    await t.db.delete(spreadResolutions).where(eq(spreadResolutions.id, reReviewRow.id));
    expect((await verify()).brokenRows).toEqual([
      { table: 'spread_resolutions', rowId: reReviewRow.id, seq, problem: 'deleted' },
    ]);
    await t.db.insert(spreadResolutions).values(reReviewRow);
    expect(await verify()).toMatchObject({ valid: true, brokenRows: [] });
  });
});
