import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

// Conflicts of interest derived from units, not typed by organizers (issue 11.8, SPEC §6).

let t: TestApp;
let admin: { id: string; token: string };
let editionId: string;
let roundId: string;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

let expertSeq = 0;
async function newExpert(profile: { affiliationName: string; affiliationCreditCode?: string }): Promise<string> {
  expertSeq++;
  const response = await t.http
    .post('/api/v1/experts')
    .set(auth(admin.token))
    .send({ email: `coi${expertSeq}@example.test`, displayName: `回避专家${expertSeq}`, ...profile });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** A project of the unit, enrolled in the preliminary round. */
async function projectOf(unitIds: string[]) {
  const project = await createProject(t.db, { editionId, trackCode: 'society', unitIds, categoryCode: 'data_product' });
  await t.db.execute(
    sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${project.projectId}, ${t.clock.now()})`,
  );
  return project;
}

function assignByHand(projectId: string, expertId: string) {
  return t.http
    .post('/api/v1/assignments')
    .set(auth(admin.token))
    .send({ roundId, projectId, expertId, reason: '领域对口' });
}

/** The SQLSTATE of a direct insert, the service bypassed (null when the insert passes). */
async function insertBypassingService(projectId: string, expertId: string): Promise<string | null> {
  const error = await t.db
    .execute(
      sql`insert into assignments (round_id, project_id, expert_user_id, source, created_at) values (${roundId}, ${projectId}, ${expertId}, 'manual', ${t.clock.now()})`,
    )
    .then(
      () => null,
      (caught: unknown) => caught,
    );
  return error === null ? null : (pgErrorOf(error)?.code ?? 'unknown');
}

async function candidates(projectId: string) {
  const response = await t.http
    .get(`/api/v1/review-rounds/${roundId}/projects/${projectId}/candidates`)
    .set(auth(admin.token));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { items: { id: string; load: number }[]; conflicted: number; assigned: number };
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = list.body.items.find((round: { kind: string }) => round.kind === 'preliminary').id;
});
afterAll(() => t.close());

describe('conflicts derived from the affiliation and the team’s units (issue 11.8)', () => {
  it('matches an affiliation without a code to its unit by name, whatever the brackets and spaces', async () => {
    const unit = await createUnit(t.db, editionId, {
      name: '广西数据大学 (东校区)',
      creditCode: fakeCreditCode(811_001),
    });
    const { projectId } = await projectOf([unit.id]);
    const colleague = await newExpert({ affiliationName: '广西数据大学（东校区）' });
    expectProblem(await assignByHand(projectId, colleague), 422, 'EXPERT_CONFLICT_OF_INTEREST');
    expect(await insertBypassingService(projectId, colleague)).toBe('SA001');
    expect((await candidates(projectId)).items.map((item) => item.id)).not.toContain(colleague);
  });

  it('derives the credit code from the name: a unit registered under another name is still the expert’s', async () => {
    const code = fakeCreditCode(811_002);
    // The unit's full name, registered in another season, carries the code the team's unit has.
    const season = await t.http
      .post('/api/v1/editions')
      .set(auth(admin.token))
      .send({
        code: '2023-guangxi',
        year: 2023,
        divisionCode: 'guangxi',
        name: '2023年广西分赛',
        theme: '数据赋能',
        stages: [
          { code: 'collection', startsAt: '2023-06-01T00:00:00+08:00', endsAt: '2023-08-01T00:00:00+08:00' },
          { code: 'preliminary', startsAt: '2023-08-01T00:00:00+08:00', endsAt: '2023-09-01T00:00:00+08:00' },
          { code: 'final', startsAt: '2023-09-01T00:00:00+08:00', endsAt: '2023-10-01T00:00:00+08:00' },
          { code: 'promotion', startsAt: '2023-10-01T00:00:00+08:00', endsAt: null },
        ],
      });
    expect(season.status, JSON.stringify(season.body)).toBe(201);
    await createUnit(t.db, season.body.id, { name: '桂林数据电子科技大学', creditCode: code });
    const short = await createUnit(t.db, editionId, { name: '桂数电', creditCode: code });
    const { projectId } = await projectOf([short.id]);
    const colleague = await newExpert({ affiliationName: '桂林数据电子科技大学' });
    expectProblem(await assignByHand(projectId, colleague), 422, 'EXPERT_CONFLICT_OF_INTEREST');
    expect(await insertBypassingService(projectId, colleague)).toBe('SA001');
  });

  it('conflicts an expert on a team (as advising teacher) with every team of that team’s units', async () => {
    const university = await createUnit(t.db, editionId, {
      name: '某师范学院',
      creditCode: fakeCreditCode(811_003),
      type: 'university',
    });
    const advised = await projectOf([university.id]);
    const sameUniversity = await projectOf([university.id]);
    // The advisor's expert profile names another affiliation: the team membership is what ties them.
    const advisor = await newExpert({ affiliationName: '挂职单位', affiliationCreditCode: fakeCreditCode(811_004) });
    await t.db.execute(
      sql`insert into team_members (team_id, edition_id, user_id, role, joined_at) values (${advised.teamId}, ${editionId}, ${advisor}, 'advisor', ${t.clock.now()})`,
    );
    expectProblem(await assignByHand(sameUniversity.projectId, advisor), 422, 'EXPERT_CONFLICT_OF_INTEREST');
    expect(await insertBypassingService(sameUniversity.projectId, advisor)).toBe('SA001');
  });

  it('conflicts with a member unit of a joint entry, not only the lead unit (R-SOC-2)', async () => {
    const lead = await createUnit(t.db, editionId, { name: '牵头企业甲', creditCode: fakeCreditCode(811_005) });
    const member = await createUnit(t.db, editionId, { name: '成员企业乙', creditCode: fakeCreditCode(811_006) });
    const { projectId } = await projectOf([lead.id, member.id]);
    const ofMember = await newExpert({ affiliationName: ' 成员企业乙 ' });
    expectProblem(await assignByHand(projectId, ofMember), 422, 'EXPERT_CONFLICT_OF_INTEREST');
    expect(await insertBypassingService(projectId, ofMember)).toBe('SA001');
  });

  it('lets an unrelated expert through, by hand and in the database', async () => {
    const unit = await createUnit(t.db, editionId, { name: '无关测试企业', creditCode: fakeCreditCode(811_007) });
    const { projectId } = await projectOf([unit.id]);
    const outsider = await newExpert({ affiliationName: '完全不同的研究院' });
    expect((await assignByHand(projectId, outsider)).status).toBe(201);
    const other = await projectOf([unit.id]);
    expect(await insertBypassingService(other.projectId, outsider)).toBeNull();
  });
});

describe('the manual assignment list offers only experts free of conflicts (issue 16.1)', () => {
  it('leaves out conflicted and already assigned experts and counts them', async () => {
    const unit = await createUnit(t.db, editionId, { name: '候选测试单位', creditCode: fakeCreditCode(811_010) });
    const { projectId } = await projectOf([unit.id]);
    const colleague = await newExpert({ affiliationName: '候选测试单位' });
    const assigned = await newExpert({ affiliationName: '候选外单位一' });
    const free = await newExpert({ affiliationName: '候选外单位二' });
    expect((await assignByHand(projectId, assigned)).status).toBe(201);
    const before = await candidates(projectId);
    const ids = before.items.map((item) => item.id);
    expect(ids).toContain(free);
    expect(ids).not.toContain(colleague);
    expect(ids).not.toContain(assigned);
    expect(before.conflicted).toBeGreaterThanOrEqual(1);
    expect(before.assigned).toBe(1);
    // Least loaded first among equal field matches: the free expert (no assignment) before busier ones.
    const loads = before.items.map((item) => item.load);
    expect(loads).toEqual([...loads].sort((a, b) => a - b));
  });

  it('answers 404 in problem+json for a project outside the round', async () => {
    const unit = await createUnit(t.db, editionId, { name: '不在轮次单位', creditCode: fakeCreditCode(811_011) });
    const outside = await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id] });
    const response = await t.http
      .get(`/api/v1/review-rounds/${roundId}/projects/${outside.projectId}/candidates`)
      .set(auth(admin.token))
      .set('accept-language', 'en');
    expectProblem(response, 404, 'PROJECT_NOT_IN_ROUND');
    expect(response.body.detail).toMatch(/round/);
  });
});
