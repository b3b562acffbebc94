import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_FINAL, DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { projectAwards } from '../awards/tables.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from '../review/fixtures.js';
import { scores } from '../review/tables.js';
import { teams } from '../teams/tables.js';
import { ledgerEntries } from './tables.js';

let t: TestApp;
let admin: { id: string; token: string };
let editionId: string;
let rounds: { preliminary: string; final: string };
const projectIds: string[] = [];
const teamIds: string[] = [];
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const verify = async () => (await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200)).body;

/** The last entry that names the row as certified. */
async function certifyingSeq(table: string, rowId: string): Promise<number> {
  const [entry] = await t.db
    .select({ seq: ledgerEntries.seq })
    .from(ledgerEntries)
    .where(sql`${ledgerEntries.certTable} = ${table} and ${ledgerEntries.certRowId} = ${rowId}`)
    .orderBy(sql`${ledgerEntries.seq} desc`)
    .limit(1);
  return entry!.seq;
}

/** Every expert scores every assignment of the round, through the API. */
async function scoreEverything(roundId: string) {
  const page = await t.http.get(`/api/v1/assignments?roundId=${roundId}&limit=200`).set(auth(admin.token)).expect(200);
  for (const [index, assignment] of (
    page.body.items as { id: string; expertId: string; projectId: string }[]
  ).entries()) {
    const token = t.app.jwt.sign({ sub: assignment.expertId, role: 'expert' });
    const detail = await t.http.get(`/api/v1/assignments/${assignment.id}`).set(auth(token)).expect(200);
    const fraction = 0.9 - 0.1 * projectIds.indexOf(assignment.projectId) - 0.01 * index;
    const values = Object.fromEntries(
      detail.body.rubric.map((criterion: { code: string; maxScore: number }) => [
        criterion.code,
        Math.round(criterion.maxScore * fraction),
      ]),
    );
    await t.http
      .post(`/api/v1/assignments/${assignment.id}/score/submit`)
      .set(auth(token))
      .send({ values })
      .expect(200);
  }
}

