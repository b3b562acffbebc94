import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

// R-SOC-3: a team flagged by a blacklist import is in no review round and wins no award until an
// organizer clears the flag with a reason; the team sees the flag and the lists naming its unit.

let t: TestApp;
let admin: { id: string; token: string };
let editionId: string;
let rounds: { preliminary: string; final: string };
let reviewer: { id: string; token: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const full = { innovation: 16, data_value: 20, feasibility: 12, benefit: 24, security: 8 };

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
  const invited = await t.http.post('/api/v1/experts').set(auth(admin.token)).send({
    email: 'flag-reviewer@example.test',
    displayName: '标记测试专家',
    affiliationName: '无关研究院',
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  reviewer = { id: invited.body.id, token: t.app.jwt.sign({ sub: invited.body.id, role: 'expert' }) };
});
afterAll(() => t.close());

let seed = 770_100;
/** An approved team of one unit with its submitted project. */
async function teamWithProject(name: string) {
  const creditCode = fakeCreditCode(seed++);
  const unit = await createUnit(t.db, editionId, { name, creditCode });
  const project = await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id] });
  return { ...project, unit, creditCode, leaderToken: t.app.jwt.sign({ sub: project.leaderId, role: 'participant' }) };
}

async function importList(creditCode: string, name: string) {
  const file = Buffer.from(`credit_code,name,list_kind,source_date\n${creditCode},${name},失信被执行人,2024-08-01\n`);
  const response = await t.http
    .post('/api/v1/blacklists/import')
    .set(auth(admin.token))
    .attach('file', file, 'list.csv');
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { flaggedTeamIds: string[] };
}

async function delist(creditCode: string) {
  const entries = await t.http.get(`/api/v1/blacklists?creditCode=${creditCode}`).set(auth(admin.token)).expect(200);
  for (const entry of entries.body.items as { id: string }[])
    await t.http.delete(`/api/v1/blacklists/${entry.id}`).set(auth(admin.token)).expect(204);
}

async function roundProjectIds(roundId: string): Promise<string[]> {
  const response = await t.http.get(`/api/v1/review-rounds/${roundId}/projects`).set(auth(admin.token)).expect(200);
  return (response.body.items as { projectId: string }[]).map((item) => item.projectId);
}

async function assignmentsOf(projectId: string) {
  const response = await t.http
    .get(`/api/v1/assignments?roundId=${rounds.preliminary}&projectId=${projectId}&limit=200`)
    .set(auth(admin.token))
    .expect(200);
  return response.body.items as { id: string; expertId: string }[];
}

