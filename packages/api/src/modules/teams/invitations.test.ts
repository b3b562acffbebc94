import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { mailingConfig, startMailbox } from '../../test/mail.js';
import { users } from '../accounts/tables.js';
import { notifications } from '../messages/tables.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { TEAM_INVITATION_LIMIT } from './members.js';
import { teamInvitations } from './tables.js';

// Issue 15.3: a team's leader mails an invitation link; the invitee joins with the code it carries.

let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ deliverMessages: true, config: mailingConfig(mailbox) });
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const invite = (teamId: string, token: string, email: unknown) =>
  t.http.post(`/api/v1/teams/${teamId}/invitations`).set(auth(token)).send({ email });

describe('team invitations', () => {
  it('mails the address a link with the invite code, which joins the team', async () => {
    const { team, leader } = await createTeamFixture(t, { status: 'draft', name: '邀请测试队' });
    const [inviter] = await t.db.select({ name: users.displayName }).from(users).where(eq(users.id, leader.id));
    const sent = await invite(team.id, leader.token, 'New.Person@Example.test');
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ teamId: team.id, email: 'new.person@example.test' });

    const mail = await mailbox.mailTo('new.person@example.test');
    expect(mail.subject).toBe(`${inviter!.name} 邀请您加入团队：邀请测试队`);
    expect(mail.text).toContain(`/join?code=${team.inviteCode}`);
    expect(mail.html).toContain(`/join?code=${team.inviteCode}`);
    // The stored copy (what organizers see on the messages screen) does not carry the code.
    const [copy] = await t.db.select().from(notifications).where(eq(notifications.kind, 'team_invitation'));
    expect(copy!.body).not.toContain(team.inviteCode);

    const invitee = await t.userWithToken('participant');
    await t.http.post('/api/v1/teams/join').set(auth(invitee.token)).send({ inviteCode: team.inviteCode }).expect(200);
  });

  it('writes to an account holder in their language and puts it in their inbox', async () => {
    const { team, leader } = await createTeamFixture(t, { status: 'draft', name: 'Invitation Team' });
    const person = await t.userWithToken('participant', { email: 'Known.Person@example.test' });
    await t.http.patch('/api/v1/me/notification-settings').set(auth(person.token)).send({ locale: 'en' }).expect(200);
    await invite(team.id, leader.token, 'known.person@example.test').expect(201);
    const mail = await mailbox.mailTo('Known.Person@example.test');
    expect(mail.subject).toMatch(/invites you to join the team Invitation Team$/);
    const inbox = await t.http.get('/api/v1/me/notifications').set(auth(person.token)).expect(200);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'team_invitation' });
    expect(inbox.body.items[0].body).not.toContain(team.inviteCode);
  });

  it('sends each address once per team, even when asked twice at the same time', async () => {
    const { team, leader } = await createTeamFixture(t, { status: 'draft' });
    const answers = await Promise.all([
      invite(team.id, leader.token, 'twice@example.test'),
      invite(team.id, leader.token, 'TWICE@example.test'),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expectProblem(refused, 409, 'INVITATION_ALREADY_SENT');
    expect(refused.body.detail).toContain('twice@example.test');
    const rows = await t.db.select().from(teamInvitations).where(eq(teamInvitations.teamId, team.id));
    expect(rows).toHaveLength(1);
    // Delivered here, not during a later test of this file (the mailbox is shared).
    await mailbox.mailTo(rows[0]!.email);
  });

  it(`stops at ${TEAM_INVITATION_LIMIT} addresses per team`, async () => {
    const { team, leader } = await createTeamFixture(t, { status: 'draft' });
    await t.db.insert(teamInvitations).values(
      Array.from({ length: TEAM_INVITATION_LIMIT }, (_, index) => ({
        teamId: team.id,
        email: `many${index}@example.test`,
        createdAt: t.clock.now(),
      })),
    );
    expectProblem(await invite(team.id, leader.token, 'one-more@example.test'), 409, 'TEAM_INVITATION_LIMIT');
  });

  it('lets only the leader invite, a valid address, while the roster may change', async () => {
    const { team, leader, member } = await createTeamFixture(t, { status: 'draft' });
    expectProblem(await invite(team.id, member.token, 'x@example.test'), 403, 'NOT_TEAM_LEADER');
    expectProblem(await invite(team.id, leader.token, 'not an address'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await invite('00000000-0000-4000-8000-000000000000', leader.token, 'x@example.test'),
      404,
      'TEAM_NOT_FOUND',
    );
    t.clock.set(DURING_PRELIMINARY);
    const late = await invite(team.id, leader.token, 'late@example.test');
    expect(late.status).toBe(422);
    t.clock.set('2024-07-15T10:00:00+08:00');
    // Nothing went to the refused address (a count of the whole mailbox also counted an earlier
    // test's mail arriving meanwhile).
    expect(mailbox.mailsTo('late@example.test')).toEqual([]);
    expect(await t.db.select().from(teamInvitations).where(eq(teamInvitations.teamId, team.id))).toEqual([]);
  });
});
