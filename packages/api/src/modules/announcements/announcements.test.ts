import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';

let t: TestApp;
let admin: { id: string; token: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
});
afterAll(() => t?.close());

describe('announcements', () => {
  it('shows only published ones publicly, pinned first, in both languages', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http.post('/api/v1/editions/current/announcements').set(auth(admin.token)).send(body).expect(201);
    const older = await post({ titleZh: '关于作品征集的通知', bodyZh: '征集于8月15日截止。', published: true });
    t.clock.advance(60_000);
    const pinned = await post({
      titleZh: '大赛启动公告',
      titleEn: 'The competition opens',
      bodyZh: '欢迎报名。',
      bodyEn: 'Sign up now.',
      pinned: true,
      published: true,
    });
    t.clock.advance(60_000);
    const newer = await post({ titleZh: '答疑会安排', bodyZh: '7月20日线上答疑。', published: true });
    const draft = await post({ titleZh: '草稿公告', bodyZh: '尚未发布。' });
    expect(draft.body.publishedAt).toBeNull();
    expect(pinned.body).toMatchObject({ titleEn: 'The competition opens', bodyEn: 'Sign up now.', pinned: true });

    const list = await t.http.get('/api/v1/editions/current/announcements').expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([
      pinned.body.id,
      newer.body.id,
      older.body.id,
    ]);
    await t.http.get(`/api/v1/announcements/${older.body.id}`).expect(200);
    expectProblem(await t.http.get(`/api/v1/announcements/${draft.body.id}`), 404, 'ANNOUNCEMENT_NOT_FOUND');
    const drafts = await t.http
      .get('/api/v1/editions/current/announcements?drafts=true')
      .set(auth(admin.token))
      .expect(200);
    expect(drafts.body.items.map((item: { id: string }) => item.id)).toContain(draft.body.id);
    expectProblem(await t.http.get('/api/v1/editions/current/announcements?drafts=true'), 403, 'FORBIDDEN');
  });

  it('lets organizers publish, take back and delete; nobody else may write', async () => {
    const created = await t.http
      .post('/api/v1/editions/current/announcements')
      .set(auth(admin.token))
      .send({ titleZh: '评审结果公示', bodyZh: '公示期5天。' })
      .expect(201);
    const id = created.body.id as string;
    const published = await t.http
      .patch(`/api/v1/announcements/${id}`)
      .set(auth(admin.token))
      .send({ published: true, titleEn: 'Results on display' })
      .expect(200);
    expect(new Date(published.body.publishedAt).getTime()).toBe(t.clock.now().getTime());
    expect(published.body.titleEn).toBe('Results on display');
    await t.http.get(`/api/v1/announcements/${id}`).expect(200);
    await t.http.patch(`/api/v1/announcements/${id}`).set(auth(admin.token)).send({ published: false }).expect(200);
    expectProblem(await t.http.get(`/api/v1/announcements/${id}`), 404, 'ANNOUNCEMENT_NOT_FOUND');

    const participant = await t.userWithToken('participant');
    expectProblem(
      await t.http
        .post('/api/v1/editions/current/announcements')
        .set(auth(participant.token))
        .send({ titleZh: '假公告', bodyZh: '不应出现。' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await t.http.delete(`/api/v1/announcements/${id}`), 401, 'UNAUTHORIZED');
    const missing = await t.http
      .patch('/api/v1/announcements/00000000-0000-4000-8000-000000000000')
      .set(auth(admin.token))
      .set('accept-language', 'en')
      .send({ pinned: true });
    expectProblem(missing, 404, 'ANNOUNCEMENT_NOT_FOUND');
    expect(missing.body.detail).toBe('No such announcement: 00000000-0000-4000-8000-000000000000');
    await t.http.delete(`/api/v1/announcements/${id}`).set(auth(admin.token)).expect(204);
    expectProblem(
      await t.http.get(`/api/v1/announcements/${id}`).set(auth(admin.token)),
      404,
      'ANNOUNCEMENT_NOT_FOUND',
    );
  });
});
