import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';

let t: TestApp;
let auth: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.userWithToken('admin');
  auth = { authorization: `Bearer ${admin.token}` };
});
afterAll(() => t.close());

describe('HTTP caching of reads', () => {
  it('lets shared caches keep anonymous public reads, one copy per edition, division and language', async () => {
    for (const path of ['/api/v1/editions/current', '/api/v1/editions/current/fields', '/api/v1/results']) {
      const res = await t.http.get(path).expect(200);
      expect(res.headers['cache-control'], path).toBe('public, max-age=60, stale-while-revalidate=60');
      expect(res.headers.vary, path).toContain('Saishi-Edition');
      expect(res.headers.vary, path).toContain('Accept-Language');
      expect(res.headers.etag, path).toMatch(/^W\/"/);
    }
  });

  it('answers 304 without a body when the ETag still matches, and 200 when it does not', async () => {
    const first = await t.http.get('/api/v1/editions/current/fields').expect(200);
    const again = await t.http
      .get('/api/v1/editions/current/fields')
      .set('if-none-match', first.headers.etag as string)
      .expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers['cache-control']).toContain('public');
    await t.http.get('/api/v1/editions/current/fields').set('if-none-match', 'W/"stale"').expect(200);
  });

  it('changes the ETag when the data changes', async () => {
    const before = await t.http.get('/api/v1/editions/current/topics?field=transportation').expect(200);
    await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth)
      .send({ fieldCode: 'transportation', title: '港口集疏运数据协同' })
      .expect(201);
    const after = await t.http.get('/api/v1/editions/current/topics?field=transportation').expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('never lets a shared cache keep an answer to a request with credentials', async () => {
    const organizer = await t.http.get('/api/v1/editions/current').set(auth).expect(200);
    expect(organizer.headers['cache-control']).toBe('private, no-cache');
    const mine = await t.http.get('/api/v1/me').set(auth).expect(200);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
  });

  it('keeps other answers out of shared caches', async () => {
    const refused = await t.http.get('/api/v1/projects').expect(401);
    expect(refused.headers['cache-control']).toBe('no-cache');
    const missing = await t.http.get('/api/v1/editions/no-such-edition').expect(404);
    expect(missing.headers['cache-control']).toBe('no-cache');
  });
});
