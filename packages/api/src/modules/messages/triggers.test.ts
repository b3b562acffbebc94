import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { createTestApp, type TestApp } from '../../test/app.js';
import { mailingConfig, startMailbox } from '../../test/mail.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { bearer, projectHelpers, type ProjectsTestContext } from '../projects/test-kit.js';
import { fields, topics } from '../editions/tables.js';
import { units } from '../teams/tables.js';

// The decisions that tell a team or an expert something, each read from a real SMTP server.

let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let admin: { id: string; token: string };
let context: ProjectsTestContext;
const { readyProject, submit } = projectHelpers(() => context);

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({
    deliverMessages: true,
    config: {
      ...mailingConfig(mailbox),
      REMINDERS_EVERY_SECONDS: 0.5,
    },
  });
  admin = await t.userWithToken('admin');
  const rows = await t.db
    .select({ id: topics.id, fieldCode: fields.code })
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId));
  const topicsByField = new Map<string, { id: string; fieldCode: string }[]>();
  for (const row of rows) topicsByField.set(row.fieldCode, [...(topicsByField.get(row.fieldCode) ?? []), row]);
  context = { t, admin, topicsByField };
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const inboxOf = async (user: { token: string }) =>
  (await t.http.get('/api/v1/me/notifications').set(bearer(user.token)).expect(200)).body.items as {
    kind: string;
    subject: string;
    body: string;
  }[];

describe('qualification decisions', () => {
  it('tells the leader and every member that the team was returned, with the reason', async () => {
    const team = await createTeamFixture(t, { status: 'submitted', name: '退回测试队' });
    await t.http
      .post(`/api/v1/teams/${team.team.id}/qualification`)
      .set(bearer(admin.token))
      .send({ decision: 'return', reason: '缺少单位盖章的承诺书' })
      .expect(200);
    for (const person of [team.leader, team.member]) {
      const mail = await mailbox.mailTo(person.email);
      expect(mail.subject).toBe('资格审核退回修改：退回测试队');
      expect(mail.text).toContain('缺少单位盖章的承诺书');
      expect(mail.html).toContain('缺少单位盖章的承诺书');
    }
    const [entry] = await inboxOf(team.member);
    expect(entry).toMatchObject({ kind: 'qualification_returned', subject: '资格审核退回修改：退回测试队' });
  });

  it('writes to a person in the language they chose, and tells an approval and a rejection apart', async () => {
    const approved = await createTeamFixture(t, { status: 'submitted', name: 'Team Approved' });
    await t.http
      .patch('/api/v1/me/notification-settings')
      .set(bearer(approved.leader.token))
      .send({ locale: 'en' })
      .expect(200);
    await t.http
      .post(`/api/v1/teams/${approved.team.id}/qualification`)
      .set(bearer(admin.token))
      .send({ decision: 'approve' })
      .expect(200);
    expect((await mailbox.mailTo(approved.leader.email)).subject).toBe('Qualified: Team Approved');
    expect((await mailbox.mailTo(approved.member.email)).subject).toBe('资格审核通过：Team Approved');

    const rejected = await createTeamFixture(t, { status: 'submitted', name: '拒绝测试队' });
    await t.http
      .post('/api/v1/teams/qualification')
      .set(bearer(admin.token))
      .send({ teamIds: [rejected.team.id], decision: 'reject', reason: '参赛单位不在本赛区' })
      .expect(200);
    const mail = await mailbox.mailTo(rejected.leader.email);
    expect(mail.subject).toBe('资格审核未通过：拒绝测试队');
    expect(mail.text).toContain('参赛单位不在本赛区');
  });

  it('tells no one of a decision that was refused', async () => {
    const draft = await createTeamFixture(t, { status: 'draft' });
    const before = mailbox.received.length;
    await t.http
      .post(`/api/v1/teams/${draft.team.id}/qualification`)
      .set(bearer(admin.token))
      .send({ decision: 'approve' })
      .expect(409);
    expect(await inboxOf(draft.leader)).toEqual([]);
    expect(mailbox.received.length).toBe(before);
  });
});

