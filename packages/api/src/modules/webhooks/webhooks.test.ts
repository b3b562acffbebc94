import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_SIGNATURE_TOLERANCE_SECONDS } from '@saishi/shared';
import { buildApp } from '../../app.js';
import { createTestApp, DURING_COLLECTION, expectProblem, type TestApp } from '../../test/app.js';
import { DURING_COLLECTION_2025, setUpTwoDivisions, type TwoDivisions } from '../../test/divisions.js';
import { startWebhookReceiver, type ReceivedHook } from '../../test/webhook-receiver.js';
import { fields, topics } from '../editions/tables.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { bearer, projectHelpers, type ProjectsTestContext } from '../projects/test-kit.js';
import { webhookDeliveries } from './tables.js';

// Webhooks end to end: a local receiver, the signature checked as an integrator would (with
// node:crypto, not the platform's code), a 500 retried, redelivery, rotation, a restart.

/** What a receiver does with a delivery: the signature of `t.body` under the secret, and a fresh `t`. */
function verify(hook: ReceivedHook, secret: string): boolean {
  const header = String(hook.headers['saishi-signature']);
  const parts = header.split(',').map((part) => part.split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (Math.abs(Date.now() / 1000 - timestamp) > WEBHOOK_SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${hook.body}`).digest('hex');
  return parts.some(([key, value]) => key === 'v1' && value === expected);
}

describe('webhooks of an edition', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let admin: { id: string; token: string };
  let context: ProjectsTestContext;
  let restarted: FastifyInstance | undefined;
  const { readyProject, submit } = projectHelpers(() => context);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestApp({
      now: DURING_COLLECTION,
      config: { WEBHOOK_ALLOW_PRIVATE_TARGETS: true, WEBHOOK_RETRY_DELAY_SECONDS: 1, JOBS_POLL_SECONDS: 0.5 },
    });
    admin = await t.userWithToken('admin');
    const rows = await t.db
      .select({ id: topics.id, fieldCode: fields.code })
      .from(topics)
      .innerJoin(fields, eq(fields.id, topics.fieldId));
    const topicsByField = new Map<string, { id: string; fieldCode: string }[]>();
    for (const row of rows) topicsByField.set(row.fieldCode, [...(topicsByField.get(row.fieldCode) ?? []), row]);
    context = { t, admin, topicsByField };
  });
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
    await receiver?.close();
  });

  const register = async (events: string[]) => {
    const created = await t.http
      .post('/api/v1/editions/current/webhooks')
      .set(bearer(admin.token))
      .send({ url: receiver.url, description: '测试接收端', events });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; secret: string; events: string[] };
  };
  const deliveriesOf = async (endpointId: string, query = '') =>
    (await t.http.get(`/api/v1/webhooks/${endpointId}/deliveries${query}`).set(bearer(admin.token)).expect(200)).body
      .items as {
      id: string;
      eventId: string;
      eventType: string;
      state: string;
      attempts: number;
      tries: { attempt: number; statusCode: number | null; durationMs: number; error: string | null }[];
    }[];
  const returnTeam = async (name: string) => {
    const team = await createTeamFixture(t, { status: 'submitted', name });
    await t.http
      .post(`/api/v1/teams/${team.team.id}/qualification`)
      .set(bearer(admin.token))
      .send({ decision: 'return', reason: '缺少单位盖章的承诺书' })
      .expect(200);
    return team.team.id;
  };
  /** Waits until the delivery leaves `pending` (the job runs in the background). */
  const settled = async (endpointId: string, state: string) => {
    for (let tries = 0; tries < 300; tries++) {
      const [latest] = await deliveriesOf(endpointId);
      if (latest && latest.state === state) return latest;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${state} delivery`);
  };

  it('shows the secret once, signs each delivery with it, and retries a 500 until it is delivered', async () => {
    const endpoint = await register(['team.returned', 'team.qualified']);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const shown = await t.http.get(`/api/v1/webhooks/${endpoint.id}`).set(bearer(admin.token)).expect(200);
    expect(shown.body).not.toHaveProperty('secret');
    const listed = await t.http.get('/api/v1/editions/current/webhooks').set(bearer(admin.token)).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(endpoint.id);

    receiver.answerWith(500);
    const teamId = await returnTeam('回调测试队');
    const [failed, delivered] = await receiver.waitFor(2);
    for (const hook of [failed!, delivered!]) {
      expect(verify(hook, endpoint.secret)).toBe(true);
      expect(verify(hook, 'whsec_another')).toBe(false);
      expect(hook.headers['saishi-event']).toBe('team.returned');
    }
    expect(delivered!.body).toBe(failed!.body);
    const event = JSON.parse(delivered!.body);
    expect(event).toMatchObject({
      type: 'team.returned',
      edition: { code: '2024-guangxi' },
      data: {
        team: { id: teamId, name: '回调测试队', trackCode: 'society', qualificationStatus: 'returned' },
        reason: '缺少单位盖章的承诺书',
      },
    });
    expect(delivered!.headers['saishi-event-id']).toBe(event.id);

    const delivery = await settled(endpoint.id, 'delivered');
    expect(delivery).toMatchObject({ eventId: event.id, eventType: 'team.returned', attempts: 2 });
    expect(delivery.tries.map((attempt) => [attempt.attempt, attempt.statusCode, attempt.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 200, null],
    ]);
    expect(delivery.tries.every((attempt) => attempt.durationMs >= 0)).toBe(true);

    // Redelivery: the same event again, newly signed; a pending delivery is not queued twice.
    const again = await t.http
      .post(`/api/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`)
      .set(bearer(admin.token))
      .expect(202);
    expect(again.body.state).toBe('pending');
    const [, , redelivered] = await receiver.waitFor(3);
    expect(JSON.parse(redelivered!.body).id).toBe(event.id);
    expect(verify(redelivered!, endpoint.secret)).toBe(true);
    expect((await settled(endpoint.id, 'delivered')).attempts).toBe(3);

    // An event of a type the endpoint does not take is not sent; a disabled endpoint gets nothing.
    await t.http.patch(`/api/v1/webhooks/${endpoint.id}`).set(bearer(admin.token)).send({ enabled: false }).expect(200);
    await returnTeam('停用后的队');
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    await t.http.delete(`/api/v1/webhooks/${endpoint.id}`).set(bearer(admin.token)).expect(204);
    expectProblem(
      await t.http.get(`/api/v1/webhooks/${endpoint.id}`).set(bearer(admin.token)),
      404,
      'WEBHOOK_NOT_FOUND',
    );
  });

  it('tells of a submitted project version, and signs with both secrets for a while after a rotation', async () => {
    const endpoint = await register(['project.version_submitted']);
    const rotated = await t.http
      .post(`/api/v1/webhooks/${endpoint.id}/rotate-secret`)
      .set(bearer(admin.token))
      .expect(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(rotated.body.previousSecretExpiresAt).not.toBeNull();
    const before = receiver.received.length;
    const { team, project } = await readyProject({ name: '版本回调队' });
    await submit(project.id, team.leader.token).expect(201);
    const hooks = await receiver.waitFor(before + 1);
    const hook = hooks[before]!;
    expect(verify(hook, rotated.body.secret)).toBe(true);
    expect(verify(hook, endpoint.secret)).toBe(true);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'project.version_submitted',
      data: { project: { id: project.id, teamId: team.team.id }, version: 1 },
    });
    await t.http.delete(`/api/v1/webhooks/${endpoint.id}`).set(bearer(admin.token)).expect(204);
  });

  it('refuses bad input with the field named, and leaves the routes to organizers', async () => {
    const bad = await t.http
      .post('/api/v1/editions/current/webhooks')
      .set(bearer(admin.token))
      .set('accept-language', 'en')
      .send({ url: 'ftp://example.com/x', events: ['team.returned'] });
    expect(expectProblem(bad, 400, 'WEBHOOK_URL_INVALID').errors).toEqual([
      expect.objectContaining({ path: '/body/url', code: 'WEBHOOK_URL_INVALID' }),
    ]);
    const unknownEvent = await t.http
      .post('/api/v1/editions/current/webhooks')
      .set(bearer(admin.token))
      .send({ url: receiver.url, events: ['team.deleted'] });
    expect(expectProblem(unknownEvent, 400, 'VALIDATION_FAILED').errors).toEqual([
      expect.objectContaining({ path: '/body/events/0' }),
    ]);
    const participant = await t.userWithToken('participant');
    expectProblem(
      await t.http.get('/api/v1/editions/current/webhooks').set(bearer(participant.token)),
      403,
      'FORBIDDEN',
    );
  });

  // Last: it replaces the app with a second one on the same database.
  it('loses no delivery across a restart: a second app on the same database delivers it', async () => {
    const endpoint = await register(['team.returned']);
    // The receiver is down while the first app runs: every try fails and is retried later.
    receiver.answerWith(...Array<number>(100).fill(503));
    const before = receiver.received.length;
    await returnTeam('重启测试队');
    await receiver.waitFor(before + 1);
    await t.app.close();
    receiver.answerOk();
    const tried = receiver.received.length;
    restarted = await buildApp({ config: t.config, database: t.database, clock: t.clock, logger: false });
    await restarted.ready();
    const hooks = await receiver.waitFor(tried + 1);
    expect(verify(hooks[tried]!, endpoint.secret)).toBe(true);
    expect(JSON.parse(hooks[tried]!.body).data.team.name).toBe('重启测试队');
    const delivery = async () =>
      (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id)))[0]!;
    for (let wait = 0; wait < 300 && (await delivery()).state !== 'delivered'; wait++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await delivery()).toMatchObject({ state: 'delivered', attempts: tried - before + 1 });
  });
});

