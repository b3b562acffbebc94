import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, type TestApp } from '../../test/app.js';
import { mailingConfig, startMailbox } from '../../test/mail.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from '../review/fixtures.js';
import { REVIEW_REMINDER_DAYS, sendReviewReminders } from './reminders.js';
import { reviewReminders } from './tables.js';

// Issue 15.3: experts are reminded of the projects they have not scored 3 days and 1 day before
// their round's stage ends (2024 Guangxi preliminary: 2024-09-01 00:00 +08:00), each reminder once.

let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let admin: { id: string; token: string };
let roundId: string;
const experts: { id: string; email: string; token: string }[] = [];
const projectIds: string[] = [];
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Submits the expert's score of each of their assignments in the round, `keep` of them left unscored. */
async function scoreAll(expert: { id: string; token: string }, keep: number) {
  const page = await t.http.get(`/api/v1/assignments?roundId=${roundId}&limit=200`).set(auth(admin.token)).expect(200);
  const mine = (page.body.items as { id: string; expertId: string }[]).filter((item) => item.expertId === expert.id);
  for (const assignment of mine.slice(keep)) {
    const detail = await t.http.get(`/api/v1/assignments/${assignment.id}`).set(auth(expert.token)).expect(200);
    const rubric = detail.body.rubric as { code: string; maxScore: number }[];
    await t.http
      .post(`/api/v1/assignments/${assignment.id}/score/submit`)
      .set(auth(expert.token))
      .send({ values: Object.fromEntries(rubric.map((criterion) => [criterion.code, criterion.maxScore * 0.8])) })
      .expect(200);
  }
  return mine.length;
}

const inboxKinds = async (token: string) =>
  ((await t.http.get('/api/v1/me/notifications').set(auth(token)).expect(200)).body.items as { kind: string }[]).map(
    (item) => item.kind,
  );

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({
    now: DURING_PRELIMINARY,
    deliverMessages: true,
    config: { ...mailingConfig(mailbox), REMINDERS_EVERY_SECONDS: 0.5 },
  });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = (list.body.items as { kind: string; id: string }[]).find((round) => round.kind === 'preliminary')!.id;
  for (const index of [0, 1]) {
    const unit = await createUnit(t.db, editionId, {
      name: `提醒测试单位${index}`,
      creditCode: fakeCreditCode(7700 + index),
    });
    const created = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [unit.id],
      title: `提醒测试作品${index}`,
      teamName: `提醒测试队${index}`,
    });
    projectIds.push(created.projectId);
  }
  for (const key of ['due-a', 'due-b']) {
    const email = `${key}@example.test`;
    const invited = await t.http
      .post('/api/v1/experts')
      .set(auth(admin.token))
      .send({ email, displayName: `提醒专家${key}`, affiliationName: '提醒测试研究院' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    experts.push({ id: invited.body.id, email, token: t.app.jwt.sign({ sub: invited.body.id, role: 'expert' }) });
  }
  await t.http
    .patch(`/api/v1/review-rounds/${roundId}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: 2 })
    .expect(200);
  await t.http.post(`/api/v1/review-rounds/${roundId}/open`).set(auth(admin.token)).expect(200);
  for (const projectId of projectIds) {
    for (const expert of experts) {
      const assigned = await t.http
        .post('/api/v1/assignments')
        .set(auth(admin.token))
        .send({ roundId, projectId, expertId: expert.id, reason: '提醒测试指派' });
      expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    }
  }
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

describe('review due reminders', () => {
  it('reminds an expert with unscored projects 3 days and 1 day before the stage ends, once each', async () => {
    const [done, late] = experts as [(typeof experts)[0], (typeof experts)[0]];
    expect(await scoreAll(done, 0)).toBe(2);
    expect(await scoreAll(late, 1)).toBe(2);
    // Nothing is due more than 3 days before the end.
    expect(await sendReviewReminders(t.app.deps)).toBe(0);

    t.clock.set('2024-08-29T06:00:00+08:00');
    const threeDays = await mailbox.mailWithSubject(late.email, '评审将于 3 天后截止');
    expect(threeDays.subject).toBe('评审将于 3 天后截止：初赛');
    expect(threeDays.text).toContain('2024-09-01 00:00 (UTC+08:00)');
    expect(threeDays.text).toContain('您还有 1 件作品尚未提交评分');
    // Another look, from any instance, sends nothing more.
    expect(await sendReviewReminders(t.app.deps)).toBe(0);

    t.clock.set('2024-08-31T06:00:00+08:00');
    const oneDay = await mailbox.mailWithSubject(late.email, '评审将于 1 天后截止');
    expect(oneDay.text).toContain('您还有 1 件作品尚未提交评分');
    expect(await sendReviewReminders(t.app.deps)).toBe(0);

    const reminders = (await inboxKinds(late.token)).filter((kind) => kind === 'review_reminder');
    expect(reminders).toHaveLength(REVIEW_REMINDER_DAYS.length);
    expect(mailbox.mailsTo(late.email).filter((mail) => mail.subject?.startsWith('评审将于'))).toHaveLength(2);
    expect(await inboxKinds(done.token)).not.toContain('review_reminder');
    expect(mailbox.mailsTo(done.email).filter((mail) => mail.subject?.startsWith('评审将于'))).toEqual([]);
  });

  it('keeps each reminder once per expert, round and lead time in the database', async () => {
    const late = experts[1]!;
    const again = await t.db
      .insert(reviewReminders)
      .values({ roundId, expertUserId: late.id, daysBefore: 1, sentAt: t.clock.now() })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(again, 'review_reminders_pkey')).toBe(true);
  });

  it('reminds no one once the round is closed', async () => {
    await t.db.delete(reviewReminders);
    t.clock.set('2024-08-31T23:00:00+08:00');
    await t.http.post(`/api/v1/review-rounds/${roundId}/close`).set(auth(admin.token)).expect(200);
    await t.db.delete(reviewReminders);
    expect(await sendReviewReminders(t.app.deps)).toBe(0);
  });
});
