import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from '../review/fixtures.js';

// Conflicts experts manage (issue 16.4): picked by name, withdrawn with a reason, reviewed by organizers.

let t: TestApp;
let admin: { id: string; token: string };
let editionId: string;
let roundId: string;
let expert: { id: string; token: string };
let project: { projectId: string; teamId: string };

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

let expertSeq = 0;
async function newExpert(name: string): Promise<{ id: string; token: string }> {
  expertSeq++;
  const response = await t.http
    .post('/api/v1/experts')
    .set(auth(admin.token))
    .send({ email: `conflict${expertSeq}@example.test`, displayName: name, affiliationName: `${name}所在单位` });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.id, token: t.app.jwt.sign({ sub: response.body.id, role: 'expert' }) };
}

function assignByHand(expertId: string) {
  return t.http
    .post('/api/v1/assignments')
    .set(auth(admin.token))
    .send({ roundId, projectId: project.projectId, expertId, reason: '回避测试' });
}

async function ledgerActions(subjectId: string): Promise<{ action: string; payload: Record<string, unknown> }[]> {
  const response = await t.http.get('/api/v1/ledger?limit=200').set(auth(admin.token)).expect(200);
  return response.body.items.filter((entry: { subjectId: string }) => entry.subjectId === subjectId);
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = list.body.items.find((round: { kind: string }) => round.kind === 'preliminary').id;
  const unit = await createUnit(t.db, editionId, {
    name: '青秀区智慧水务有限公司',
    creditCode: fakeCreditCode(812_001),
  });
  project = await createProject(t.db, {
    editionId,
    trackCode: 'society',
    unitIds: [unit.id],
    teamName: '智慧水务攻关队',
    title: '城市供水管网漏损智能诊断',
  });
  await t.db.execute(
    sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${project.projectId}, ${t.clock.now()})`,
  );
  expert = await newExpert('自管回避专家');
});
afterAll(() => t.close());

describe('declaring a conflict by name (issue 16.4)', () => {
  it('finds units, teams and projects by words of their names, without saying whose a project is', async () => {
    const response = await t.http
      .get(`/api/v1/conflict-subjects?q=${encodeURIComponent('智慧水务')}`)
      .set(auth(expert.token))
      .expect(200);
    const found = response.body.items as { kind: string; id: string; name: string; creditCode: string | null }[];
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'unit', name: '青秀区智慧水务有限公司', creditCode: fakeCreditCode(812_001) }),
        expect.objectContaining({ kind: 'team', id: project.teamId, name: '智慧水务攻关队' }),
      ]),
    );
    const byTitle = await t.http
      .get(`/api/v1/conflict-subjects?kind=project&q=${encodeURIComponent('管网漏损')}`)
      .set(auth(expert.token))
      .expect(200);
    expect(byTitle.body.items).toEqual([
      {
        kind: 'project',
        id: project.projectId,
        name: '城市供水管网漏损智能诊断',
        editionName: expect.any(String),
        creditCode: null,
      },
    ]);
  });

  it('refuses a one-character search in problem+json', async () => {
    const response = await t.http
      .get(`/api/v1/conflict-subjects?q=${encodeURIComponent('水')}`)
      .set(auth(expert.token))
      .set('accept-language', 'en');
    expectProblem(response, 400, 'VALIDATION_FAILED');
  });

  it('keeps the expert off at once, pending review, and lists the conflict by name', async () => {
    const declared = await t.http
      .post(`/api/v1/experts/${expert.id}/conflicts`)
      .set(auth(expert.token))
      .send({ kind: 'team', subjectId: project.teamId, reason: '曾为该团队提供咨询' })
      .expect(201);
    expect(declared.body).toMatchObject({ status: 'pending', subjectName: '智慧水务攻关队', withdrawnAt: null });
    expectProblem(await assignByHand(expert.id), 422, 'EXPERT_CONFLICT_OF_INTEREST');
    const mine = await t.http.get(`/api/v1/experts/${expert.id}/conflicts`).set(auth(expert.token)).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: declared.body.id, subjectName: '智慧水务攻关队' })]);
  });
});

describe('organizers review declared conflicts (issue 16.4)', () => {
  it('lists pending declarations with the expert’s and the subject’s names', async () => {
    const response = await t.http.get('/api/v1/expert-conflicts?status=pending').set(auth(admin.token)).expect(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({ expertName: '自管回避专家', subjectName: '智慧水务攻关队', status: 'pending' }),
    ]);
  });

  it('lets only organizers review, and a rejected conflict no longer keeps the expert off', async () => {
    const [pending] = (await t.http.get(`/api/v1/experts/${expert.id}/conflicts`).set(auth(expert.token))).body.items;
    const path = `/api/v1/experts/${expert.id}/conflicts/${pending.id}/review`;
    await t.http.post(path).set(auth(expert.token)).send({ decision: 'rejected', note: '自审' }).expect(403);
    const reviewed = await t.http
      .post(path)
      .set(auth(admin.token))
      .send({ decision: 'rejected', note: '咨询已结束三年，不构成回避' })
      .expect(200);
    expect(reviewed.body).toMatchObject({ status: 'rejected', reviewNote: '咨询已结束三年，不构成回避' });
    const again = await t.http
      .post(path)
      .set(auth(admin.token))
      .set('accept-language', 'en')
      .send({ decision: 'confirmed', note: 'again' });
    expectProblem(again, 409, 'CONFLICT_NOT_PENDING');
    expect(again.body.detail).toContain('rejected');
    const assigned = await assignByHand(expert.id);
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    expect(await ledgerActions(pending.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'conflict.declared' }),
        expect.objectContaining({
          action: 'conflict.reviewed',
          payload: expect.objectContaining({ decision: 'rejected', note: '咨询已结束三年，不构成回避' }),
        }),
      ]),
    );
  });

  it('confirms at once a conflict an organizer records', async () => {
    const other = await newExpert('组织方登记专家');
    const recorded = await t.http
      .post(`/api/v1/experts/${other.id}/conflicts`)
      .set(auth(admin.token))
      .send({ kind: 'project', subjectId: project.projectId, reason: '亲属关系' })
      .expect(201);
    expect(recorded.body.status).toBe('confirmed');
  });
});

describe('withdrawing a conflict with a reason (issue 16.4)', () => {
  let declarant: { id: string; token: string };
  let conflictId: string;

  beforeAll(async () => {
    declarant = await newExpert('撤回回避专家');
    conflictId = (
      await t.http
        .post(`/api/v1/experts/${declarant.id}/conflicts`)
        .set(auth(declarant.token))
        .send({ kind: 'project', subjectId: project.projectId })
        .expect(201)
    ).body.id;
  });

  it('refuses another expert’s withdrawal', async () => {
    await t.http
      .post(`/api/v1/experts/${declarant.id}/conflicts/${conflictId}/withdraw`)
      .set(auth(expert.token))
      .send({ reason: '代撤' })
      .expect(403);
  });

  it('stops keeping the expert off, in the service and in the database, and is written to the ledger', async () => {
    expectProblem(await assignByHand(declarant.id), 422, 'EXPERT_CONFLICT_OF_INTEREST');
    const withdrawn = await t.http
      .post(`/api/v1/experts/${declarant.id}/conflicts/${conflictId}/withdraw`)
      .set(auth(declarant.token))
      .send({ reason: '误选了作品' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ withdrawalReason: '误选了作品', subjectName: '城市供水管网漏损智能诊断' });
    expect(new Date(withdrawn.body.withdrawnAt).getTime()).toBe(t.clock.now().getTime());
    // The trigger no longer counts it either.
    const inserted = await t.db
      .execute(
        sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values (${roundId}, ${project.projectId}, ${declarant.id}, 'manual', ${t.clock.now()})`,
      )
      .then(
        () => null,
        (caught: unknown) => pgErrorOf(caught)?.code ?? 'unknown',
      );
    expect(inserted).toBeNull();
    expect(await ledgerActions(conflictId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'conflict.withdrawn',
          payload: expect.objectContaining({ reason: '误选了作品' }),
        }),
      ]),
    );
  });

  it('refuses a second withdrawal and a withdrawal without a reason', async () => {
    const path = `/api/v1/experts/${declarant.id}/conflicts/${conflictId}/withdraw`;
    expectProblem(await t.http.post(path).set(auth(declarant.token)).send({}), 400, 'VALIDATION_FAILED');
    const again = await t.http.post(path).set(auth(declarant.token)).send({ reason: '再撤' });
    expectProblem(again, 409, 'CONFLICT_ALREADY_WITHDRAWN');
    expect(again.body.detail).toBe('该回避声明已撤回');
  });
});
