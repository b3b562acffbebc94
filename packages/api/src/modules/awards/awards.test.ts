import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryCode, FieldCode, TrackCode } from '@saishi/shared';
import { pgErrorOf } from '../../lib/pg-errors.js';
import {
  DURING_FINAL,
  DURING_PRELIMINARY,
  DURING_PROMOTION,
  createTestApp,
  expectProblem,
  type TestApp,
  bytesOfBody,
} from '../../test/app.js';
import { fields, topics } from '../editions/tables.js';
import { projects } from '../projects/tables.js';
import { resultsPdf } from '../results/compilation.js';
import { teams } from '../teams/tables.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from '../review/fixtures.js';

let t: TestApp;
let admin: { id: string; token: string };
let rounds: { preliminary: string; final: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Each project's experts all give this fraction of every criterion's max, so its result is 100 × f. */
const PROJECTS: {
  key: string;
  track: TrackCode;
  category: CategoryCode;
  f: number;
  complete?: boolean;
  field?: FieldCode;
  title: string;
}[] = [
  {
    key: 'S-P1',
    track: 'society',
    category: 'data_product',
    f: 0.9,
    field: 'transportation',
    title: '智慧物流数据产品',
  },
  { key: 'S-P2', track: 'society', category: 'data_product', f: 0.8, title: '医保数据产品' },
  { key: 'S-P3', track: 'society', category: 'data_product', f: 0.7, title: '电力数据产品' },
  { key: 'S-M1', track: 'society', category: 'modeling', f: 0.85, complete: true, title: '交通流量预测模型' },
  { key: 'S-M2', track: 'society', category: 'modeling', f: 0.6, title: '病虫害识别模型' },
  { key: 'U-M1', track: 'university', category: 'modeling', f: 0.75, complete: false, title: '高校气象模型' },
  { key: 'U-M2', track: 'university', category: 'modeling', f: 0.65, title: '高校城市治理模型' },
  { key: 'U-D1', track: 'university', category: 'data_product', f: 0.7, title: '高校文旅数据产品' },
  { key: 'S-C1', track: 'society', category: 'public_component', f: 0.8, title: '数据脱敏公共组件' },
];
const ids = new Map<string, string>();
const leaders = new Map<string, string>();
const keyOf = (projectId: string) => [...ids].find(([, id]) => id === projectId)?.[0];

async function scoreEverything(roundId: string) {
  const fraction = new Map(PROJECTS.map((project) => [ids.get(project.key)!, project.f]));
  let cursor: string | null = null;
  do {
    const page: {
      body: { items: { id: string; projectId: string; expertId: string; score: unknown }[]; nextCursor: string | null };
    } = await t.http
      .get(`/api/v1/assignments?roundId=${roundId}&limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      .set(auth(admin.token))
      .expect(200);
    for (const assignment of page.body.items) {
      const token = t.app.jwt.sign({ sub: assignment.expertId, role: 'expert' });
      const detail = await t.http.get(`/api/v1/assignments/${assignment.id}`).set(auth(token)).expect(200);
      const f = fraction.get(assignment.projectId) ?? 0.5;
      const values = Object.fromEntries(
        detail.body.rubric.map((criterion: { code: string; maxScore: number }) => [
          criterion.code,
          criterion.maxScore * f,
        ]),
      );
      await t.http
        .post(`/api/v1/assignments/${assignment.id}/score/submit`)
        .set(auth(token))
        .send({ values })
        .expect(200);
    }
    cursor = page.body.nextCursor;
  } while (cursor);
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_FINAL });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
  for (const [index, project] of PROJECTS.entries()) {
    const unit = await createUnit(t.db, editionId, {
      name: `获奖测试单位${index}`,
      creditCode: fakeCreditCode(5000 + index),
      type: project.track === 'university' ? 'university' : 'enterprise',
    });
    const created = await createProject(t.db, {
      editionId,
      trackCode: project.track,
      unitIds: [unit.id],
      categoryCode: project.category,
      title: project.title,
      teamName: `${project.key} 团队`,
      completeBeforeNationalFinal: project.complete ?? false,
      ...(project.field ? { fieldCode: project.field } : {}),
    });
    ids.set(project.key, created.projectId);
    leaders.set(project.key, created.leaderId);
  }
  for (let index = 0; index < 3; index++) {
    await t.http
      .post('/api/v1/experts')
      .set(auth(admin.token))
      .send({
        email: `judge${index}@example.test`,
        displayName: `Judge ${index}`,
        affiliationName: `评委单位${index}`,
        affiliationCreditCode: fakeCreditCode(6000 + index),
      })
      .expect(201);
  }
  // Preliminary: every expert reviews every project, so each expert's z-scores are the same
  // monotone function of the projects' marks and normalization cannot reorder them.
  const experts = await t.http.get('/api/v1/experts?limit=200').set(auth(admin.token)).expect(200);
  await t.http
    .patch(`/api/v1/review-rounds/${rounds.preliminary}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: experts.body.items.length })
    .expect(200);
  // Open, assign, score, close, advance everyone ranked, in the preliminary stage (R-TIME-4).
  t.clock.set(DURING_PRELIMINARY);
  await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/open`).set(auth(admin.token)).expect(200);
  const assigned = await t.http
    .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
    .set(auth(admin.token))
    .expect(200);
  expect(assigned.body.shortfalls).toEqual([]);
  await scoreEverything(rounds.preliminary);
  // Per-expert z-score normalization keeps this order (see above).
  await t.http
    .patch(`/api/v1/review-rounds/${rounds.preliminary}`)
    .set(auth(admin.token))
    .send({ normalize: true })
    .expect(200);
  const normalized = await t.http
    .get(`/api/v1/review-rounds/${rounds.preliminary}/ranking`)
    .set(auth(admin.token))
    .expect(200);
  expect(normalized.body.normalize).toBe(true);
  const products = normalized.body.groups.find(
    (group: { trackCode: string; categoryCode: string }) =>
      group.trackCode === 'society' && group.categoryCode === 'data_product',
  );
  expect(products.entries.map((entry: { projectId: string }) => keyOf(entry.projectId)).filter(Boolean)).toEqual([
    'S-P1',
    'S-P2',
    'S-P3',
  ]);
  await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/close`).set(auth(admin.token)).expect(200);
  await t.http
    .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
    .set(auth(admin.token))
    .send({ threshold: 0 })
    .expect(200);
  // Final: 7 experts per project, in the final stage.
  t.clock.set(DURING_FINAL);
  await t.http.post(`/api/v1/review-rounds/${rounds.final}/open`).set(auth(admin.token)).expect(200);
  const finalAssigned = await t.http
    .post(`/api/v1/review-rounds/${rounds.final}/assignments/auto`)
    .set(auth(admin.token))
    .expect(200);
  expect(finalAssigned.body.shortfalls).toEqual([]);
  await scoreEverything(rounds.final);
});
afterAll(() => t.close());

