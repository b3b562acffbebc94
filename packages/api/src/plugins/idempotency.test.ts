import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, expectProblem, type TestApp } from '../test/app.js';
import { sweepIdempotencyKeys } from './idempotency.js';
import { idempotencyKeys } from './idempotency.tables.js';

let t: TestApp;
let auth: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.userWithToken('admin');
  auth = { authorization: `Bearer ${admin.token}` };
});
afterAll(() => t.close());

const topicCount = async () =>
  (await t.http.get('/api/v1/editions/current/topics?field=transportation').expect(200)).body.items.length as number;

describe('Idempotency-Key on writes', () => {
  it('answers a retried write with the stored answer and does the work once', async () => {
    const before = await topicCount();
    const body = { fieldCode: 'transportation', title: '港口集疏运数据协同' };
    const first = await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .set('idempotency-key', 'topic-1')
      .send(body)
      .expect(201);
    const retry = await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .set('idempotency-key', 'topic-1')
      .send(body)
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await topicCount()).toBe(before + 1);
  });

  it('refuses the same key with a different request', async () => {
    await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .set('idempotency-key', 'topic-2')
      .send({ fieldCode: 'transportation', title: 'A' })
      .expect(201);
    const reused = await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .set('idempotency-key', 'topic-2')
      .send({ fieldCode: 'transportation', title: 'B' });
    expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('scopes keys per caller', async () => {
    const other = await t.userWithToken('admin');
    const before = await topicCount();
    const body = { fieldCode: 'transportation', title: '同键不同人' };
    await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .set('idempotency-key', 'shared-key')
      .send(body)
      .expect(201);
    const second = await t.http
      .post('/api/v1/editions/current/topics')
      .set({ authorization: `Bearer ${other.token}` })
      .set('idempotency-key', 'shared-key')
      .send(body)
      .expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await topicCount()).toBe(before + 2);
  });

  it('leaves the key unused when the input is refused before handling, so a corrected retry is handled', async () => {
    const bad = await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .set('idempotency-key', 'bad-1')
      .send({ fieldCode: 'transportation', title: '' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    const corrected = await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .set('idempotency-key', 'bad-1')
      .send({ fieldCode: 'transportation', title: '改正后的赛题' })
      .expect(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets a stored answer after IDEMPOTENCY_TTL_HOURS, and the sweep deletes expired rows', async () => {
    const body = { fieldCode: 'transportation', title: '过期的幂等键' };
    const send = () =>
      t.http.post('/api/v1/editions/current/topics').set(auth).set('idempotency-key', 'ttl-1').send(body);
    const start = t.clock.now();
    try {
      await send().expect(201);
      t.clock.advance((t.config.IDEMPOTENCY_TTL_HOURS - 1) * 3_600_000);
      expect((await send().expect(201)).headers['idempotent-replayed']).toBe('true');
      t.clock.advance(2 * 3_600_000);
      const before = await topicCount();
      // Past the TTL the same key is a new request.
      expect((await send().expect(201)).headers['idempotent-replayed']).toBeUndefined();
      expect(await topicCount()).toBe(before + 1);
      const stored = () =>
        t.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.key, 'ttl-1'));
      expect(await stored()).toHaveLength(1);
      t.clock.advance((t.config.IDEMPOTENCY_TTL_HOURS + 1) * 3_600_000);
      expect(await sweepIdempotencyKeys(t.app.deps, t.config.IDEMPOTENCY_TTL_HOURS)).toBeGreaterThanOrEqual(1);
      expect(await stored()).toEqual([]);
    } finally {
      t.clock.set(start);
    }
  });

  it('never stores the answer of a route handing out tokens', async () => {
    const session = await t.http
      .post('/api/v1/auth/login')
      .set('idempotency-key', 'login-key')
      .send({ login: 'admin@saishi.demo', password: 'Saishi@2024' })
      .expect(200);
    expect(session.headers['idempotent-replayed']).toBeUndefined();
    const rows = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'login-key'));
    expect(rows).toEqual([]);
  });
});