/** Refusals of the three computations that build on certified rows, each naming the broken row. */
async function expectComputationsRefused(path: string) {
  const ranking = await t.http.get(`/api/v1/review-rounds/${rounds.final}/ranking`).set(auth(admin.token));
  expectProblem(ranking, 409, 'LEDGER_BROKEN');
  expect(ranking.body.errors.map((error: { path: string }) => error.path)).toContain(path);
  const allocation = await t.http.post('/api/v1/editions/current/awards/allocate').set(auth(admin.token));
  expectProblem(allocation, 409, 'LEDGER_BROKEN');
  const advance = await t.http
    .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
    .set(auth(admin.token))
    .send({ topK: 5 });
  expectProblem(advance, 409, 'LEDGER_BROKEN');
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
  for (let index = 0; index < 2; index++) {
    const unit = await createUnit(t.db, editionId, {
      name: `账本测试单位${index}`,
      creditCode: fakeCreditCode(7000 + index),
      type: 'enterprise',
    });
    const created = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [unit.id],
      categoryCode: 'data_product',
      teamName: `账本测试团队${index}`,
    });
    projectIds.push(created.projectId);
    teamIds.push(created.teamId);
  }
  await t.http
    .post('/api/v1/experts')
    .set(auth(admin.token))
    .send({ email: 'ledger-judge@example.test', displayName: 'Judge', affiliationName: '评委单位' })
    .expect(201);
  for (const round of [rounds.preliminary, rounds.final])
    await t.http
      .patch(`/api/v1/review-rounds/${round}`)
      .set(auth(admin.token))
      .send({ expertsPerProject: 1 })
      .expect(200);
  await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/open`).set(auth(admin.token)).expect(200);
  await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`).set(auth(admin.token)).expect(200);
  await scoreEverything(rounds.preliminary);
  await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/close`).set(auth(admin.token)).expect(200);
  await t.http
    .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
    .set(auth(admin.token))
    .send({ threshold: 0 })
    .expect(200);
  t.clock.set(DURING_FINAL);
  await t.http.post(`/api/v1/review-rounds/${rounds.final}/open`).set(auth(admin.token)).expect(200);
  await t.http.post(`/api/v1/review-rounds/${rounds.final}/assignments/auto`).set(auth(admin.token)).expect(200);
  await scoreEverything(rounds.final);
  await t.http.post(`/api/v1/review-rounds/${rounds.final}/close`).set(auth(admin.token)).expect(200);
  await t.http
    .put('/api/v1/editions/current/award-quotas')
    .set(auth(admin.token))
    .send({ quotas: [{ trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'first', quota: 2 }] })
    .expect(200);
  await t.http.post('/api/v1/editions/current/awards/allocate').set(auth(admin.token)).expect(200);
});
afterAll(() => t.close());

describe('the ledger certifies the live scores, qualification decisions and awards', () => {
  it('verifies a whole competition run, every human entry naming its actor', async () => {
    expect(await verify()).toMatchObject({ valid: true, firstBroken: null, brokenRows: [] });
    const entries = await t.db.select().from(ledgerEntries);
    const human = entries.filter((entry) => entry.payload.fixture !== true);
    expect(human.length).toBeGreaterThan(10);
    for (const entry of human) expect(entry.actorId, entry.action).not.toBeNull();
    const certified = new Set(entries.flatMap((entry) => (entry.certTable ? [entry.certTable] : [])));
    expect([...certified].sort()).toEqual(['project_awards', 'scores', 'teams']);
  });

  it('names a score changed in SQL (UPDATE scores SET total = total + 7), and ranking, advancement and allocation refuse', async () => {
    const [score] = await t.db.select().from(scores).where(eq(scores.status, 'submitted')).limit(1);
    await t.db.execute(sql`update scores set total = total + 7 where id = ${score!.id}`);
    expect((await verify()).brokenRows).toEqual([
      { table: 'scores', rowId: score!.id, seq: await certifyingSeq('scores', score!.id), problem: 'altered' },
    ]);
    await expectComputationsRefused(`/ledger/scores/${score!.id}`);
    const english = await t.http
      .get(`/api/v1/review-rounds/${rounds.final}/ranking`)
      .set({ ...auth(admin.token), 'accept-language': 'en' });
    expect(english.body.errors[0].message).toContain(`Scores row ${score!.id} differs from ledger entry`);
    await t.db.update(scores).set({ total: score!.total }).where(eq(scores.id, score!.id));
    expect(await verify()).toMatchObject({ valid: true, brokenRows: [] });
  });

  it('names a qualification decision changed in SQL, and a team approved without a decision', async () => {
    const [teamId] = teamIds;
    await t.db.update(teams).set({ qualificationStatus: 'rejected' }).where(eq(teams.id, teamId!));
    expect((await verify()).brokenRows).toEqual([
      { table: 'teams', rowId: teamId, seq: await certifyingSeq('teams', teamId!), problem: 'altered' },
    ]);
    await expectComputationsRefused(`/ledger/teams/${teamId}`);
    await t.db.update(teams).set({ qualificationStatus: 'approved' }).where(eq(teams.id, teamId!));
    const [draft] = await t.db.select().from(teams).where(eq(teams.qualificationStatus, 'draft')).limit(1);
    await t.db.update(teams).set({ qualificationStatus: 'approved' }).where(eq(teams.id, draft!.id));
    expect((await verify()).brokenRows).toEqual([
      { table: 'teams', rowId: draft!.id, seq: null, problem: 'unrecorded' },
    ]);
    await t.db.update(teams).set({ qualificationStatus: 'draft' }).where(eq(teams.id, draft!.id));
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('names an award changed or deleted in SQL', async () => {
    const [award] = await t.db.select().from(projectAwards).where(eq(projectAwards.editionId, editionId)).limit(1);
    const seq = await certifyingSeq('project_awards', award!.id);
    await t.db
      .update(projectAwards)
      .set({ rank: award!.rank + 1 })
      .where(eq(projectAwards.id, award!.id));
    expect((await verify()).brokenRows).toEqual([
      { table: 'project_awards', rowId: award!.id, seq, problem: 'altered' },
    ]);
    await expectComputationsRefused(`/ledger/project_awards/${award!.id}`);
    await t.db.delete(projectAwards).where(eq(projectAwards.id, award!.id));
    expect((await verify()).brokenRows).toEqual([
      { table: 'project_awards', rowId: award!.id, seq, problem: 'deleted' },
    ]);
    await t.db.insert(projectAwards).values(award!);
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('reallocates awards after withdrawing the earlier ones in the ledger, and still verifies', async () => {
    await t.http.post('/api/v1/editions/current/awards/allocate').set(auth(admin.token)).expect(200);
    expect(await verify()).toMatchObject({ valid: true, brokenRows: [] });
    const withdrawn = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.action, 'award.withdrawn'));
    expect(withdrawn).toHaveLength(2);
    expect(withdrawn.every((entry) => entry.certDigest === null && entry.actorId === admin.id)).toBe(true);
  });

  it('records a role change and a declared conflict naming the organizer who acted', async () => {
    const user = await t.userWithToken('participant');
    await t.http.patch(`/api/v1/users/${user.id}`).set(auth(admin.token)).send({ role: 'expert' }).expect(200);
    const [changed] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.subjectId, user.id));
    expect(changed).toMatchObject({
      action: 'user.updated',
      actorId: admin.id,
      payload: { role: { from: 'participant', to: 'expert' } },
    });
    const experts = await t.http.get('/api/v1/experts').set(auth(admin.token)).expect(200);
    const expertId = experts.body.items[0].id;
    const conflict = await t.http
      .post(`/api/v1/experts/${expertId}/conflicts`)
      .set(auth(admin.token))
      .send({ kind: 'team', subjectId: teamIds[1], reason: '亲属' })
      .expect(201);
    const [declared] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.subjectId, conflict.body.id));
    expect(declared).toMatchObject({ action: 'conflict.declared', actorId: admin.id, subjectType: 'expert_conflict' });
  });

  it('lists who did what, filtered by action, actor, subject and time', async () => {
    const list = async (query: string) =>
      (await t.http.get(`/api/v1/ledger?limit=200&${query}`).set(auth(admin.token)).expect(200)).body.items as {
        seq: number;
        action: string;
        actorId: string | null;
        actorName: string | null;
        subjectType: string;
        at: string;
      }[];
    const byAdmin = await list(`actorId=${admin.id}&action=user.updated`);
    expect(byAdmin).toHaveLength(1);
    expect(byAdmin[0]).toMatchObject({ action: 'user.updated', actorId: admin.id });
    expect(byAdmin[0]!.actorName).toEqual(expect.any(String));
    const teamsOnly = await list('subjectType=team');
    expect(teamsOnly.length).toBeGreaterThan(0);
    expect(teamsOnly.every((entry) => entry.subjectType === 'team')).toBe(true);
    const [firstTeam] = teamIds;
    const ofTeam = await list(`subjectType=team&subjectId=${firstTeam}`);
    expect(ofTeam.length).toBeGreaterThan(0);
    const scored = await list('action=score.submitted');
    expect(scored.length).toBe(4);
    const finalOnly = await list(`action=score.submitted&from=${encodeURIComponent(DURING_FINAL)}`);
    expect(finalOnly.length).toBe(2);
    const preliminaryOnly = await list(`action=score.submitted&to=${encodeURIComponent(DURING_FINAL)}`);
    expect(preliminaryOnly.length).toBe(2);
    expectProblem(await t.http.get('/api/v1/ledger?action=no.such').set(auth(admin.token)), 400, 'VALIDATION_FAILED');
  });
});