describe('blacklist flags', () => {
  it('tells the team its unit matched a list and it is held out of review', async () => {
    const team = await createTeamFixture(t, { name: '名单测试队' });
    const first17 = '914501000000123' + '45';
    const code = first17 + creditCodeCheckCharacter(first17)!;
    await t.db.update(units).set({ creditCode: code }).where(eq(units.id, team.unit.id));
    const list = Buffer.from(`统一社会信用代码,单位名称,名单类型,来源日期\n${code},某公司,失信被执行人,2024-05-01\n`);
    const imported = await t.http
      .post('/api/v1/blacklists/import')
      .set(bearer(admin.token))
      .attach('file', list, 'list.csv')
      .expect(200);
    expect(imported.body.flaggedTeamIds).toEqual([team.team.id]);
    const mail = await mailbox.mailTo(team.leader.email);
    expect(mail.subject).toBe('团队待核查：名单测试队');
    expect(mail.text).toContain('暂停参加评审和评奖');
  });
});

describe('project submission', () => {
  it('sends each member a receipt with the version and the digest of every file', async () => {
    const { team, project } = await readyProject({ name: '回执测试队' });
    await submit(project.id, team.leader.token).expect(201);
    const read = await t.http.get(`/api/v1/projects/${project.id}`).set(bearer(team.leader.token)).expect(200);
    const files = read.body.files as { name: string; sha256: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const person of [team.leader, team.member]) {
      const mail = await mailbox.mailTo(person.email);
      expect(mail.subject).toBe('作品提交回执：城市交通流量预测模型 第 1 版');
      for (const file of files) expect(mail.text).toContain(`${file.name}  SHA-256 ${file.sha256}`);
    }
    const [receipt] = await inboxOf(team.member);
    expect(receipt!.kind).toBe('project_submitted');
    expect(receipt!.body).toContain(files[0]!.sha256);
  });
});

describe('collection reminders', () => {
  it('reminds teams without a submitted version 7 days and 1 day before the deadline, once each', async () => {
    const waiting = await createTeamFixture(t, { name: '未提交队' });
    const rejected = await createTeamFixture(t, { status: 'rejected', name: '已拒绝队' });
    const { team: done, project } = await readyProject({ name: '已提交队' });
    await submit(project.id, done.leader.token).expect(201);
    await mailbox.mailTo(done.leader.email);

    const subjects = (address: string) =>
      mailbox.received
        .filter((mail) => [mail.to ?? []].flat().some((to) => to.value.some((entry) => entry.address === address)))
        .map((mail) => mail.subject);
    t.clock.set('2024-08-09T06:00:00+08:00');
    const week = await mailbox.mailTo(waiting.member.email);
    expect(week.subject).toBe('作品征集将于 7 天后截止：未提交队');
    expect(week.text).toContain('2024-08-16 00:00 (UTC+08:00)');
    t.clock.set('2024-08-15T06:00:00+08:00');
    const day = await mailbox.mailTo(waiting.leader.email).then(async function wait(mail): Promise<typeof mail> {
      if (mail.subject?.includes('1 天后')) return mail;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return mailbox.mailTo(waiting.leader.email).then(wait);
    });
    expect(day.subject).toBe('作品征集将于 1 天后截止：未提交队');
    // Another look sends nothing more.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(subjects(waiting.leader.email).filter((subject) => subject?.startsWith('作品征集'))).toEqual([
      '作品征集将于 7 天后截止：未提交队',
      '作品征集将于 1 天后截止：未提交队',
    ]);
    expect(subjects(rejected.leader.email)).toEqual([]);
    expect(subjects(done.leader.email).filter((subject) => subject?.startsWith('作品征集'))).toEqual([]);
  });
});
