import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { unsubscribeToken } from './service.js';

let t: TestApp;
const auth = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('the inbox', () => {
  it('lists my notifications newest first with secrets masked, counts and marks them read', async () => {
    const me = await t.userWithToken('participant');
    const other = await t.userWithToken('participant');
    for (const code of ['111111', '222222']) {
      await t.app.messenger.notify({
        kind: 'verification_code',
        userId: me.id,
        params: { minutes: '15' },
        secrets: { code },
      });
      t.clock.advance(60_000);
    }
    const list = await t.http.get('/api/v1/me/notifications').set(auth(me)).expect(200);
    expect(list.body.items).toHaveLength(2);
    const [newest, older] = list.body.items as { id: string; body: string; createdAt: string; readAt: null }[];
    expect(newest!.createdAt > older!.createdAt).toBe(true);
    expect(newest!.body).toContain('验证码是 ••••••');
    expect(JSON.stringify(list.body)).not.toMatch(/111111|222222/);
    expect((await t.http.get('/api/v1/me/notifications/unread-count').set(auth(me))).body).toEqual({ unread: 2 });

    expectProblem(
      await t.http.post(`/api/v1/me/notifications/${older!.id}/read`).set(auth(other)),
      404,
      'NOTIFICATION_NOT_FOUND',
    );
    const read = await t.http.post(`/api/v1/me/notifications/${older!.id}/read`).set(auth(me)).expect(200);
    expect(read.body.readAt).toBe(t.clock.now().toISOString());
    expect((await t.http.get('/api/v1/me/notifications/unread-count').set(auth(me))).body).toEqual({ unread: 1 });
    expect((await t.http.post('/api/v1/me/notifications/read-all').set(auth(me))).body).toEqual({ marked: 1 });
    const unread = await t.http.get('/api/v1/me/notifications?unread=true').set(auth(me)).expect(200);
    expect(unread.body.items).toEqual([]);
    expect((await t.http.get('/api/v1/me/notifications').set(auth(other))).body.items).toEqual([]);
    expectProblem(await t.http.get('/api/v1/me/notifications'), 401, 'UNAUTHORIZED');
  });

  it('keeps my choices, and the unsubscribe link turns non-essential e-mail and SMS off', async () => {
    const me = await t.userWithToken('participant');
    const settings = await t.http.get('/api/v1/me/notification-settings').set(auth(me)).expect(200);
    expect(settings.body).toEqual({ locale: 'zh-CN', email: true, sms: true });
    const english = await t.http
      .patch('/api/v1/me/notification-settings')
      .set(auth(me))
      .send({ locale: 'en' })
      .expect(200);
    expect(english.body).toEqual({ locale: 'en', email: true, sms: true });

    const forged = await t.http
      .get(`/api/v1/unsubscribe?token=${me.id}.not-the-signature`)
      .set('accept-language', 'en');
    expectProblem(forged, 400, 'UNSUBSCRIBE_TOKEN_INVALID');
    const token = unsubscribeToken(me.id, t.config.JWT_SECRET);
    // Following the link (as a mail scanner does) changes nothing; it says how to unsubscribe.
    const preview = await t.http.get(`/api/v1/unsubscribe?token=${token}`).expect(200);
    expect(preview.body).toMatchObject({ email: true, sms: true, unsubscribe: { method: 'POST' } });
    expect(preview.body.unsubscribe.url).toContain(`/api/v1/unsubscribe?token=${encodeURIComponent(token)}`);
    expect((await t.http.get('/api/v1/me/notification-settings').set(auth(me))).body.email).toBe(true);
    expectProblem(
      await t.http
        .post(`/api/v1/unsubscribe?token=${me.id}.not-the-signature`)
        .type('form')
        .send('List-Unsubscribe=One-Click'),
      400,
      'UNSUBSCRIBE_TOKEN_INVALID',
    );
    // The one-click POST of a mail client (RFC 8058), form-encoded.
    await t.http
      .post(`/api/v1/unsubscribe?token=${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200, { email: false, sms: false });
    const after = await t.http.get('/api/v1/me/notification-settings').set(auth(me)).expect(200);
    expect(after.body).toEqual({ locale: 'en', email: false, sms: false });
  });
});
