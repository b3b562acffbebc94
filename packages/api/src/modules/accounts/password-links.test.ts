import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { mailingConfig, startMailbox } from '../../test/mail.js';

// Password links by mail: a forgotten password, and an expert's invitation, read from a real SMTP server.

let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const newPassword = 'Lantern-Orchard-73';

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({
    deliverMessages: true,
    config: {
      ...mailingConfig(mailbox),
      PUBLIC_URL: 'https://saishi.example.test',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

/** The token of the latest link mailed to the address. */
async function linkTokenTo(address: string, after = 0): Promise<{ token: string; text: string; subject: string }> {
  for (;;) {
    const mail = await mailbox.mailTo(address);
    if (mailbox.received.indexOf(mail) >= after) {
      const token = /https:\/\/saishi\.example\.test\/set-password\?token=([\w-]+)/.exec(mail.text ?? '')?.[1];
      if (!token) throw new Error(`no link in: ${mail.text}`);
      return { token, text: mail.text ?? '', subject: mail.subject ?? '' };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const login = (email: string, password: string) => t.http.post('/api/v1/auth/login').send({ login: email, password });

describe('a forgotten password', () => {
  it('mails a one-time link; the new password works and the link does not again', async () => {
    const person = await t.userWithToken('participant');
    const asked = await t.http
      .post('/api/v1/auth/password-reset')
      .set('accept-language', 'en')
      .send({ login: person.email.toUpperCase() })
      .expect(202);
    expect(asked.body).toEqual({ minutes: 30 });
    const mail = await linkTokenTo(person.email);
    expect(mail.subject).toBe('Reset your Saishi password');
    expect(mail.text).toContain('It works once, for 30 minutes');
    // The inbox copy keeps the link's token out.
    const inbox = await t.http.get('/api/v1/me/notifications').set(auth(person.token)).expect(200);
    expect(inbox.body.items[0].body).toContain('https://saishi.example.test/set-password?token=••••••');
    expect(JSON.stringify(inbox.body)).not.toContain(mail.token);

    const weak = await t.http.post('/api/v1/auth/password').send({ token: mail.token, password: 'short' });
    expect(weak.status).toBe(400);
    await t.http.post('/api/v1/auth/password').send({ token: mail.token, password: newPassword }).expect(204);
    await login(person.email, newPassword).expect(200);
    const again = await t.http
      .post('/api/v1/auth/password')
      .set('accept-language', 'en')
      .send({ token: mail.token, password: 'Another-Orchard-74' });
    expectProblem(again, 400, 'PASSWORD_LINK_INVALID');
    expect(again.body.detail).toContain('was used already');
  });

  it('answers alike for an unknown login and sends nothing', async () => {
    const before = mailbox.received.length;
    const asked = await t.http
      .post('/api/v1/auth/password-reset')
      .send({ login: 'nobody-here@example.test' })
      .expect(202);
    expect(asked.body).toEqual({ minutes: 30 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(mailbox.received.length).toBe(before);
  });

  it('refuses a link after 30 minutes, and a newer link replaces an older one', async () => {
    const person = await t.userWithToken('participant');
    await t.http.post('/api/v1/auth/password-reset').send({ login: person.email }).expect(202);
    const first = await linkTokenTo(person.email);
    const count = mailbox.received.length;
    await t.http.post('/api/v1/auth/password-reset').send({ login: person.email }).expect(202);
    const second = await linkTokenTo(person.email, count);
    expect(second.token).not.toBe(first.token);
    expectProblem(
      await t.http.post('/api/v1/auth/password').send({ token: first.token, password: newPassword }),
      400,
      'PASSWORD_LINK_INVALID',
    );
    t.clock.advance(31 * 60_000);
    expectProblem(
      await t.http.post('/api/v1/auth/password').send({ token: second.token, password: newPassword }),
      400,
      'PASSWORD_LINK_INVALID',
    );
  });
});

describe('an expert invitation', () => {
  it('mails the invited expert a link to choose a password, instead of a typed one', async () => {
    const admin = await t.userWithToken('admin');
    const invited = await t.http
      .post('/api/v1/experts')
      .set(auth(admin.token))
      .send({ email: 'ms.zhao@example.test', displayName: '赵敏', affiliationName: '广西大学' })
      .expect(201);
    const first = await linkTokenTo('ms.zhao@example.test');
    expect(first.subject).toBe('邀请您担任大赛评审专家');
    expect(first.text).toContain('赵敏，您好');
    expect(first.text).toContain('7 天内有效');

    // A new link replaces the first one.
    const count = mailbox.received.length;
    const resent = await t.http
      .post(`/api/v1/experts/${invited.body.id}/invitation`)
      .set(auth(admin.token))
      .expect(200);
    expect(resent.body).toEqual({ sentTo: 'ms.zhao@example.test' });
    const second = await linkTokenTo('ms.zhao@example.test', count);
    expectProblem(
      await t.http.post('/api/v1/auth/password').send({ token: first.token, password: newPassword }),
      400,
      'PASSWORD_LINK_INVALID',
    );
    await t.http.post('/api/v1/auth/password').send({ token: second.token, password: newPassword }).expect(204);
    const session = await login('ms.zhao@example.test', newPassword).expect(200);
    expect(session.body.user.role).toBe('expert');

    expectProblem(
      await t.http.post(`/api/v1/experts/${invited.body.id}/invitation`).set(auth(admin.token)),
      409,
      'EXPERT_ALREADY_ACTIVE',
    );
    const participant = await t.userWithToken('participant');
    expectProblem(
      await t.http.post(`/api/v1/experts/${invited.body.id}/invitation`).set(auth(participant.token)),
      403,
      'FORBIDDEN',
    );
  });
});
