import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type TestApp } from '../../test/app.js';
import { users } from '../accounts/tables.js';
import { divisions, organizerScopes } from '../editions/tables.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { bearer, openProjectsTestApp, projectHelpers, type ProjectsTestContext } from '../projects/test-kit.js';

let context: ProjectsTestContext;
let t: TestApp;
/** A platform organizer: grants the right and reads the log. */
let platform: { id: string; token: string };
const { createProject } = projectHelpers(() => context);
const { modelingBody } = projectHelpers(() => context);

beforeAll(async () => {
  context = await openProjectsTestApp();
  ({ t, admin: platform } = context);
});
afterAll(async () => t?.close());

let mobileSeq = 19912340001;
/** A team whose leader has a mobile number, with a project titled `title`. */
async function teamWithProject(title: string) {
  const team = await createTeamFixture(t);
  const mobile = String(mobileSeq++);
  // Test accounts are named after their e-mail: a name of its own keeps the e-mail out of the name columns.
  await t.db.update(users).set({ mobile, displayName: '韦小宝' }).where(eq(users.id, team.leader.id));
  await t.db.update(users).set({ displayName: '陆小凤' }).where(eq(users.id, team.member.id));
  expect((await createProject(team, modelingBody(title))).status).toBe(201);
  return { ...team, mobile };
}

const grant = (to: { id: string }, by = platform) =>
  t.http.put(`/api/v1/users/${to.id}/personal-data-right`).set(bearer(by.token));
const accessLog = (subject: { id: string }) =>
  t.http.get(`/api/v1/personal-data/access-log?subjectUserId=${subject.id}`).set(bearer(platform.token));
const exportCsv = (token: string, query: string) =>
  t.http
    .get(`/api/v1/projects/export?format=csv&${query}`)
    .set(bearer(token))
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });

describe("masking in organizers' lists (个人信息保护法 §6)", () => {
  it('masks mobiles and e-mails in the account list and the team view', async () => {
    const team = await teamWithProject('脱敏列表测试');
    const listed = await t.http.get(`/api/v1/users?q=${team.mobile}`).set(bearer(platform.token)).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: team.leader.id,
        mobile: `${team.mobile.slice(0, 3)}****${team.mobile.slice(-4)}`,
        email: `p***@example.test`,
      }),
    ]);
    const seen = await t.http.get(`/api/v1/teams/${team.team.id}`).set(bearer(platform.token)).expect(200);
    expect(seen.body.members.map((member: { email: string }) => member.email)).toEqual([
      'p***@example.test',
      'p***@example.test',
    ]);
    expect(JSON.stringify(seen.body)).not.toContain(team.leader.email);
    // The person themself still reads their own account in full.
    const me = await t.http.get('/api/v1/me').set(bearer(team.leader.token)).expect(200);
    expect(me.body).toMatchObject({ email: team.leader.email, mobile: team.mobile });
  });

  it("masks experts' e-mails to organizers, not to the expert", async () => {
    const invited = await t.http
      .post('/api/v1/experts')
      .set(bearer(platform.token))
      .send({ email: 'masked.expert@example.test', displayName: '脱敏专家', affiliationName: '测试研究院' })
      .expect(201);
    const list = await t.http.get('/api/v1/experts?limit=200').set(bearer(platform.token)).expect(200);
    const listed = list.body.items.find((expert: { id: string }) => expert.id === invited.body.id);
    expect(listed.email).toBe('m***@example.test');
    const byOrganizer = await t.http.get(`/api/v1/experts/${invited.body.id}`).set(bearer(platform.token));
    expect(byOrganizer.body.email).toBe('m***@example.test');
    const token = t.app.jwt.sign({ sub: invited.body.id, role: 'expert' });
    const own = await t.http.get(`/api/v1/experts/${invited.body.id}`).set(bearer(token)).expect(200);
    expect(own.body.email).toBe('masked.expert@example.test');
  });
});