/** The reviewer's assignment to the project, added by hand unless the automatic one made it. */
async function assign(projectId: string) {
  const existing = (await assignmentsOf(projectId)).find((assignment) => assignment.expertId === reviewer.id);
  if (existing) return existing.id;
  const response = await t.http
    .post('/api/v1/assignments')
    .set(auth(admin.token))
    .send({ roundId: rounds.preliminary, projectId, expertId: reviewer.id, reason: '测试' });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** Every ledger entry, in order. */
async function ledger() {
  const entries: { action: string; actorId: string | null; subjectId: string; payload: Record<string, unknown> }[] = [];
  let cursor: string | null = null;
  do {
    const response: { body: { items: typeof entries; nextCursor: string | null } } = await t.http
      .get(`/api/v1/ledger?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      .set(auth(admin.token))
      .expect(200);
    entries.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return entries;
}

describe('flagged teams in review (R-SOC-3)', () => {
  const flaggedEarly = { teamId: '', projectId: '', creditCode: '', leaderToken: '' };
  const flaggedLate = { teamId: '', projectId: '', creditCode: '', leaderToken: '' };
  let clean = '';

  it('leaves a team flagged before the preliminary opens out of its enrollment, and tells the team why', async () => {
    Object.assign(flaggedEarly, await teamWithProject('早标记科技有限公司'));
    clean = (await teamWithProject('清白数据有限公司')).projectId;
    expect((await importList(flaggedEarly.creditCode, '早标记科技有限公司')).flaggedTeamIds).toEqual([
      flaggedEarly.teamId,
    ]);

    const seen = await t.http.get(`/api/v1/teams/${flaggedEarly.teamId}`).set(auth(flaggedEarly.leaderToken));
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      qualificationStatus: 'approved',
      flaggedAt: '2024-08-20T10:00:00.000+08:00',
      flagReason: 'R-SOC-3',
    });
    expect(seen.body.units[0]).toMatchObject({ blacklisted: true, listKinds: ['dishonest_debtor'] });

    await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/open`).set(auth(admin.token)).expect(200);
    await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
      .set(auth(admin.token))
      .expect(200);
    const enrolled = await roundProjectIds(rounds.preliminary);
    expect(enrolled).toContain(clean);
    expect(enrolled).not.toContain(flaggedEarly.projectId);
    expect(await assignmentsOf(flaggedEarly.projectId)).toEqual([]);
    expectProblem(
      await t.http
        .post('/api/v1/assignments')
        .set(auth(admin.token))
        .send({ roundId: rounds.preliminary, projectId: flaggedEarly.projectId, expertId: reviewer.id, reason: 'x' }),
      404,
      'PROJECT_NOT_IN_ROUND',
    );
  });

  it('withdraws the assignments of a team flagged while the round runs, scores included, and records each', async () => {
    Object.assign(flaggedLate, await teamWithProject('晚标记信息技术有限公司'));
    await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
      .set(auth(admin.token))
      .expect(200);
    expect(await roundProjectIds(rounds.preliminary)).toContain(flaggedLate.projectId);
    const manual = await assign(flaggedLate.projectId);
    await t.http
      .post(`/api/v1/assignments/${manual}/score/submit`)
      .set(auth(reviewer.token))
      .send({ values: full })
      .expect(200);
    const before = await assignmentsOf(flaggedLate.projectId);
    expect(before.length).toBeGreaterThan(1);

    await importList(flaggedLate.creditCode, '晚标记信息技术有限公司');
    expect(await assignmentsOf(flaggedLate.projectId)).toEqual([]);
    expect(await roundProjectIds(rounds.preliminary)).not.toContain(flaggedLate.projectId);
    // The expert's list no longer has it, and holds nothing about why.
    const mine = await t.http.get('/api/v1/me/assignments').set(auth(reviewer.token)).expect(200);
    expect(JSON.stringify(mine.body)).not.toContain(flaggedLate.projectId);
    await t.http.get(`/api/v1/assignments/${manual}`).set(auth(reviewer.token)).expect(404);
    const ranking = await t.http
      .get(`/api/v1/review-rounds/${rounds.preliminary}/ranking`)
      .set(auth(admin.token))
      .expect(200);
    expect(JSON.stringify(ranking.body)).not.toContain(flaggedLate.projectId);

    const entries = await ledger();
    expect(
      entries.find((entry) => entry.action === 'team.flagged' && entry.subjectId === flaggedLate.teamId),
    ).toMatchObject({ actorId: admin.id, payload: { ruleId: 'R-SOC-3', listed: [{ listKind: 'dishonest_debtor' }] } });
    const removed = entries.filter(
      (entry) => entry.action === 'assignment.removed' && entry.payload.projectId === flaggedLate.projectId,
    );
    expect(removed.map((entry) => entry.subjectId).sort()).toEqual(before.map((assignment) => assignment.id).sort());
    expect(removed[0]?.payload).toMatchObject({
      reason: 'team flagged',
      ruleId: 'R-SOC-3',
      teamId: flaggedLate.teamId,
    });
  });

  it('enrolls a team in the open preliminary once an organizer clears its flag with a reason, recorded in the ledger', async () => {
    await delist(flaggedLate.creditCode);
    const cleared = await t.http
      .post(`/api/v1/teams/${flaggedLate.teamId}/flag/clear`)
      .set(auth(admin.token))
      .send({ reason: '信用中国已移出名单' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body).toMatchObject({ flaggedAt: null, flagReason: null });
    expect(await roundProjectIds(rounds.preliminary)).toContain(flaggedLate.projectId);
    await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
      .set(auth(admin.token))
      .expect(200);
    expect((await assignmentsOf(flaggedLate.projectId)).length).toBeGreaterThan(0);
    expect((await ledger()).find((entry) => entry.action === 'team.flag_cleared')).toMatchObject({
      actorId: admin.id,
      subjectId: flaggedLate.teamId,
      payload: { reason: '信用中国已移出名单', ruleId: 'R-SOC-3' },
    });
    // Still flagged, the early team stays out of the round.
    expect(await roundProjectIds(rounds.preliminary)).not.toContain(flaggedEarly.projectId);
  });

  it('leaves a team flagged after the round closed out of its ranking, so it neither advances nor wins', async () => {
    const late = await teamWithProject('结束后标记有限公司');
    await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
      .set(auth(admin.token))
      .expect(200);
    for (const projectId of [late.projectId, clean]) {
      const id = await assign(projectId);
      await t.http
        .post(`/api/v1/assignments/${id}/score/submit`)
        .set(auth(reviewer.token))
        .send({ values: full })
        .expect(200);
    }
    const rankingOf = async () =>
      JSON.stringify(
        (await t.http.get(`/api/v1/review-rounds/${rounds.preliminary}/ranking`).set(auth(admin.token)).expect(200))
          .body,
      );
    expect(await rankingOf()).toContain(late.projectId);
    await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/close`).set(auth(admin.token)).expect(200);

    await importList(late.creditCode, '结束后标记有限公司');
    // The closed round keeps its assignments (its record), but the ranking leaves the project out.
    expect((await assignmentsOf(late.projectId)).length).toBeGreaterThan(0);
    expect(await rankingOf()).not.toContain(late.projectId);
    const advanced = await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
      .set(auth(admin.token))
      .send({ threshold: 0 });
    expect(advanced.status, JSON.stringify(advanced.body)).toBe(200);
    const ids = (advanced.body.advanced as { projectId: string }[]).map((entry) => entry.projectId);
    expect(ids).toContain(clean);
    expect(ids).not.toContain(late.projectId);
    expect(await roundProjectIds(rounds.final)).not.toContain(late.projectId);
  });
});
