import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../test/app.js';

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
});