describe('the personalData.view right, reveals and unmasked exports, logged', () => {
  it('is granted to organizers by a platform organizer only', async () => {
    const organizer = await t.userWithToken('admin');
    const participant = await t.userWithToken('participant');
    const [division] = await t.db.select({ id: divisions.id }).from(divisions).limit(1);
    const divisional = await t.userWithToken('admin');
    await t.db.insert(organizerScopes).values({ userId: divisional.id, divisionId: division!.id });

    expectProblem(await grant(organizer, divisional), 403, 'FORBIDDEN');
    expectProblem(await grant(organizer, participant), 403, 'FORBIDDEN');
    const refused = expectProblem(await grant(participant), 409, 'PERSONAL_DATA_RIGHT_ORGANIZERS_ONLY');
    expect(refused.detail).toContain('组织者');
    const granted = await grant(organizer).expect(200);
    expect(granted.body).toEqual({ userId: organizer.id, personalDataView: true, grantedAt: expect.any(String) });
    const revoked = await t.http
      .delete(`/api/v1/users/${organizer.id}/personal-data-right`)
      .set(bearer(platform.token))
      .expect(200);
    expect(revoked.body).toEqual({ userId: organizer.id, personalDataView: false, grantedAt: null });
  });

  it('reveals one contact, for a reason, only with the right, and logs who, when, whose and why', async () => {
    const team = await teamWithProject('揭示联系方式测试');
    const organizer = await t.userWithToken('admin');
    const reveal = (body: object) =>
      t.http.post(`/api/v1/users/${team.leader.id}/contact/reveal`).set(bearer(organizer.token)).send(body);

    const zh = expectProblem(await reveal({ reason: '核实参赛资格' }), 403, 'PERSONAL_DATA_RIGHT_REQUIRED');
    expect(zh.detail).toContain('personalData.view');
    const en = await t.http
      .post(`/api/v1/users/${team.leader.id}/contact/reveal`)
      .set(bearer(organizer.token))
      .set('accept-language', 'en')
      .send({ reason: 'checking eligibility' });
    expect(en.body.detail).toContain('Seeing or exporting unmasked personal information');
    await grant(organizer).expect(200);
    expectProblem(await reveal({}), 400, 'VALIDATION_FAILED');
    expectProblem(await reveal({ reason: '    ' }), 400, 'VALIDATION_FAILED');

    const shown = await reveal({ reason: '核实参赛资格' }).expect(200);
    expect(shown.body).toEqual({
      userId: team.leader.id,
      displayName: expect.any(String),
      email: team.leader.email,
      mobile: team.mobile,
    });
    const log = await accessLog(team.leader).expect(200);
    expect(log.body.items).toEqual([
      {
        id: expect.any(String),
        actorUserId: organizer.id,
        subjectUserId: team.leader.id,
        kind: 'reveal',
        resource: `users/${team.leader.id}/contact`,
        reason: '核实参赛资格',
        at: t.clock.now().toISOString(),
      },
    ]);
    // Only platform organizers read the log.
    expectProblem(
      await t.http.get('/api/v1/personal-data/access-log').set(bearer((await t.userWithToken('participant')).token)),
      403,
      'FORBIDDEN',
    );
  });

  it('exports contacts masked, and unmasked only with the right and a reason, logging everyone named', async () => {
    const team = await teamWithProject('导出脱敏测试');
    const organizer = await t.userWithToken('admin');
    const query = `q=${encodeURIComponent('导出脱敏测试')}`;

    const masked = await exportCsv(organizer.token, query).expect(200);
    expect(masked.body).toContain(`${team.mobile.slice(0, 3)}****${team.mobile.slice(-4)}`);
    expect(masked.body).not.toContain(team.mobile);
    expect(masked.body).not.toContain(team.leader.email);
    // A masked export names people too: logged, with who and which export (no reason asked).
    const maskedEntries = (await accessLog(team.leader).expect(200)).body.items as { resource: string }[];
    expect(maskedEntries).toEqual([
      expect.objectContaining({ actorUserId: organizer.id, kind: 'export_masked', reason: '' }),
    ]);
    expect(maskedEntries[0]!.resource).toMatch(/^projects\/export\/[0-9a-f-]{36}$/);
    expect((await accessLog(team.member)).body.items).toEqual([
      expect.objectContaining({ kind: 'export_masked', resource: maskedEntries[0]!.resource }),
    ]);

    const reason = encodeURIComponent('通知决赛安排');
    expectProblem(
      await t.http.get(`/api/v1/projects/export?${query}&reason=${reason}`).set(bearer(organizer.token)),
      403,
      'PERSONAL_DATA_RIGHT_REQUIRED',
    );
    await grant(organizer).expect(200);
    const unmasked = await exportCsv(organizer.token, `${query}&reason=${reason}`).expect(200);
    expect(unmasked.body).toContain(team.mobile);
    expect(unmasked.body).toContain(team.leader.email);
    type Entry = { kind: string; resource: string; reason: string; actorUserId: string };
    const [unmaskedEntry, ...others] = ((await accessLog(team.leader).expect(200)).body.items as Entry[]).filter(
      (entry) => entry.kind === 'export',
    );
    expect(others).toEqual([]);
    expect(unmaskedEntry).toEqual(expect.objectContaining({ actorUserId: organizer.id, reason: '通知决赛安排' }));
    expect(unmaskedEntry!.resource).not.toBe(maskedEntries[0]!.resource);
    // The member's contact was not in the file, their name was: logged as masked.
    const memberEntries = (await accessLog(team.member)).body.items as Entry[];
    expect(memberEntries.find((entry) => entry.resource === unmaskedEntry!.resource)).toEqual(
      expect.objectContaining({ kind: 'export_masked', reason: '通知决赛安排' }),
    );
  });
});

describe('the unit directory: participants and experts see only the units they need', () => {
  it('lists a participant their own units, or the one of a credit code they give', async () => {
    const mine = await createTeamFixture(t);
    const other = await createTeamFixture(t);
    const list = (user: { token: string }, query = '') =>
      t.http.get(`/api/v1/editions/2024-guangxi/units?limit=200${query}`).set(bearer(user.token)).expect(200);
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((unit) => unit.id);

    expect(ids(await list(mine.member))).toEqual([mine.unit.id]);
    expect(ids(await list(mine.member, `&creditCode=${other.unit.creditCode}`))).toEqual([other.unit.id]);
    const expert = await t.userWithToken('expert');
    expect(ids(await list(expert))).toEqual([]);
    expect(ids(await list(platform))).toEqual(expect.arrayContaining([mine.unit.id, other.unit.id]));

    await t.http.get(`/api/v1/units/${mine.unit.id}`).set(bearer(mine.leader.token)).expect(200);
    expectProblem(
      await t.http.get(`/api/v1/units/${other.unit.id}`).set(bearer(mine.leader.token)),
      404,
      'UNIT_NOT_FOUND',
    );
    expectProblem(await t.http.get(`/api/v1/units/${other.unit.id}`).set(bearer(expert.token)), 404, 'UNIT_NOT_FOUND');
    await t.http.get(`/api/v1/units/${other.unit.id}`).set(bearer(platform.token)).expect(200);
  });
});