describe('webhooks and division scope', () => {
  let t: TestApp;
  let divisions: TwoDivisions;

  beforeAll(async () => {
    // The SSRF guard as in production: private targets refused.
    t = await createTestApp({ now: DURING_COLLECTION_2025 });
    divisions = await setUpTwoDivisions(t);
  });
  afterAll(() => t?.close());

  const create = (token: string, edition: string, url: string) =>
    t.http
      .post(`/api/v1/editions/${edition}/webhooks`)
      .set(bearer(token))
      .send({ url, events: ['results.published'] });

  it("keeps each division's endpoints to its organizers", async () => {
    const { guangxi, jiangsu, national } = divisions.organizers;
    const created = await create(guangxi.token, '2025-guangxi', 'https://93.184.215.14/saishi').expect(201);
    const id = created.body.id as string;
    expectProblem(await create(jiangsu.token, '2025-guangxi', 'https://93.184.215.14/x'), 404, 'EDITION_NOT_FOUND');
    expectProblem(
      await t.http.get('/api/v1/editions/2025-guangxi/webhooks').set(bearer(jiangsu.token)),
      404,
      'EDITION_NOT_FOUND',
    );
    expectProblem(await t.http.get(`/api/v1/webhooks/${id}`).set(bearer(jiangsu.token)), 404, 'EDITION_NOT_FOUND');
    expectProblem(
      await t.http.get(`/api/v1/webhooks/${id}/deliveries`).set(bearer(jiangsu.token)),
      404,
      'EDITION_NOT_FOUND',
    );
    expectProblem(
      await t.http.patch(`/api/v1/webhooks/${id}`).set(bearer(jiangsu.token)).send({ enabled: false }),
      404,
      'EDITION_NOT_FOUND',
    );
    // The national organizer reads every division, changes none.
    await t.http.get(`/api/v1/webhooks/${id}`).set(bearer(national.token)).expect(200);
    expectProblem(
      await t.http.post(`/api/v1/webhooks/${id}/rotate-secret`).set(bearer(national.token)),
      403,
      'DIVISION_READ_ONLY',
    );
    const own = await t.http.get('/api/v1/editions/2025-guangxi/webhooks').set(bearer(guangxi.token)).expect(200);
    expect(own.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('refuses private, loopback and link-local targets (SSRF)', async () => {
    const { platform } = divisions;
    for (const url of [
      'http://127.0.0.1:3000/api/v1/users',
      'http://localhost/hooks',
      'http://10.0.0.8/hooks',
      'http://192.168.1.20/hooks',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/hooks',
      'http://[::ffff:127.0.0.1]/hooks',
    ]) {
      const refused = await create(platform.token, '2025-jiangsu', url).set('accept-language', 'en');
      const problem = expectProblem(refused, 400, 'WEBHOOK_TARGET_FORBIDDEN');
      expect(problem.errors, url).toEqual([expect.objectContaining({ path: '/body/url' })]);
    }
    const created = await create(platform.token, '2025-jiangsu', 'https://93.184.215.14/ok').expect(201);
    expectProblem(
      await t.http
        .patch(`/api/v1/webhooks/${created.body.id}`)
        .set(bearer(platform.token))
        .send({ url: 'http://127.0.0.1/x' }),
      400,
      'WEBHOOK_TARGET_FORBIDDEN',
    );
  });
});
