import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DURING_PRELIMINARY, expectProblem, type TestApp } from '../../test/app.js';
import { auth, setUpTwoDivisions, type TestUser } from '../../test/divisions.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';
import { sqlRows } from '../../lib/rows.js';
import { assignments } from './tables.js';

/**
 * Automatic assignment as a background job (`Prefer: respond-async`): 202 at once with the job,
 * its progress and result readable under the round (so a division organizer polls their own
 * round's job), the same work as the synchronous request.
 */
let t: TestApp;
let admin: TestUser;
let rounds: Record<'preliminary' | 'final', string>;

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY, config: { JOBS_POLL_SECONDS: 0.5 } });
  admin = await t.userWithToken('admin');
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
  // Three qualified projects of one unit: the preliminary enrolls them when it is assigned.
  const editionId = await currentEditionId(t.db);
  const unit = await createUnit(t.db, editionId, { name: '后台分配测试单位', creditCode: fakeCreditCode(881_000) });
  for (const title of ['后台分配项目甲', '后台分配项目乙', '后台分配项目丙'])
    await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id], title });
});
afterAll(() => t.close());

const jobPath = (roundId: string, jobId: string) => `/api/v1/review-rounds/${roundId}/assignments/auto/${jobId}`;

async function finished(roundId: string, jobId: string) {
  const until = Date.now() + 30_000;
  for (;;) {
    const job = await t.http.get(jobPath(roundId, jobId)).set(auth(admin)).expect(200);
    if (['completed', 'failed'].includes(job.body.state)) return job.body;
    if (Date.now() > until) throw new Error(`the job is still ${job.body.state}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

describe('automatic assignment in the background', () => {
  it('answers 202 with the job, then reports its phases and the result of the synchronous request', async () => {
    const queued = await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
      .set(auth(admin))
      .set('prefer', 'respond-async')
      .expect(202);
    expect(queued.headers['preference-applied']).toBe('respond-async');
    expect(queued.headers.location).toBe(jobPath(rounds.preliminary, queued.body.id));
    expect(queued.body).toMatchObject({ queue: 'review.auto-assign', result: null });
    expect(queued.body.progress).not.toBeNull();

    const job = await finished(rounds.preliminary, queued.body.id);
    expect(job.state, job.error).toBe('completed');
    const written = await t.db.select().from(assignments).where(eq(assignments.roundId, rounds.preliminary));
    expect(written.length).toBeGreaterThan(0);
    expect(job.result).toMatchObject({ created: written.length, shortfalls: expect.any(Array) });
    expect(job.progress).toEqual({ phase: 'done', done: written.length, total: written.length });
    // Match quality: the new assignments whose expert shares a field with the project, counted in SQL.
    const [matched] = await sqlRows<{ n: number }>(
      t.db,
      sql`
      select count(*)::int as n from assignments a
        join expert_profiles e on e.user_id = a.expert_user_id
       where a.round_id = ${rounds.preliminary} and exists (
         select 1 from project_topics pt join topics tp on tp.id = pt.topic_id join fields f on f.id = tp.field_id
          where pt.project_id = a.project_id and e.field_codes ? f.code)`,
    );
    expect(job.result.fieldMatch).toEqual({
      matched: matched!.n,
      assignments: written.length,
      share: Math.round((matched!.n / written.length) * 1e4) / 1e4,
    });

    // A second run has nothing to add, as the synchronous request would say.
    const again = await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
      .set(auth(admin))
      .expect(200);
    expect(again.body).toMatchObject({ created: 0, projects: job.result.projects });
  });

  it('refuses at once what the synchronous request refuses, and names an unknown job 404', async () => {
    expectProblem(
      await t.http
        .post(`/api/v1/review-rounds/${randomUUID()}/assignments/auto`)
        .set(auth(admin))
        .set('prefer', 'respond-async'),
      404,
      'ROUND_NOT_FOUND',
    );
    expectProblem(await t.http.get(jobPath(rounds.preliminary, randomUUID())).set(auth(admin)), 404, 'JOB_NOT_FOUND');
  });

  it("shows a round's job under that round only, and to organizers of its division only", async () => {
    const queued = await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`)
      .set(auth(admin))
      .set('prefer', 'respond-async')
      .expect(202);
    await finished(rounds.preliminary, queued.body.id);
    expectProblem(await t.http.get(jobPath(rounds.final, queued.body.id)).set(auth(admin)), 404, 'JOB_NOT_FOUND');
    const { organizers } = await setUpTwoDivisions(t);
    expect((await t.http.get(jobPath(rounds.preliminary, queued.body.id)).set(auth(organizers.jiangsu))).status).toBe(
      404,
    );
    const expert = await t.userWithToken('expert');
    expectProblem(await t.http.get(jobPath(rounds.preliminary, queued.body.id)).set(auth(expert)), 403, 'FORBIDDEN');
  });
});
