import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DURING_PRELIMINARY, expectProblem, type TestApp } from '../../test/app.js';
import { DEMO_PASSWORD } from '../../seed/accounts.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from '../review/fixtures.js';
import { reviewRounds } from '../review/tables.js';
import { teams } from '../teams/tables.js';

// The organizers' dashboard: what is waiting for them (qualification decisions, flagged teams) and
// how far the review has come per round and per expert, on the 2024 Guangxi demo edition.

let t: TestApp;
let admin: { id: string; token: string };
let expertToken: string;
let preliminaryId: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

interface Progress {
  edition: string;
  qualification: { awaiting: number; flagged: number };
  rounds: {
    id: string;
    kind: string;
    status: string;
    expertsPerProject: number;
    stageEndsAt: string | null;
    projects: number;
    reviewedProjects: number;
    assignments: number;
    submitted: number;
    expertsBehind: number;
    experts: { expertId: string; name: string; assigned: number; submitted: number }[];
  }[];
}

const progress = async (): Promise<Progress> =>
  (await t.http.get('/api/v1/editions/current/progress').set(auth(admin.token)).expect(200)).body as Progress;

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  const rounds = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  preliminaryId = rounds.body.items.find((round: { kind: string }) => round.kind === 'preliminary').id;
  const login = await t.http
    .post('/api/v1/auth/login')
    .send({ login: 'expert@saishi.demo', password: DEMO_PASSWORD })
    .expect(200);
  expertToken = login.body.accessToken;
});
afterAll(() => t.close());

describe('the edition progress (dashboard to-dos)', () => {
  it('counts the teams awaiting a qualification decision and the flagged ones', async () => {
    const waiting = await t.http
      .get('/api/v1/teams?edition=current&status=submitted&limit=200')
      .set(auth(admin.token))
      .expect(200);
    const before = await progress();
    expect(before.edition).toBe('2024-guangxi');
    expect(before.qualification.awaiting).toBe(waiting.body.items.length);

    const flagged = waiting.body.items[0] as { id: string } | undefined;
    const anyTeam = flagged ?? (await t.db.select({ id: teams.id }).from(teams).limit(1))[0]!;
    await t.db.update(teams).set({ flaggedAt: t.clock.now(), flagReason: '名单命中' }).where(eq(teams.id, anyTeam.id));
    expect((await progress()).qualification.flagged).toBe(before.qualification.flagged + 1);
  });

  it("tells each round's projects, scores and every expert's progress, the furthest behind first", async () => {
    const draft = (await progress()).rounds.find((round) => round.kind === 'preliminary')!;
    expect(draft).toMatchObject({ id: preliminaryId, status: 'draft', assignments: 0, submitted: 0, experts: [] });
    // The preliminary stage of 2024 ends as 1 September begins, Beijing time.
    expect(draft.stageEndsAt).toBe('2024-09-01T00:00:00.000+08:00');

    // Two approved teams' projects, each assigned to the demo expert and to another one.
    const editionId = await currentEditionId(t.db);
    const projects = [];
    for (const seq of [1, 2]) {
      const unit = await createUnit(t.db, editionId, { name: `进度单位${seq}`, creditCode: fakeCreditCode(700 + seq) });
      projects.push(await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id] }));
    }
    await t.http.post(`/api/v1/review-rounds/${preliminaryId}/open`).set(auth(admin.token)).expect(200);
    const demoExpertId = (await t.http.get('/api/v1/me').set(auth(expertToken)).expect(200)).body.id as string;
    const committee = await t.http.get('/api/v1/experts?limit=50').set(auth(admin.token)).expect(200);
    const other = (committee.body.items as { id: string; displayName: string }[]).find(
      (expert) => expert.id !== demoExpertId,
    )!;
    const assigned: Record<string, string[]> = { [demoExpertId]: [], [other.id]: [] };
    for (const project of projects)
      for (const expertId of [demoExpertId, other.id]) {
        const created = await t.http
          .post('/api/v1/assignments')
          .set(auth(admin.token))
          .send({ roundId: preliminaryId, projectId: project.projectId, expertId, reason: '进度测试' })
          .expect(201);
        assigned[expertId]!.push(created.body.id);
      }
    const first = assigned[demoExpertId]![0]!;
    const detail = await t.http.get(`/api/v1/assignments/${first}`).set(auth(expertToken)).expect(200);
    const values = Object.fromEntries(
      (detail.body.rubric as { code: string; maxScore: number }[]).map((criterion) => [
        criterion.code,
        criterion.maxScore / 2,
      ]),
    );
    await t.http
      .post(`/api/v1/assignments/${first}/score/submit`)
      .set(auth(expertToken))
      .send({ values, comment: '材料完整' })
      .expect(200);

    const open = (await progress()).rounds.find((round) => round.kind === 'preliminary')!;
    expect(open).toMatchObject({
      status: 'open',
      projects: 2,
      assignments: 4,
      submitted: 1,
      // One score is not the five a project needs.
      reviewedProjects: 0,
      expertsBehind: 2,
      experts: [
        { expertId: other.id, name: other.displayName, assigned: 2, submitted: 0 },
        { expertId: demoExpertId, name: '评审专家（演示）', assigned: 2, submitted: 1 },
      ],
    });
    // With N = 1, the project scored once is fully reviewed.
    await t.db.update(reviewRounds).set({ expertsPerProject: 1 }).where(eq(reviewRounds.id, preliminaryId));
    expect((await progress()).rounds.find((round) => round.id === preliminaryId)!.reviewedProjects).toBe(1);
  });

  it('is for organizers only, and answers 404 for an unknown edition', async () => {
    expectProblem(await t.http.get('/api/v1/editions/current/progress').set(auth(expertToken)), 403, 'FORBIDDEN');
    expectProblem(
      await t.http.get('/api/v1/editions/1999-xx/progress').set(auth(admin.token)),
      404,
      'EDITION_NOT_FOUND',
    );
  });
});
