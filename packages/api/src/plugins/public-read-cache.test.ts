import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';
import {
  forgetReferenceData,
  keepAnswer,
  keptAnswer,
  referenceGeneration,
} from '../modules/editions/reference-cache.js';

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp({ config: { REFERENCE_CACHE_TTL_MS: 600_000 } });
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const topicTitles = async (headers: Record<string, string> = {}) =>
  (await t.http.get('/api/v1/editions/current/topics').set(headers).expect(200)).body.items.map(
    (topic: { title: string }) => topic.title,
  );

describe('answers of anonymous public reads kept in memory (issue 12)', () => {
  it('sends the same answer again without reading: a change behind the API shows once forgotten', async () => {
    const before = await topicTitles();
    await t.db.execute(sql`update topics set title = title || '（改）'`);
    expect(await topicTitles()).toEqual(before);
    // An organizer's read is never answered from what was kept for the public.
    expect(await topicTitles(auth(admin.token))).not.toEqual(before);

    forgetReferenceData(t.db);
    expect(await topicTitles()).toEqual(before.map((title: string) => `${title}（改）`));
  });

  it("shows an organizer's write to the very next anonymous read", async () => {
    const before = await topicTitles();
    await t.http
      .post('/api/v1/editions/current/topics')
      .set(auth(admin.token))
      .send({ fieldCode: 'green_low_carbon', title: '园区碳足迹核算', description: '说明' })
      .expect(201);
    expect(await topicTitles()).toEqual(expect.arrayContaining([...before, '园区碳足迹核算']));

    await t.http.get('/api/v1/editions/current').expect(200);
    await t.http.patch('/api/v1/editions/current').set(auth(admin.token)).send({ theme: '写后即见' }).expect(200);
    expect((await t.http.get('/api/v1/editions/current').expect(200)).body.theme).toBe('写后即见');
  });

  it('never gives the public what an organizer was answered, nor an organizer what the public was', async () => {
    await t.http
      .post('/api/v1/editions/2024-guangxi/clone')
      .set(auth(admin.token))
      .send({ code: '2025-guangxi', year: 2025 })
      .expect(201);
    const codes = async (headers: Record<string, string> = {}) =>
      (await t.http.get('/api/v1/editions').set(headers).expect(200)).body.items.map(
        (edition: { code: string }) => edition.code,
      );
    expect(await codes(auth(admin.token))).toContain('2025-guangxi');
    expect(await codes()).not.toContain('2025-guangxi');
    expect(await codes(auth(admin.token))).toContain('2025-guangxi');
    expect((await t.http.get('/api/v1/editions/2025-guangxi/topics')).status).toBe(404);
  });

  it('keeps one answer per edition named: a publication moves `current`, a named edition stays', async () => {
    const current = async (headers: Record<string, string> = {}) =>
      (await t.http.get('/api/v1/editions/current').set(headers).expect(200)).body.code;
    expect(await current()).toBe('2024-guangxi');
    await t.http.post('/api/v1/editions/2025-guangxi/publish').set(auth(admin.token)).expect(200);
    expect(await current()).toBe('2025-guangxi');
    expect(await current({ 'saishi-edition': '2024-guangxi' })).toBe('2024-guangxi');
    expect(await current()).toBe('2025-guangxi');
    const topics = await t.http.get('/api/v1/editions/current/topics?field=transportation').expect(200);
    const all = await t.http.get('/api/v1/editions/current/topics').expect(200);
    expect(topics.body.items.length).toBeLessThan(all.body.items.length);
  });

  it('does not keep answers that change with the clock (the timeline says what is open now)', async () => {
    const first = await t.http.get('/api/v1/editions/2024-guangxi/stages').expect(200);
    t.clock.set('2024-08-20T10:00:00+08:00');
    const later = await t.http.get('/api/v1/editions/2024-guangxi/stages').expect(200);
    expect(later.body.now).not.toBe(first.body.now);
    expect(later.body.currentStage).not.toBe(first.body.currentStage);
  });

  it('serves an ETag and 304 from the kept answer as from a fresh one', async () => {
    const first = await t.http.get('/api/v1/editions/current/fields').expect(200);
    const kept = await t.http.get('/api/v1/editions/current/fields').expect(200);
    expect(kept.headers.etag).toBe(first.headers.etag);
    expect(kept.headers['content-type']).toBe(first.headers['content-type']);
    expect(kept.headers['cache-control']).toBe(first.headers['cache-control']);
    await t.http.get('/api/v1/editions/current/fields').set('if-none-match', first.headers.etag!).expect(304);
  });

  it('does not keep an answer read while a write emptied the cache, nor one of another read', () => {
    const answer = { payload: '{"read":"before the write"}', contentType: 'application/json; charset=utf-8' };
    const readStarted = referenceGeneration(t.db)!;
    forgetReferenceData(t.db);
    keepAnswer(t.db, 'a read that overlapped a write', readStarted, answer);
    expect(keptAnswer(t.db, 'a read that overlapped a write')).toBeUndefined();

    keepAnswer(t.db, 'a read after it', referenceGeneration(t.db)!, answer);
    expect(keptAnswer(t.db, 'a read after it')).toEqual({ answer, fresh: true });
    expect(keptAnswer(t.db, 'another read')).toBeUndefined();
  });
});