describe('award quotas and allocation', () => {
  it('refuses allocation while the final is open', async () => {
    expectProblem(
      await t.http.post('/api/v1/editions/current/awards/allocate').set(auth(admin.token)),
      409,
      'ROUND_NOT_CLOSED',
    );
    await t.http.post(`/api/v1/review-rounds/${rounds.final}/close`).set(auth(admin.token)).expect(200);
  });

  it('refuses a 公共组件奖 quota for the university track (R-CAT-1)', async () => {
    const response = await t.http
      .put('/api/v1/editions/current/award-quotas')
      .set(auth(admin.token))
      .send({
        quotas: [{ trackCode: 'university', awardCategoryCode: 'component_award', gradeCode: 'first', quota: 1 }],
      });
    expectProblem(response, 422, 'AWARD_CATEGORY_NOT_FOR_TRACK', 'R-CAT-1');
  });

  it('allocates grades in rank order per track × award category without exceeding any quota', async () => {
    const quotas = [
      { trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'first', quota: 1 },
      { trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'second', quota: 1 },
      { trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'honorable', quota: 1 },
      { trackCode: 'society', awardCategoryCode: 'modeling_award', gradeCode: 'first', quota: 1 },
      { trackCode: 'society', awardCategoryCode: 'component_award', gradeCode: 'third', quota: 1 },
      { trackCode: 'university', awardCategoryCode: 'modeling_award', gradeCode: 'second', quota: 1 },
      { trackCode: 'university', awardCategoryCode: 'product_award', gradeCode: 'first', quota: 1 },
    ];
    await t.http.put('/api/v1/editions/current/award-quotas').set(auth(admin.token)).send({ quotas }).expect(200);
    const response = await t.http.post('/api/v1/editions/current/awards/allocate').set(auth(admin.token)).expect(200);
    const mine = response.body.items.filter((award: { projectId: string }) => keyOf(award.projectId));
    expect(
      Object.fromEntries(
        mine.map((award: { projectId: string; gradeCode: string }) => [keyOf(award.projectId), award.gradeCode]),
      ),
    ).toEqual({
      'S-P1': 'first',
      'S-P2': 'second',
      'S-P3': 'honorable',
      'S-M1': 'first',
      'S-C1': 'third',
      'U-M1': 'second',
      'U-D1': 'first',
    });
    for (const quota of quotas) {
      const given = response.body.items.filter(
        (award: { trackCode: string; awardCategoryCode: string; gradeCode: string }) =>
          award.trackCode === quota.trackCode &&
          award.awardCategoryCode === quota.awardCategoryCode &&
          award.gradeCode === quota.gradeCode,
      ).length;
      expect(given).toBeLessThanOrEqual(quota.quota);
    }
    expect(response.body.publishedAt).toBeNull();
  });

  it('refuses in the database an award beyond its quota (trigger)', async () => {
    const edition = await currentEditionId(t.db);
    const error = await t.db
      .execute(
        sql`insert into project_awards (edition_id, project_id, track_code, award_category_code, grade_code, rank, result, created_at)
                   values (${edition}, ${ids.get('S-M2')!}, 'society', 'product_award', 'first', 9, 1, ${t.clock.now()})`,
      )
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(pgErrorOf(error)?.code).toBe('SA002');
  });

  it('computes the national shortlist: winners in product innovation, modeling only when complete (R-PROJ-1)', async () => {
    const response = await t.http.get('/api/v1/editions/current/national-shortlist').set(auth(admin.token)).expect(200);
    expect(
      response.body.eligible
        .map((entry: { projectId: string }) => keyOf(entry.projectId))
        .filter(Boolean)
        .sort(),
    ).toEqual(['S-C1', 'S-M1', 'S-P1', 'S-P2', 'S-P3', 'U-D1']);
    const excluded = Object.fromEntries(
      response.body.excluded
        .filter((entry: { projectId: string }) => keyOf(entry.projectId))
        .map((entry: { projectId: string; code: string }) => [keyOf(entry.projectId), entry.code]),
    );
    expect(excluded).toEqual({
      'S-M2': 'NOT_A_FINAL_WINNER',
      'U-M1': 'MODELING_NOT_COMPLETE_BEFORE_NATIONAL_FINAL',
      'U-M2': 'NOT_A_FINAL_WINNER',
    });
  });
});

