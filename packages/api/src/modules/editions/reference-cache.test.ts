import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { forgetReferenceData } from './reference-cache.js';

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp({ config: { REFERENCE_CACHE_TTL_MS: 600_000 } });
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('edition reference data kept in memory (issue 12)', () => {
  it('answers hot reads from memory: a change made behind the API is not seen until forgotten', async () => {
    const before = await t.http.get('/api/v1/editions/current').expect(200);
    await t.db.execute(sql`update editions set theme = '缓存之外的改动' where code = '2024-guangxi'`);
    const cached = await t.http.get('/api/v1/editions/2024-guangxi').expect(200);
    expect(cached.body.theme).toBe(before.body.theme);

    forgetReferenceData(t.db);
    const fresh = await t.http.get('/api/v1/editions/current').expect(200);
    expect(fresh.body.theme).toBe('缓存之外的改动');
  });

  it('forgets at once what a write through the API changed, before the write answers', async () => {
    await t.http.get('/api/v1/editions/current').expect(200);
    const patched = await t.http
      .patch('/api/v1/editions/current')
      .set(auth(admin.token))
      .send({ theme: '乘数而上，数创未来' })
      .expect(200);
    expect(patched.body.theme).toBe('乘数而上，数创未来');
    const read = await t.http.get('/api/v1/editions/current').expect(200);
    expect(read.body.theme).toBe('乘数而上，数创未来');
  });
});
