import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { pngBytes } from '../../test/sample-files.js';
import { universityTeamThroughApi } from '../../test/teams.js';

let t: TestApp;
let admin: User;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
});
afterAll(async () => t.close());

type User = { id: string; token: string };
const bearer = (user: User) => `Bearer ${user.token}`;
let codeSeq = 3000;
function validCode(): string {
  const first17 = `91450100${String(codeSeq++).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

const notice = () => t.http.get('/api/v1/editions/current/privacy-notice');
const publish = (user: User | undefined, zh = '新版隐私政策', en = 'New privacy notice') => {
  const request = t.http.put('/api/v1/editions/current/privacy-notice');
  if (user) request.set('authorization', bearer(user));
  return request.send({ text: { 'zh-CN': zh, en } });
};
const consent = (user: User, noticeId: string, scopes: string[]) =>
  t.http.post('/api/v1/me/consents').set('authorization', bearer(user)).send({ noticeId, scopes });

async function studentInUniversityTeam() {
  const { leader, team } = await universityTeamThroughApi(t, {
    name: '同意测试',
    creditCode: validCode(),
    studentNumber: `S${codeSeq++}`,
  });
  const student = await t.userWithToken('participant', {}, { consent: false });
  const joined = await t.http
    .post('/api/v1/teams/join')
    .set('authorization', bearer(student))
    .send({ inviteCode: team.inviteCode, studentNumber: `S${codeSeq++}` });
  expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  const uploadCard = (by: User) =>
    t.http
      .put(`/api/v1/teams/${team.id}/members/${student.id}/student-id`)
      .set('authorization', bearer(by))
      .attach('file', pngBytes(), 'card.png');
  return { leader, student, uploadCard };
}

describe('the privacy notice (个人信息保护法 §17)', () => {
  it('is public, versioned, in zh-CN and English', async () => {
    const res = await notice().expect(200);
    expect(res.body).toMatchObject({ version: expect.any(Number), editionId: expect.any(String) });
    expect(res.body.text['zh-CN']).toContain('个人信息保护法');
    expect(res.body.text.en).toContain('Personal Information Protection Law');
  });

  it('is published in a new version by organizers only', async () => {
    const before = (await notice()).body.version as number;
    expectProblem(await publish(undefined), 401, 'UNAUTHORIZED');
    expectProblem(await publish(await t.userWithToken('participant')), 403, 'FORBIDDEN');
    expectProblem(await publish(await t.userWithToken('expert')), 403, 'FORBIDDEN');
    const published = await publish(admin, '第二版', 'Second version').expect(200);
    expect(published.body.version).toBe(before + 1);
    const current = await notice().expect(200);
    expect(current.body).toMatchObject({ id: published.body.id, version: before + 1 });
    expect(current.body.text).toEqual({ 'zh-CN': '第二版', en: 'Second version' });
  });
});

describe('consent at sign-up', () => {
  it('refuses a sign-up without consent, naming the consent, in zh-CN and English', async () => {
    const body = { email: 'no.consent@example.test', password: 'a long passphrase', displayName: '无同意' };
    const zh = await t.http.post('/api/v1/auth/signup').send(body);
    expectProblem(zh, 422, 'CONSENT_REQUIRED');
    expect(zh.body.detail).toContain('个人信息的收集与使用');
    expect(zh.body.errors).toEqual([expect.objectContaining({ path: '/body/privacyNoticeId' })]);
    const en = await t.http.post('/api/v1/auth/signup').set('accept-language', 'en').send(body);
    expect(en.body.detail).toContain('Collection and use of personal information');
    expect(t.sentCodes.some((message) => message.to === 'no.consent@example.test')).toBe(false);
  });

  it('records the consent with the notice version and time, and refuses an outdated notice', async () => {
    const old = (await notice()).body;
    const session = await t.signUpVerified({
      email: 'consenting@example.test',
      password: 'a long passphrase',
      displayName: '同意者',
      privacyNoticeId: old.id,
    });
    const mine = await t.http
      .get('/api/v1/me/consents')
      .set('authorization', `Bearer ${session.accessToken}`)
      .expect(200);
    expect(mine.body.items).toEqual([
      {
        noticeId: old.id,
        editionId: old.editionId,
        version: old.version,
        scope: 'personal',
        givenAt: t.clock.now().toISOString(),
      },
    ]);

    await publish(admin).expect(200);
    const outdated = await t.http.post('/api/v1/auth/signup').send({
      email: 'late.reader@example.test',
      password: 'a long passphrase',
      displayName: '旧版',
      privacyNoticeId: old.id,
    });
    expectProblem(outdated, 409, 'PRIVACY_NOTICE_OUTDATED');
    expect(outdated.body.errors).toEqual([expect.objectContaining({ path: '/body/privacyNoticeId' })]);
  });
});

describe('the separate consent to sensitive information (student ID images)', () => {
  it('refuses a student ID upload, by the member or the leader, until the member gave it', async () => {
    const { leader, student, uploadCard } = await studentInUniversityTeam();
    for (const by of [student, leader]) {
      const refused = await uploadCard(by);
      expectProblem(refused, 422, 'CONSENT_REQUIRED');
      expect(refused.body.detail).toContain('敏感个人信息');
    }
    const current = (await notice()).body;
    // Consent to personal information alone is not the separate consent.
    await consent(student, current.id, ['personal']).expect(200);
    expectProblem(await uploadCard(student), 422, 'CONSENT_REQUIRED');
    const given = await consent(student, current.id, ['sensitive']).expect(200);
    expect(given.body.items.map((item: { scope: string }) => item.scope).sort()).toEqual(['personal', 'sensitive']);
    expect((await uploadCard(leader)).status).toBe(200);
  });

  it('asks again when a new version of the notice is published', async () => {
    const { student, uploadCard } = await studentInUniversityTeam();
    const first = (await notice()).body;
    await consent(student, first.id, ['personal', 'sensitive']).expect(200);
    expect((await uploadCard(student)).status).toBe(200);

    const second = (await publish(admin, '第三版', 'Third version').expect(200)).body;
    expectProblem(await uploadCard(student), 422, 'CONSENT_REQUIRED');
    expectProblem(await consent(student, first.id, ['sensitive']), 409, 'PRIVACY_NOTICE_OUTDATED');
    await consent(student, second.id, ['sensitive']).expect(200);
    expect((await uploadCard(student)).status).toBe(200);
    const history = await t.http.get('/api/v1/me/consents').set('authorization', bearer(student)).expect(200);
    expect(history.body.items.map((item: { version: number }) => item.version)).toEqual([
      second.version,
      first.version,
      first.version,
    ]);
  });

  it('refuses an unknown notice and an unknown scope', async () => {
    const student = await t.userWithToken('participant', {}, { consent: false });
    expectProblem(
      await consent(student, '00000000-0000-4000-8000-000000000000', ['sensitive']),
      404,
      'PRIVACY_NOTICE_NOT_FOUND',
    );
    expectProblem(await consent(student, (await notice()).body.id, ['everything']), 400, 'VALIDATION_FAILED');
  });
});