describe('publication and the public results library', () => {
  it('shows nothing publicly before the admin publishes', async () => {
    const response = await t.http.get('/api/v1/results').expect(200);
    expect(response.body).toEqual({ items: [], nextCursor: null, total: 0 });
    expectProblem(await t.http.get(`/api/v1/results/${ids.get('S-P1')}`), 404, 'RESULT_NOT_FOUND');
  });

  it('publishes only in the promotion stage, unless overridden with a reason (R-TIME-4)', async () => {
    expectProblem(
      await t.http.post('/api/v1/editions/current/awards/publish').set(auth(admin.token)),
      409,
      'STAGE_GATE_CLOSED',
      'R-TIME-4',
    );
    expectProblem(
      await t.http.post('/api/v1/editions/current/awards/publish').set(auth(admin.token)).send({ override: true }),
      422,
      'OVERRIDE_REASON_REQUIRED',
      'R-TIME-4',
    );
    t.clock.set(DURING_PROMOTION);
  });

  it('publishes, then refuses a new allocation', async () => {
    const published = await t.http.post('/api/v1/editions/current/awards/publish').set(auth(admin.token)).expect(200);
    expect(published.body.publishedAt).not.toBeNull();
    expectProblem(
      await t.http.post('/api/v1/editions/current/awards/allocate').set(auth(admin.token)),
      409,
      'AWARDS_ALREADY_PUBLISHED',
    );
  });

  it('tells each awarded team its award, and no other team', async () => {
    const inbox = async (key: string) => {
      const token = t.app.jwt.sign({ sub: leaders.get(key)!, role: 'participant' });
      const page = await t.http.get('/api/v1/me/notifications').set(auth(token)).expect(200);
      return (page.body.items as { kind: string; body: string }[]).filter((item) => item.kind === 'awards_published');
    };
    const [awarded] = await inbox('S-P1');
    expect(awarded!.body).toContain('“智慧物流数据产品”：数据产品奖一等奖');
    expect(await inbox('S-M2')).toEqual([]);
  });

  it('told each expert how many projects each round gave them', async () => {
    const experts = await t.http.get('/api/v1/experts?limit=200').set(auth(admin.token)).expect(200);
    // E-mail addresses are masked in the list (issue 19): the judge is found by name.
    const judge = (experts.body.items as { id: string; displayName: string }[]).find(
      (expert) => expert.displayName === 'Judge 0',
    )!;
    const token = t.app.jwt.sign({ sub: judge.id, role: 'expert' });
    const page = await t.http.get('/api/v1/me/notifications').set(auth(token)).expect(200);
    const notices = (page.body.items as { kind: string; subject: string }[]).filter(
      (item) => item.kind === 'review_assigned',
    );
    expect(notices.map((notice) => notice.subject).sort()).toEqual(['新的评审任务：决赛', '新的评审任务：初赛']);
  });

  it('lists awarded projects publicly with keyset pages, first grades first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { projectId: string; gradeCode: string }[]; nextCursor: string | null } } =
        await t.http.get(`/api/v1/results?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.projectId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(keyOf).filter(Boolean).sort()).toEqual(['S-C1', 'S-M1', 'S-P1', 'S-P2', 'S-P3', 'U-D1', 'U-M1']);
    const first = await t.http.get('/api/v1/results?limit=200').expect(200);
    const order = first.body.items.map((item: { gradeCode: string }) => item.gradeCode);
    expect(order.indexOf('first')).toBe(0);
    expect(order.lastIndexOf('first')).toBeLessThan(order.indexOf('honorable'));
  });

  it('sorts the library by title or team name on the server, page after page', async () => {
    const all = async (sort: string) => {
      const seen: { title: string; teamName: string }[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: (typeof seen)[number][]; nextCursor: string | null; total: number } } =
          await t.http.get(`/api/v1/results?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        expect(page.body.total).toBe(7);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    };
    // Team names start with their ASCII keys, so any collation orders them alike.
    const byTeam = (await all('team')).map((item) => item.teamName);
    expect(byTeam).toEqual([...byTeam].sort());
    expect(byTeam).toHaveLength(7);
    // Titles are Chinese: the database's collation orders them; the pages keep the whole list's order.
    const byTitle = (await all('title')).map((item) => item.title);
    const whole = await t.http.get('/api/v1/results?limit=200&sort=title').expect(200);
    expect(byTitle).toEqual(whole.body.items.map((item: { title: string }) => item.title));
  });

  it('refuses a cursor of another order and an unknown order', async () => {
    const byTitle = await t.http.get('/api/v1/results?limit=1&sort=title').expect(200);
    expectProblem(await t.http.get(`/api/v1/results?limit=1&cursor=${byTitle.body.nextCursor}`), 400, 'INVALID_CURSOR');
    expectProblem(await t.http.get('/api/v1/results?sort=score'), 400, 'VALIDATION_FAILED');
  });

  it('filters by grade, track, field and searches titles', async () => {
    const keys = async (query: string) =>
      (await t.http.get(`/api/v1/results?${query}`).expect(200)).body.items
        .map((item: { projectId: string }) => keyOf(item.projectId))
        .filter(Boolean)
        .sort();
    expect(await keys('grade=first')).toEqual(['S-M1', 'S-P1', 'U-D1']);
    expect(await keys('track=university')).toEqual(['U-D1', 'U-M1']);
    expect(await keys('field=transportation')).toEqual(['S-P1']);
    expect(await keys(`q=${encodeURIComponent('公共组件')}`)).toEqual(['S-C1']);
    expect(await keys('awardCategory=modeling_award&track=society')).toEqual(['S-M1']);
  });

  it('shows a published result with its team, units, award and topics', async () => {
    const response = await t.http.get(`/api/v1/results/${ids.get('S-P1')}`).expect(200);
    expect(response.body).toMatchObject({
      title: '智慧物流数据产品',
      teamName: 'S-P1 团队',
      gradeCode: 'first',
      gradeName: '一等奖',
      trackName: '社会赛道',
      units: [{ name: '获奖测试单位0', isLead: true }],
      fields: [{ code: 'transportation' }],
    });
    expectProblem(await t.http.get(`/api/v1/results/${ids.get('S-M2')}`), 404, 'RESULT_NOT_FOUND');
  });

  it('exports the results compilation (成果汇编) as XLSX', async () => {
    const response = await t.http.get('/api/v1/results/export.xlsx').buffer(true).parse(bytesOfBody);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.getWorksheet('成果汇编')!;
    const titles = sheet.getColumn(2).values.filter((value): value is string => typeof value === 'string');
    expect(titles[0]).toBe('项目名称');
    expect(titles).toContain('智慧物流数据产品');
    expect(titles).not.toContain('病虫害识别模型');
    // Labels under the Chinese headers, the codes in their own columns.
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = sheet.getRow(titles.indexOf('智慧物流数据产品') + 1);
    const cell = (header: string) => row.getCell(headers.indexOf(header) + 1).value;
    expect([cell('赛道'), cell('等级'), cell('行业领域')]).toEqual([
      '社会赛道',
      '一等奖',
      expect.not.stringMatching(/_/),
    ]);
    expect([cell('赛道代码'), cell('等级代码'), cell('行业领域代码')]).toEqual(['society', 'first', 'transportation']);
  });

  it('fails the PDF with CJK_FONT_UNAVAILABLE (503) when no CJK font is installed', async () => {
    await expect(resultsPdf([], 'no font', null)).rejects.toMatchObject({ code: 'CJK_FONT_UNAVAILABLE', status: 503 });
  });

  it('exports the compilation as a PDF with a CJK font', async () => {
    const response = await t.http.get('/api/v1/results/export.pdf').buffer(true).parse(bytesOfBody);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const body = response.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.toString('latin1')).toContain('NotoSansCJK');
  });

  it('shows the submitted version, never a working copy edited after publication (R-TIME-3)', async () => {
    const publicViews = async () => ({
      result: (await t.http.get(`/api/v1/results/${ids.get('S-P1')}`).expect(200)).body,
      list: (await t.http.get('/api/v1/results?limit=200').expect(200)).body,
      transport: (await t.http.get('/api/v1/results?field=transportation').expect(200)).body,
      shortlist: (await t.http.get('/api/v1/editions/current/national-shortlist').set(auth(admin.token)).expect(200))
        .body,
      awards: (await t.http.get('/api/v1/editions/current/awards').set(auth(admin.token)).expect(200)).body,
      ranking: (await t.http.get(`/api/v1/review-rounds/${rounds.final}/ranking`).set(auth(admin.token)).expect(200))
        .body,
      statistics: (await t.http.get('/api/v1/projects/statistics?scope=submitted').set(auth(admin.token)).expect(200))
        .body,
    });
    const before = await publicViews();
    const leaderOf = async (key: string) => {
      const [row] = await t.db
        .select({ leader: teams.leaderUserId })
        .from(projects)
        .innerJoin(teams, eq(teams.id, projects.teamId))
        .where(eq(projects.id, ids.get(key)!));
      return t.app.jwt.sign({ sub: row!.leader, role: 'participant' });
    };
    const [healthcare] = await t.db
      .select({ id: topics.id })
      .from(topics)
      .innerJoin(fields, eq(fields.id, topics.fieldId))
      .where(eq(fields.code, 'healthcare'))
      .limit(1);
    // The team edits its working copy without submitting: summary, topics, the R-PROJ-1 declaration.
    await t.http
      .patch(`/api/v1/projects/${ids.get('S-P1')}`)
      .set(auth(await leaderOf('S-P1')))
      .send({ summary: '草稿里的新简介', topicScope: 'single_field', topicIds: [healthcare!.id] })
      .expect(200);
    await t.http
      .patch(`/api/v1/projects/${ids.get('S-M1')}`)
      .set(auth(await leaderOf('S-M1')))
      .send({ completeBeforeNationalFinal: false })
      .expect(200);
    // And a title and category changed behind the API's back: still nothing public may move.
    await t.db
      .update(projects)
      .set({ title: '改过的标题', categoryCode: 'public_component' })
      .where(eq(projects.id, ids.get('S-P2')!));
    const after = await publicViews();
    expect(after).toEqual(before);
    expect(after.result.summary).not.toBe('草稿里的新简介');
    const drafted = await t.http.get(`/api/v1/results?q=${encodeURIComponent('草稿里的新简介')}`).expect(200);
    expect(drafted.body.items).toEqual([]);
  });

  it('records every score, advancement, award and the publication in a ledger that verifies', async () => {
    const verified = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(verified.body).toMatchObject({ valid: true, firstBroken: null });
    const entries = await t.http.get('/api/v1/ledger?limit=200').set(auth(admin.token)).expect(200);
    const actions = new Set(entries.body.items.map((entry: { action: string }) => entry.action));
    for (const action of [
      'assignments.auto',
      'score.submitted',
      'project.advanced',
      'award.allocated',
      'results.published',
    ])
      expect(actions).toContain(action);
  });
});
