import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { sqlRows } from '../../lib/rows.js';
import { createTestApp, DURING_COLLECTION, expectProblem, type TestApp } from '../../test/app.js';
import { waitForJob } from '../../test/jobs.js';
import { pngBytes } from '../../test/sample-files.js';
import { universityTeamThroughApi } from '../../test/teams.js';
import { RETENTION_QUEUE } from './retention.plugin.js';

let t: TestApp;
let organizer: { id: string; token: string };
const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });
const DAY = 24 * 60 * 60 * 1000;
let codeSeq = 8100;

beforeAll(async () => {
  t = await createTestApp();
  organizer = await t.userWithToken('admin');
});
afterAll(async () => t?.close());
// Each test starts during collection (teams form then) and moves the clock on from there.
beforeEach(() => t.clock.set(new Date(DURING_COLLECTION)));

const policyUrl = '/api/v1/editions/2024-guangxi/retention-policy';

/** A university team (draft) with one student who uploaded a student ID image; the image's storage key. */
async function teamWithACard(student: { displayName: string; mobile: string }) {
  const first17 = `91450100${String(codeSeq++).padStart(9, '0')}`;
  const creditCode = first17 + creditCodeCheckCharacter(first17)!;
  const { team } = await universityTeamThroughApi(t, {
    name: `保留期限 ${creditCode}`,
    creditCode,
    studentNumber: `L-${creditCode}`,
  });
  const member = await t.userWithToken('participant', student);
  await t.http
    .post('/api/v1/teams/join')
    .set(bearer(member))
    .send({ inviteCode: team.inviteCode, studentNumber: `S-${creditCode}` })
    .expect(200);
  await t.http
    .put(`/api/v1/teams/${team.id}/members/${member.id}/student-id`)
    .set(bearer(member))
    .attach('file', pngBytes(), 'card.png')
    .expect(200);
  return { team, member, cardKey: await cardKeyOf(member.id) };
}

async function cardKeyOf(userId: string): Promise<string | null> {
  const [row] = await sqlRows<{ key: string | null }>(
    t.db,
    sql`select f.storage_key as key from team_members m left join stored_files f on f.id = m.student_id_file_id
         where m.user_id = ${userId}`,
  );
  return row?.key ?? null;
}

async function report(): Promise<Record<string, number>> {
  const response = await t.http.get(`${policyUrl}/report`).set(bearer(organizer)).expect(200);
  expect(response.body.asOf).toBe(t.clock.now().toISOString());
  return Object.fromEntries(
    (response.body.items as { kind: string; count: number }[]).map((item) => [item.kind, item.count]),
  );
}

/** Runs the retention job as the schedule does and returns what it deleted in the current edition. */
async function runJob(): Promise<Record<string, number>> {
  const id = await t.app.jobs.send(RETENTION_QUEUE, {});
  const job = await waitForJob(t, id!);
  const result = job.result as { editions: { editionId: string; counts: Record<string, number> }[] };
  const [edition] = await sqlRows<{ id: string }>(t.db, sql`select id from editions where code = '2024-guangxi'`);
  return result.editions.find((entry) => entry.editionId === edition?.id)?.counts ?? {};
}

async function retentionEntries(): Promise<{ payload: Record<string, unknown> }[]> {
  return sqlRows(t.db, sql`select payload from ledger_entries where action = 'retention.applied' order by seq`);
}

function setPolicy(body: Record<string, unknown>) {
  return t.http
    .put(policyUrl)
    .set(bearer(organizer))
    .send({ studentIdImageDays: null, studentIdImageAnchor: 'qualification', departedMobileDays: null, ...body });
}

