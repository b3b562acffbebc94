import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { waitForJob } from '../../test/jobs.js';
import { divisions, organizerScopes } from '../editions/tables.js';

let t: TestApp;
let organizer: { token: string };
const auth = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

/** Another API instance on the same database, as a second process of a deployment would be. */
const anotherInstance = () =>
  buildApp({ config: t.config, database: t.database, clock: t.clock, logger: false }).then(async (app) => {
    await app.ready();
    return app;
  });

beforeAll(async () => {
  t = await createTestApp({ config: { JOBS_POLL_SECONDS: 0.5 } });
  organizer = await t.userWithToken('admin');
});
afterAll(() => t?.close());

describe('the job runner', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const tries: number[] = [];
    await t.app.jobs.work<{ n: number }>(
      'test.flaky',
      async (job) => {
        tries.push(job.retryCount);
        if (job.retryCount < 1) throw new Error('the mail server is down');
      },
      { retryLimit: 2, retryDelaySeconds: 1 },
    );
    const id = (await t.app.jobs.send('test.flaky', { n: 1 }))!;
    const job = await waitForJob(t, id, 'completed');
    expect(tries).toEqual([0, 1]);
    expect(job).toMatchObject({ queue: 'test.flaky', retryCount: 1, retryLimit: 2, error: null });
  });

  it('shows organizers a failed job with its reason, and retries it on request', async () => {
    let healthy = false;
    await t.app.jobs.work(
      'test.broken',
      async () => {
        if (!healthy) throw new Error('SMTP 550 mailbox unavailable');
      },
      { retryLimit: 0 },
    );
    const id = (await t.app.jobs.send('test.broken', {}))!;
    await waitForJob(t, id, 'failed');

    const failed = await t.http.get('/api/v1/jobs?state=failed&queue=test.broken').set(auth(organizer)).expect(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({ id, state: 'failed', error: 'SMTP 550 mailbox unavailable', retryCount: 0 }),
    ]);
    const summary = await t.http.get('/api/v1/jobs/summary').set(auth(organizer)).expect(200);
    expect(summary.body.queues).toContainEqual({
      queue: 'test.broken',
      counts: { created: 0, retry: 0, active: 0, completed: 0, failed: 1, cancelled: 0 },
    });

    healthy = true;
    const retried = await t.http.post(`/api/v1/jobs/${id}/retry`).set(auth(organizer)).expect(202);
    expect(['retry', 'active', 'completed']).toContain(retried.body.state);
    await waitForJob(t, id, 'completed');
    const done = await t.http.get(`/api/v1/jobs/${id}`).set(auth(organizer)).expect(200);
    expect(done.body).toMatchObject({ state: 'completed', error: null, completedAt: expect.any(String) });

    const again = await t.http.post(`/api/v1/jobs/${id}/retry`).set(auth(organizer)).set('accept-language', 'en');
    expect(expectProblem(again, 409, 'JOB_NOT_FAILED').detail).toBe(
      'Only a failed job can be retried (this one is completed)',
    );
  });

  it('runs each job once across two API instances', async () => {
    const second = await anotherInstance();
    try {
      const runs: string[] = [];
      const record = async (job: { data: { key: string } }) => void runs.push(job.data.key);
      await t.app.jobs.work('test.once', record);
      await second.jobs.work('test.once', record);
      const keys = Array.from({ length: 20 }, (_, i) => `job-${i}`);
      const ids = await Promise.all(
        keys.map((key, i) => (i % 2 ? second : t.app).jobs.send('test.once', { key }) as Promise<string>),
      );
      for (const id of ids) await waitForJob(t, id);
      expect(runs.sort()).toEqual([...keys].sort());
    } finally {
      await second.close();
    }
  });

  it('keeps a queued job across a restart: the next instance runs it', async () => {
    const first = await anotherInstance();
    await first.jobs.define('test.durable');
    const key = randomUUID();
    const id = (await first.jobs.send('test.durable', { key }))!;
    await first.close();

    const runs: string[] = [];
    await t.app.jobs.work<{ key: string }>('test.durable', async (job) => void runs.push(job.data.key));
    await waitForJob(t, id);
    expect(runs).toEqual([key]);
  });

  it('pages the list newest first, and answers 404 for an unknown job', async () => {
    await t.app.jobs.define('test.page');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await t.app.jobs.send('test.page', { i }))!);
    // Jobs sent within one millisecond, the newest with the smallest id: the order is the instants'
    // to the microsecond, and a page's cursor continues from there without repeating a job.
    const sent = [...ids].sort().reverse();
    for (const [order, id] of sent.entries())
      await t.database.pool.query(
        `update pgboss.job set created_on = '2024-08-01T00:00:00.000100Z'::timestamptz + $1 * interval '1 microsecond' where id = $2`,
        [order * 100, id],
      );
    ids.splice(0, ids.length, ...sent);
    const first = await t.http.get('/api/v1/jobs?queue=test.page&limit=2').set(auth(organizer)).expect(200);
    const second = await t.http
      .get(`/api/v1/jobs?queue=test.page&limit=2&cursor=${first.body.nextCursor}`)
      .set(auth(organizer))
      .expect(200);
    expect([...first.body.items, ...second.body.items].map((job: { id: string }) => job.id)).toEqual(ids.reverse());
    expect(second.body.nextCursor).toBeNull();
    expectProblem(await t.http.get(`/api/v1/jobs/${randomUUID()}`).set(auth(organizer)), 404, 'JOB_NOT_FOUND');
  });

  it('is for platform organizers only', async () => {
    const participant = await t.userWithToken('participant');
    const expert = await t.userWithToken('expert');
    expectProblem(await t.http.get('/api/v1/jobs'), 401, 'UNAUTHORIZED');
    expectProblem(await t.http.get('/api/v1/jobs').set(auth(participant)), 403, 'FORBIDDEN');
    expectProblem(await t.http.get('/api/v1/jobs/summary').set(auth(expert)), 403, 'FORBIDDEN');
    const divisionOrganizer = await t.userWithToken('admin');
    const [guangxi] = await t.db.select().from(divisions);
    await t.db.insert(organizerScopes).values({ userId: divisionOrganizer.id, divisionId: guangxi!.id });
    expectProblem(await t.http.get('/api/v1/jobs').set(auth(divisionOrganizer)), 403, 'FORBIDDEN');
    expectProblem(
      await t.http.post(`/api/v1/jobs/${randomUUID()}/retry`).set(auth(divisionOrganizer)),
      403,
      'FORBIDDEN',
    );
  });
});
