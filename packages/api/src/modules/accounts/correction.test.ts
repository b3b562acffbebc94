import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { sqlRows } from '../../lib/rows.js';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { universityTeamThroughApi } from '../../test/teams.js';

let t: TestApp;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const PASSWORD = 'Correct-Me-2024!';
let seq = 6100;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A person who signed up (and can log in) with their email. */
async function person(displayName: string) {
  const email = `correct-${seq++}@example.test`;
  const session = await t.signUpVerified({ email, password: PASSWORD, displayName });
  return { id: session.user.id, email, token: session.accessToken };
}

async function correctionEntries(userId: string) {
  return sqlRows<{ actor_id: string; payload: unknown }>(
    t.db,
    sql`select actor_id, payload from ledger_entries
         where action = 'personal_data.corrected' and subject_id = ${userId} order by seq`,
  );
}

describe('PATCH /me: a person corrects their own data (个人信息保护法 §46)', () => {
  it('corrects the name at once and records that it was corrected, never the old or new name', async () => {
    const me = await person('张三丰误');
    const response = await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ displayName: ' 张三丰 ' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ user: { id: me.id, displayName: '张三丰' }, verification: null });
    const again = await t.http.get('/api/v1/me').set(bearer(me.token)).expect(200);
    expect(again.body.displayName).toBe('张三丰');

    const entries = await correctionEntries(me.id);
    expect(entries).toEqual([{ actor_id: me.id, payload: { fields: ['displayName'] } }]);
    const ledger = await sqlRows(t.db, sql`select * from ledger_entries`);
    expect(JSON.stringify(ledger)).not.toContain('张三丰');
  });

  it('refuses a blank name, a malformed mobile, both contacts at once and unknown fields, naming them', async () => {
    const me = await person('李四');
    const blank = expectProblem(
      await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ displayName: '   ' }),
      400,
      'DISPLAY_NAME_BLANK',
    );
    expect(JSON.stringify(blank)).toContain('/body/displayName');
    const mobile = await t.http
      .patch('/api/v1/me')
      .set(bearer(me.token))
      .set('accept-language', 'en')
      .send({ mobile: '2380000000' });
    expect(JSON.stringify(expectProblem(mobile, 400, 'VALIDATION_FAILED'))).toContain('mobile');
    expectProblem(
      await t.http
        .patch('/api/v1/me')
        .set(bearer(me.token))
        .send({ email: 'li-si-new@example.test', mobile: '19955550001' }),
      400,
      'CONTACT_CHANGE_ONE_AT_A_TIME',
    );
    expectProblem(
      await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ role: 'admin' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await t.http.patch('/api/v1/me').set(bearer(me.token)).send({}), 400, 'VALIDATION_FAILED');
    expect(await correctionEntries(me.id)).toEqual([]);
  });

  it('keeps the name while the person’s team is submitted or approved, naming the team; a returned team may correct it', async () => {
    const creditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;
    const code = creditCode(`91450100${String(seq++).padStart(9, '0')}`);
    const { team } = await universityTeamThroughApi(t, {
      name: `更正测试 ${code}`,
      creditCode: code,
      studentNumber: `L-${code}`,
    });
    const me = await person('王五');
    await t.http
      .post('/api/v1/teams/join')
      .set(bearer(me.token))
      .send({ inviteCode: team.inviteCode, studentNumber: `S-${code}` })
      .expect(200);
    for (const status of ['submitted', 'approved']) {
      await t.db.execute(sql`update teams set qualification_status = ${status} where id = ${team.id}`);
      const zh = expectProblem(
        await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ displayName: '王五改' }),
        409,
        'PERSONAL_DATA_CORRECTION_REFUSED',
      );
      expect(zh.detail).toContain(`更正测试 ${code}`);
    }
    const en = await t.http
      .patch('/api/v1/me')
      .set(bearer(me.token))
      .set('accept-language', 'en')
      .send({ displayName: '王五改' });
    expect(en.body.detail).toContain('until that edition is closed');
    // Contacts reach the person and nobody judges them: they may change even now.
    const contact = await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ mobile: '19955550002' });
    expect(contact.status, JSON.stringify(contact.body)).toBe(200);

    await t.db.execute(sql`update teams set qualification_status = 'returned' where id = ${team.id}`);
    const corrected = await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ displayName: '王五改' });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.user.displayName).toBe('王五改');
  });

  it('changes the email once the code sent to the new address is confirmed, and records only that it changed', async () => {
    const me = await person('赵六');
    // The sign-up code as the messenger records it: addressed to the old email, to no user.
    await t.db.execute(
      sql`with sent as (
            insert into notifications (user_id, kind, locale, subject, body, params, created_at)
            values (null, 'verification_code', 'zh-CN', '验证码', '验证码', '{}'::jsonb, now()) returning id)
          insert into deliveries (notification_id, channel, recipient, state, created_at)
          select id, 'email', ${me.email}, 'sent', now() from sent`,
    );
    const newEmail = `zhao-liu-${seq++}@Example.test`;
    const asked = await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ email: newEmail });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.verification).toEqual({ channel: 'email', expiresAt: expect.any(String) });
    // Not changed yet: the old address stays the login until the new one is proven.
    expect(asked.body.user.email).toBe(me.email);
    const sent = t.sentCodes.findLast((message) => message.to === newEmail.toLowerCase());
    expect(sent?.channel).toBe('email');

    const wrong = sent!.code === '000000' ? '000001' : '000000';
    expectProblem(
      await t.http.post('/api/v1/me/contact-verification').set(bearer(me.token)).send({ code: wrong }),
      400,
      'VERIFICATION_CODE_INVALID',
    );
    const confirmed = await t.http
      .post('/api/v1/me/contact-verification')
      .set(bearer(me.token))
      .send({ code: sent!.code });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.email).toBe(newEmail.toLowerCase());
    // The code works once.
    expectProblem(
      await t.http.post('/api/v1/me/contact-verification').set(bearer(me.token)).send({ code: sent!.code }),
      400,
      'VERIFICATION_CODE_INVALID',
    );
    await t.http.post('/api/v1/auth/login').send({ login: newEmail, password: PASSWORD }).expect(200);
    expect((await t.http.post('/api/v1/auth/login').send({ login: me.email, password: PASSWORD })).status).toBe(401);

    expect(await correctionEntries(me.id)).toEqual([{ actor_id: me.id, payload: { fields: ['email'] } }]);
    // Nothing ties the old address's codes to the person any more: they went with it. What the
    // old address still gets is the notice of the change, in the person's own inbox.
    expect(
      await sqlRows(
        t.db,
        sql`select n.kind, n.user_id, n.body from deliveries d join notifications n on n.id = d.notification_id
             where d.recipient = ${me.email}`,
      ),
    ).toEqual([{ kind: 'contact_changed', user_id: me.id, body: expect.stringContaining('z***@example.test') }]);
    const ledger = JSON.stringify(await sqlRows(t.db, sql`select * from ledger_entries`));
    expect(ledger).not.toContain(newEmail.toLowerCase());
    expect(ledger).not.toContain(me.email);
  });

  it('changes the mobile by a code sent by SMS, once it expires no longer', async () => {
    const me = await person('钱七');
    await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ mobile: '19955550003' }).expect(200);
    const sent = t.sentCodes.findLast((message) => message.to === '19955550003');
    expect(sent?.channel).toBe('sms');
    const confirmed = await t.http
      .post('/api/v1/me/contact-verification')
      .set(bearer(me.token))
      .send({ code: sent!.code });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.mobile).toBe('19955550003');

    await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ mobile: '19955550004' }).expect(200);
    const late = t.sentCodes.findLast((message) => message.to === '19955550004');
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + (late!.minutes * 60 + 1) * 1000));
    try {
      expectProblem(
        await t.http.post('/api/v1/me/contact-verification').set(bearer(me.token)).send({ code: late!.code }),
        400,
        'VERIFICATION_CODE_INVALID',
      );
    } finally {
      t.clock.set(now);
    }
    const [row] = await sqlRows<{ mobile: string }>(t.db, sql`select mobile from users where id = ${me.id}`);
    expect(row!.mobile).toBe('19955550003');
  });

  it('answers the same for an address another account holds, sends it nothing and never switches to it', async () => {
    const holder = await person('孙八');
    const me = await person('周九');
    const before = t.sentCodes.length;
    const asked = await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ email: holder.email.toUpperCase() });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.verification).toEqual({ channel: 'email', expiresAt: expect.any(String) });
    expect(t.sentCodes.length).toBe(before);
    for (const code of ['000000', '123456'])
      expectProblem(
        await t.http.post('/api/v1/me/contact-verification').set(bearer(me.token)).send({ code }),
        400,
        'VERIFICATION_CODE_INVALID',
      );
    const [row] = await sqlRows<{ email: string }>(t.db, sql`select email from users where id = ${me.id}`);
    expect(row!.email).toBe(me.email);
  });

  it('corrects a student number on the team, records it by field name, and still keeps numbers unique (R-ALL-2)', async () => {
    const code = `91450100${String(seq++).padStart(9, '0')}`;
    const creditCode = code + creditCodeCheckCharacter(code)!;
    const { team } = await universityTeamThroughApi(t, {
      name: `学号更正 ${creditCode}`,
      creditCode,
      studentNumber: `L-${creditCode}`,
    });
    const me = await person('吴十');
    await t.http
      .post('/api/v1/teams/join')
      .set(bearer(me.token))
      .send({ inviteCode: team.inviteCode, studentNumber: `S1-${creditCode}` })
      .expect(200);
    const member = `/api/v1/teams/${team.id}/members/${me.id}`;
    const corrected = await t.http
      .patch(member)
      .set(bearer(me.token))
      .send({ studentNumber: `S2-${creditCode}` });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(await correctionEntries(me.id)).toEqual([
      { actor_id: me.id, payload: { fields: ['studentNumber'], teamId: team.id } },
    ]);
    // The same number again is no correction; the leader's number is taken.
    await t.http
      .patch(member)
      .set(bearer(me.token))
      .send({ studentNumber: `S2-${creditCode}` })
      .expect(200);
    expectProblem(
      await t.http
        .patch(member)
        .set(bearer(me.token))
        .send({ studentNumber: `L-${creditCode}` }),
      422,
      'STUDENT_NUMBER_TAKEN',
      'R-ALL-2',
    );
    expect(await correctionEntries(me.id)).toHaveLength(1);
    expect(JSON.stringify(await sqlRows(t.db, sql`select * from ledger_entries`))).not.toContain(`S1-${creditCode}`);
  });

  it('locks the confirmation after five wrong codes, even for the right one, and keeps the old address', async () => {
    const me = await person('孙八');
    const newEmail = `sun-ba-${seq++}@example.test`;
    await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ email: newEmail }).expect(200);
    const sent = t.sentCodes.findLast((message) => message.to === newEmail);
    const wrong = sent!.code === '000000' ? '000001' : '000000';
    const confirm = (code: string) =>
      t.http.post('/api/v1/me/contact-verification').set(bearer(me.token)).send({ code });
    for (let attempt = 0; attempt < 5; attempt++) expectProblem(await confirm(wrong), 400, 'VERIFICATION_CODE_INVALID');

    const locked = await confirm(sent!.code);
    expectProblem(locked, 429, 'ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another person's confirmations are not locked by it.
    const other = await person('周九');
    expectProblem(
      await t.http.post('/api/v1/me/contact-verification').set(bearer(other.token)).send({ code: wrong }),
      400,
      'VERIFICATION_CODE_INVALID',
    );
    const [row] = await sqlRows<{ email: string }>(t.db, sql`select email from users where id = ${me.id}`);
    expect(row?.email).toBe(me.email);
  });

  it('needs a login', async () => {
    expectProblem(await t.http.patch('/api/v1/me').send({ displayName: '匿名' }), 401, 'UNAUTHORIZED');
    expectProblem(await t.http.post('/api/v1/me/contact-verification').send({ code: '123456' }), 401, 'UNAUTHORIZED');
  });
});