describe('retention periods of an edition (organizers)', () => {
  it('keeps everything until an organizer sets a period', async () => {
    const policy = await t.http.get(policyUrl).set(bearer(organizer)).expect(200);
    expect(policy.body).toMatchObject({
      studentIdImageDays: null,
      studentIdImageAnchor: 'qualification',
      departedMobileDays: null,
      updatedAt: null,
    });
  });

  it('refuses a period out of range or an unknown anchor, naming the field in zh-CN and en', async () => {
    const negative = expectProblem(await setPolicy({ studentIdImageDays: -1 }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(negative)).toContain('studentIdImageDays');
    const tooLong = await setPolicy({ departedMobileDays: 3651 }).set('accept-language', 'en');
    expect(JSON.stringify(expectProblem(tooLong, 400, 'VALIDATION_FAILED'))).toContain('departedMobileDays');
    const fraction = expectProblem(await setPolicy({ studentIdImageDays: 1.5 }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(fraction)).toContain('studentIdImageDays');
    const anchor = expectProblem(await setPolicy({ studentIdImageAnchor: 'never' }), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(anchor)).toContain('studentIdImageAnchor');
  });

  it('is set by organizers only', async () => {
    const participant = await t.userWithToken('participant');
    expectProblem(
      await t.http
        .put(policyUrl)
        .set(bearer(participant))
        .send({ studentIdImageDays: 1, studentIdImageAnchor: 'qualification', departedMobileDays: null }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await t.http.get(`${policyUrl}/report`).set(bearer(participant)), 403, 'FORBIDDEN');
  });
});

describe('the retention job', () => {
  it('deletes a student ID image on day N after the qualification decision, not on day N-1', async () => {
    const decided = await teamWithACard({ displayName: '保留学生甲', mobile: '19966660001' });
    const undecided = await teamWithACard({ displayName: '保留学生乙', mobile: '19966660002' });
    await t.db.execute(sql`update teams set qualification_status = 'submitted' where id = ${decided.team.id}`);
    await t.http
      .post(`/api/v1/teams/${decided.team.id}/qualification`)
      .set(bearer(organizer))
      .send({ decision: 'approve' })
      .expect(200);
    const decidedAt = t.clock.now().getTime();
    const saved = await setPolicy({ studentIdImageDays: 30 }).expect(200);
    expect(saved.body).toMatchObject({ studentIdImageDays: 30, updatedBy: organizer.id });

    // Day N-1 (the last instant before day N): kept, and the dry run says nothing is due.
    t.clock.set(new Date(decidedAt + 30 * DAY - 1));
    expect(await report()).toEqual({ student_id_images: 0, departed_mobiles: 0 });
    expect(await runJob()).toEqual({ student_id_images: 0, departed_mobiles: 0 });
    expect(await t.app.deps.storage.stat(decided.cardKey!)).not.toBeNull();
    expect(await retentionEntries()).toEqual([]);

    // Day N: the dry run counts it without deleting it; the job deletes it, bytes included.
    t.clock.set(new Date(decidedAt + 30 * DAY));
    expect(await report()).toEqual({ student_id_images: 1, departed_mobiles: 0 });
    expect(await t.app.deps.storage.stat(decided.cardKey!)).not.toBeNull();
    expect(await runJob()).toEqual({ student_id_images: 1, departed_mobiles: 0 });
    expect(await t.app.deps.storage.stat(decided.cardKey!)).toBeNull();
    expect(await cardKeyOf(decided.member.id)).toBeNull();
    const [files] = await sqlRows<{ count: string | number }>(
      t.db,
      sql`select count(*) as count from stored_files where storage_key = ${decided.cardKey}`,
    );
    expect(Number(files!.count)).toBe(0);
    // The team not yet decided keeps its card: its purpose is not fulfilled.
    expect(await t.app.deps.storage.stat(undecided.cardKey!)).not.toBeNull();

    // Recorded in the ledger with counts, never names; a second run deletes and records nothing.
    const entries = await retentionEntries();
    expect(entries.map((entry) => entry.payload)).toEqual([{ counts: { student_id_images: 1, departed_mobiles: 0 } }]);
    expect(await runJob()).toEqual({ student_id_images: 0, departed_mobiles: 0 });
    expect(await retentionEntries()).toHaveLength(1);
    const verified = await t.http.get('/api/v1/ledger/verify').set(bearer(organizer));
    expect(verified.body.firstBroken ?? null).toBeNull();
  });

  it('deletes every card of the edition on day N after the results were published', async () => {
    const { cardKey } = await teamWithACard({ displayName: '保留学生丙', mobile: '19966660003' });
    const before = await report();
    const publishedAt = t.clock.now();
    await t.db.execute(
      sql`insert into result_publications (edition_id, published_at)
          select id, ${publishedAt.toISOString()}::timestamptz from editions where code = '2024-guangxi'
          on conflict (edition_id) do update set published_at = excluded.published_at`,
    );
    await setPolicy({ studentIdImageDays: 7, studentIdImageAnchor: 'results' }).expect(200);
    const [cards] = await sqlRows<{ count: string | number }>(
      t.db,
      sql`select count(*) as count from team_members m join editions e on e.id = m.edition_id
           where e.code = '2024-guangxi' and m.student_id_file_id is not null`,
    );
    expect(before.student_id_images).toBe(0);

    t.clock.set(new Date(publishedAt.getTime() + 6 * DAY));
    expect(await report()).toEqual({ student_id_images: 0, departed_mobiles: 0 });
    t.clock.set(new Date(publishedAt.getTime() + 7 * DAY));
    expect(await report()).toEqual({ student_id_images: Number(cards!.count), departed_mobiles: 0 });
    expect(await runJob()).toEqual({ student_id_images: Number(cards!.count), departed_mobiles: 0 });
    expect(await t.app.deps.storage.stat(cardKey!)).toBeNull();
    expect(await report()).toEqual({ student_id_images: 0, departed_mobiles: 0 });
  });

  it('deletes the mobile number of a participant who left, day N after the edition closed', async () => {
    const { member } = await teamWithACard({ displayName: '保留学生丁', mobile: '19966660004' });
    const expert = await t.userWithToken('expert', { mobile: '19966660005' });
    // A text message sent to the number: its delivery record names the number too.
    await t.db.execute(
      sql`with sent as (
            insert into notifications (user_id, kind, locale, subject, body, params, created_at)
            values (${member.id}, 'verification_code', 'zh-CN', '验证码', '验证码', '{}'::jsonb, now()) returning id)
          insert into deliveries (notification_id, channel, recipient, state, created_at)
          select id, 'sms', '19966660004', 'sent', now() from sent`,
    );
    const closedAt = t.clock.now();
    await t.db.execute(
      sql`update editions set status = 'archived', archived_at = ${closedAt.toISOString()}::timestamptz
           where code = '2024-guangxi'`,
    );
    try {
      await setPolicy({ departedMobileDays: 10 }).expect(200);
      const [due] = await sqlRows<{ count: string | number }>(
        t.db,
        sql`select count(distinct u.id) as count from users u join team_members m on m.user_id = u.id
             join editions e on e.id = m.edition_id
            where e.code = '2024-guangxi' and u.role = 'participant' and u.mobile is not null`,
      );
      t.clock.set(new Date(closedAt.getTime() + 10 * DAY - 1));
      expect((await report()).departed_mobiles).toBe(0);
      t.clock.set(new Date(closedAt.getTime() + 10 * DAY));
      expect((await report()).departed_mobiles).toBe(Number(due!.count));
      expect(Number(due!.count)).toBeGreaterThan(0);
      expect((await runJob()).departed_mobiles).toBe(Number(due!.count));

      const mobiles = await sqlRows<{ id: string; mobile: string | null }>(
        t.db,
        sql`select id, mobile from users where id in (${member.id}, ${expert.id})`,
      );
      expect(Object.fromEntries(mobiles.map((row) => [row.id, row.mobile]))).toEqual({
        [member.id]: null,
        // An expert did not take part: their number is not this job's.
        [expert.id]: '19966660005',
      });
      const [left] = await sqlRows<{ count: string | number }>(
        t.db,
        sql`select (select count(*) from users where mobile = '19966660004')
                 + (select count(*) from deliveries where recipient = '19966660004') as count`,
      );
      expect(Number(left!.count)).toBe(0);
      expect((await runJob()).departed_mobiles).toBe(0);
      const entries = await retentionEntries();
      expect(JSON.stringify(entries)).not.toContain('19966660004');
      expect(JSON.stringify(entries)).not.toContain('保留学生丁');
    } finally {
      await t.db.execute(sql`update editions set status = 'published', archived_at = null where code = '2024-guangxi'`);
    }
  });

  it('deletes the mobile number of a participant who left a team mid-collection, though no longer a member', async () => {
    const mobile = '19966660006';
    const { team, member } = await teamWithACard({ displayName: '中途退出者', mobile });
    await t.http.delete(`/api/v1/teams/${team.id}/members/${member.id}`).set(bearer(member)).expect(204);
    expect(await sqlRows(t.db, sql`select id from team_members where user_id = ${member.id}`)).toEqual([]);
    await t.db.execute(
      sql`with sent as (
            insert into notifications (user_id, kind, locale, subject, body, params, created_at)
            values (${member.id}, 'verification_code', 'zh-CN', '验证码', '验证码', '{}'::jsonb, now()) returning id)
          insert into deliveries (notification_id, channel, recipient, state, created_at)
          select id, 'sms', ${mobile}, 'sent', now() from sent`,
    );
    const closedAt = t.clock.now();
    await t.db.execute(
      sql`update editions set status = 'archived', archived_at = ${closedAt.toISOString()}::timestamptz
           where code = '2024-guangxi'`,
    );
    try {
      await setPolicy({ departedMobileDays: 10 }).expect(200);
      t.clock.set(new Date(closedAt.getTime() + 10 * DAY - 1));
      expect(await runJob()).toEqual({ student_id_images: 0, departed_mobiles: 0 });
      t.clock.set(new Date(closedAt.getTime() + 10 * DAY));
      expect((await report()).departed_mobiles).toBeGreaterThanOrEqual(1);
      expect((await runJob()).departed_mobiles).toBeGreaterThanOrEqual(1);
      const [left] = await sqlRows<{ count: string | number }>(
        t.db,
        sql`select (select count(*) from users where mobile = ${mobile})
                 + (select count(*) from deliveries where recipient = ${mobile}) as count`,
      );
      expect(Number(left!.count)).toBe(0);
    } finally {
      await t.db.execute(sql`update editions set status = 'published', archived_at = null where code = '2024-guangxi'`);
    }
  });
});
