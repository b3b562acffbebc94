import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { mailingConfig, startMailbox } from '../../test/mail.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { deliveries } from './tables.js';

// Issue 15.6: organizers see what was sent to whom (masked), by which channel, where it is and
// why it failed, and send it again.

let t: TestApp;
const refuses = new Set<string>();
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let admin: { id: string; token: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

interface Item {
  id: string;
  kind: string;
  subject: string;
  channel: string;
  recipient: string;
  recipientName: string | null;
  state: string;
  attempts: number;
  error: string | null;
  resendable: boolean;
}

beforeAll(async () => {
  mailbox = await startMailbox({ refuses });
  t = await createTestApp({ deliverMessages: true, config: mailingConfig(mailbox) });
  admin = await t.userWithToken('admin');
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const list = async (query: string) => {
  const response = await t.http.get(`/api/v1/messages?${query}`).set(auth(admin.token));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { items: Item[]; nextCursor: string | null };
};

/** Waits until the delivery of the query's first message satisfies `done`. */
async function waitFor(query: string, done: (item: Item) => boolean): Promise<Item> {
  for (let tries = 0; tries < 300; tries++) {
    const [item] = (await list(query)).items;
    if (item && done(item)) return item;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no delivery of ${query} became what was expected`);
}

async function approvedTeam(name: string) {
  const team = await createTeamFixture(t, { status: 'submitted', name });
  await t.http
    .post(`/api/v1/teams/${team.team.id}/qualification`)
    .set(auth(admin.token))
    .send({ decision: 'approve' })
    .expect(200);
  return team;
}

describe('messages sent, for organizers', () => {
  it('lists what was sent to whom with the address masked, and where it is', async () => {
    const team = await approvedTeam('消息记录测试队');
    await mailbox.mailTo(team.leader.email);
    const item = await waitFor(`q=${encodeURIComponent(team.leader.email)}`, (entry) => entry.state === 'sent');
    expect(item).toMatchObject({
      kind: 'qualification_approved',
      subject: '资格审核通过：消息记录测试队',
      channel: 'email',
      state: 'sent',
      attempts: 1,
      error: null,
      resendable: true,
    });
    expect(item.recipient).toBe(`${team.leader.email.slice(0, 1)}***@example.test`);
    // (The fixture's display name holds the address: only the recipient column is checked.)
    const recipients = (await list('limit=200')).items.map((entry) => entry.recipient);
    expect(recipients.some((recipient) => recipient.includes(team.leader.email))).toBe(false);
    // Filters: kind, channel and state narrow the list; an unknown one is refused naming it.
    const approved = await list('kind=qualification_approved&channel=email&state=sent&limit=200');
    expect(approved.items.every((entry) => entry.kind === 'qualification_approved')).toBe(true);
    expect(approved.items.map((entry) => entry.id)).toContain(item.id);
    expect((await list('channel=sms')).items).toEqual([]);
    const bad = expectProblem(
      await t.http.get('/api/v1/messages?state=lost').set(auth(admin.token)),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(bad.errors)).toContain('/querystring/state');
  });

  it('pages newest first without skipping or repeating a message', async () => {
    await approvedTeam('分页测试队');
    const all = (await list('limit=200')).items.map((entry) => entry.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(
        `limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('shows why a delivery failed, and sends it again once an organizer asks', async () => {
    const team = await createTeamFixture(t, { status: 'submitted', name: '退信测试队' });
    refuses.add(team.leader.email.toLowerCase());
    await t.http
      .post(`/api/v1/teams/${team.team.id}/qualification`)
      .set(auth(admin.token))
      .send({ decision: 'approve' })
      .expect(200);
    const query = `q=${encodeURIComponent(team.leader.email)}`;
    const refused = await waitFor(query, (entry) => entry.error !== null);
    expect(refused.error).toContain('mailbox unavailable');
    // Still retried by its job: not resendable while queued.
    expect(refused).toMatchObject({ state: 'queued', resendable: false });
    expectProblem(
      await t.http.post(`/api/v1/messages/${refused.id}/resend`).set(auth(admin.token)),
      409,
      'DELIVERY_QUEUED',
    );
    // Its retries exhausted, it is failed; the address fixed, the organizer sends it again.
    await t.db.update(deliveries).set({ state: 'failed' }).where(eq(deliveries.id, refused.id));
    expect((await list(`state=failed&${query}`)).items.map((entry) => entry.id)).toEqual([refused.id]);
    refuses.clear();
    const answers = await Promise.all([
      t.http.post(`/api/v1/messages/${refused.id}/resend`).set(auth(admin.token)),
      t.http.post(`/api/v1/messages/${refused.id}/resend`).set(auth(admin.token)),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    const mail = await mailbox.mailTo(team.leader.email);
    expect(mail.subject).toBe('资格审核通过：退信测试队');
    const sent = await waitFor(query, (entry) => entry.state === 'sent');
    expect(sent.error).toBeNull();
  });

  it('refuses to resend a sign-up code, and refuses everyone but organizers', async () => {
    await t.http
      .post('/api/v1/auth/signup')
      .send({
        email: 'code@example.test',
        password: 'Correct-Horse-42',
        displayName: '验证码',
        privacyNoticeId: await t.privacyNoticeId(),
      })
      .expect(202);
    const code = await waitFor('q=code%40example.test', (entry) => entry.state === 'sent');
    expect(code).toMatchObject({ kind: 'verification_code', resendable: false, recipientName: null });
    expectProblem(
      await t.http.post(`/api/v1/messages/${code.id}/resend`).set(auth(admin.token)),
      409,
      'DELIVERY_HAS_SECRET',
    );
    expectProblem(
      await t.http.post('/api/v1/messages/00000000-0000-4000-8000-000000000000/resend').set(auth(admin.token)),
      404,
      'DELIVERY_NOT_FOUND',
    );
    const participant = await t.userWithToken('participant');
    expectProblem(await t.http.get('/api/v1/messages').set(auth(participant.token)), 403, 'FORBIDDEN');
    expect((await t.http.get('/api/v1/messages')).status).toBe(401);
  });
});
