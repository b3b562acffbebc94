import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import {
  DURING_COLLECTION_2025,
  auth,
  setUpTwoDivisions,
  type TestUser as User,
  type TwoDivisions,
} from '../../test/divisions.js';

let t: TestApp;
let platform: User;
let organizers: TwoDivisions['organizers'];
const jiangsu: { team: string; topic: string; event: string } = { team: '', topic: '', event: '' };

/** 2025: a national edition with 广西 and 江苏, an organizer of each, and a 江苏 team, topic and event. */
beforeAll(async () => {
  t = await createTestApp({ now: DURING_COLLECTION_2025 });
  ({ platform, organizers } = await setUpTwoDivisions(t));

  const leader = await t.userWithToken('participant');
  const team = await t.http
    .post('/api/v1/teams')
    .set(auth(leader))
    .send({ edition: '2025-jiangsu', name: '江苏团队', track: 'society', entrantKind: 'individual' })
    .expect(201);
  jiangsu.team = team.body.id;
  const topic = await t.http
    .post('/api/v1/editions/2025-jiangsu/topics')
    .set(auth(organizers.jiangsu))
    .send({ fieldCode: 'healthcare', title: '江苏赛题' })
    .expect(201);
  jiangsu.topic = topic.body.id;
  const event = await t.http
    .post('/api/v1/editions/2025-jiangsu/events')
    .set(auth(organizers.jiangsu))
    .send({ title: '江苏推荐会', startsAt: '2025-07-20T09:00:00+08:00' })
    .expect(201);
  jiangsu.event = event.body.id;
});
afterAll(() => t.close());

/** Every kind of organizer request on 江苏's data: by edition, by resource id, and lists without an edition. */
const jiangsuRequests = (): {
  method: 'get' | 'post' | 'patch' | 'put';
  path: string;
  body?: object;
  write: boolean;
}[] => [
  { method: 'get', path: '/api/v1/editions/2025-jiangsu/units', write: false },
  { method: 'get', path: '/api/v1/editions/2025-jiangsu/review-rounds', write: false },
  { method: 'get', path: '/api/v1/editions/2025-jiangsu/award-quotas', write: false },
  { method: 'get', path: '/api/v1/teams?edition=2025-jiangsu', write: false },
  { method: 'get', path: '/api/v1/projects?edition=2025-jiangsu', write: false },
  { method: 'get', path: `/api/v1/teams/${jiangsu.team}`, write: false },
  { method: 'get', path: `/api/v1/teams/${jiangsu.team}/transitions`, write: false },
  { method: 'post', path: `/api/v1/teams/${jiangsu.team}/qualification`, body: { decision: 'approve' }, write: true },
  { method: 'post', path: `/api/v1/teams/${jiangsu.team}/annotations`, body: { body: '备注' }, write: true },
  { method: 'patch', path: `/api/v1/topics/${jiangsu.topic}`, body: { title: '改' }, write: true },
  { method: 'patch', path: `/api/v1/events/${jiangsu.event}`, body: { venue: '南京' }, write: true },
  { method: 'patch', path: '/api/v1/editions/2025-jiangsu', body: { theme: '改' }, write: true },
  {
    method: 'post',
    path: '/api/v1/editions/2025-jiangsu/topics',
    body: { fieldCode: 'healthcare', title: 'x' },
    write: true,
  },
  { method: 'put', path: '/api/v1/editions/2025-jiangsu/award-quotas', body: { quotas: [] }, write: true },
  { method: 'post', path: '/api/v1/editions/2025-jiangsu/archive', write: true },
];

const send = (user: User, request: ReturnType<typeof jiangsuRequests>[number]) => {
  const call = t.http[request.method](request.path).set(auth(user));
  return request.body ? call.send(request.body) : call;
};

describe('organizers see and change only their division (SPEC §9)', () => {
  it('gives the 广西 organizer nothing of 江苏: 0 leaks across the matrix', async () => {
    const leaks: string[] = [];
    for (const request of jiangsuRequests()) {
      const response = await send(organizers.guangxi, request);
      if (response.status !== 404) leaks.push(`${request.method} ${request.path} → ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it('answers the same requests for the 江苏 organizer (the matrix can fail)', async () => {
    const refused: string[] = [];
    for (const request of jiangsuRequests().filter((item) => !item.path.endsWith('/archive'))) {
      const response = await send(organizers.jiangsu, request);
      if ([403, 404].includes(response.status)) refused.push(`${request.method} ${request.path} → ${response.status}`);
    }
    expect(refused).toEqual([]);
  });

  it('shows a division organizer their own division as `current`, and lists without an edition stay in it', async () => {
    const current = await t.http.get('/api/v1/editions/current').set(auth(organizers.jiangsu)).expect(200);
    expect(current.body.code).toBe('2025-jiangsu');
    const teams = await t.http.get('/api/v1/teams').set(auth(organizers.guangxi)).expect(200);
    expect(teams.body.items.map((team: { id: string }) => team.id)).not.toContain(jiangsu.team);
    expectProblem(await t.http.get('/api/v1/users').set(auth(organizers.guangxi)), 403, 'FORBIDDEN');
  });

  it('lets the national organizer read every division but change only the national edition', async () => {
    const refusedReads: string[] = [];
    for (const request of jiangsuRequests()) {
      const response = await send(organizers.national, request);
      if (request.write) expectProblem(response, 403, 'DIVISION_READ_ONLY');
      else if (response.status !== 200) refusedReads.push(`${request.path} → ${response.status}`);
    }
    expect(refusedReads).toEqual([]);
    await t.http
      .patch('/api/v1/editions/2025-national')
      .set(auth(organizers.national))
      .send({ theme: '全国' })
      .expect(200);
  });
});

describe('drafts and the set-up of divisions', () => {
  it("never lists another division's drafts to a division organizer; national and platform ones see all", async () => {
    for (const [source, code] of [
      ['2025-guangxi', '2026-guangxi'],
      ['2025-jiangsu', '2026-jiangsu'],
    ])
      await t.http.post(`/api/v1/editions/${source}/clone`).set(auth(platform)).send({ code, year: 2026 }).expect(201);
    const drafts = async (user: User) =>
      (await t.http.get('/api/v1/editions?status=draft').set(auth(user)).expect(200)).body.items.map(
        (edition: { code: string }) => edition.code,
      );
    expect(await drafts(organizers.guangxi)).toEqual(['2026-guangxi']);
    expect(await drafts(organizers.jiangsu)).toEqual(['2026-jiangsu']);
    expect(await drafts(organizers.national)).toEqual(['2026-guangxi', '2026-jiangsu']);
    expect(await drafts(platform)).toEqual(['2026-guangxi', '2026-jiangsu']);
    const all = await t.http.get('/api/v1/editions').set(auth(organizers.guangxi)).expect(200);
    expect(all.body.items.map((edition: { code: string }) => edition.code)).not.toContain('2026-jiangsu');
    expectProblem(
      await t.http.get('/api/v1/editions/2026-jiangsu').set(auth(organizers.guangxi)),
      404,
      'EDITION_NOT_FOUND',
    );
  });

  it('offers each organizer, for switching, only the editions they organize', async () => {
    const managed = async (user: User) =>
      (await t.http.get('/api/v1/editions?managed=true').set(auth(user)).expect(200)).body.items.map(
        (edition: { code: string }) => edition.code,
      );
    const guangxi = await managed(organizers.guangxi);
    expect(guangxi).toContain('2025-guangxi');
    expect(guangxi.filter((code: string) => !code.endsWith('-guangxi'))).toEqual([]);
    expect(await managed(organizers.national)).toEqual(expect.arrayContaining(['2025-national', '2025-jiangsu']));
    expect(await managed(await t.userWithToken('participant'))).toEqual([]);
    // Without the filter, the published editions of every division stay public.
    const all = await t.http.get('/api/v1/editions').set(auth(organizers.guangxi)).expect(200);
    expect(all.body.items.map((edition: { code: string }) => edition.code)).toContain('2025-jiangsu');
  });

  it('lets platform organizers alone add divisions and scope organizers, and says why it refuses', async () => {
    const body = { code: 'hunan', name: '湖南分赛', kind: 'provincial' };
    for (const organizer of Object.values(organizers))
      expectProblem(await t.http.post('/api/v1/divisions').set(auth(organizer)).send(body), 403, 'FORBIDDEN');
    const created = await t.http.post('/api/v1/divisions').set(auth(platform)).send(body).expect(201);
    expect(created.body).toMatchObject({ code: 'hunan', name: '湖南分赛', kind: 'provincial', isDefault: false });
    const taken = expectProblem(
      await t.http.post('/api/v1/divisions').set(auth(platform)).send(body),
      409,
      'DIVISION_CODE_TAKEN',
    );
    expect(taken.errors).toEqual([expect.objectContaining({ path: '/body/code' })]);

    const hunan = await t.userWithToken('admin');
    const scope = (user: User, target: string, division: string | null) =>
      t.http.put(`/api/v1/users/${target}/division`).set(auth(user)).send({ division });
    expectProblem(await scope(organizers.national, hunan.id, 'hunan'), 403, 'FORBIDDEN');
    expectProblem(await scope(platform, platform.id, 'hunan'), 409, 'CANNOT_CHANGE_OWN_ACCOUNT');
    const participant = await t.userWithToken('participant');
    expectProblem(await scope(platform, participant.id, 'hunan'), 422, 'SCOPE_NEEDS_ORGANIZER');
    const unknown = expectProblem(await scope(platform, hunan.id, 'atlantis'), 422, 'DIVISION_NOT_FOUND');
    expect(unknown.errors).toEqual([expect.objectContaining({ path: '/body/division' })]);

    // A platform organizer until now: the next request after the change is scoped.
    await t.http.get('/api/v1/editions/2025-jiangsu/units').set(auth(hunan)).expect(200);
    const scoped = await scope(platform, hunan.id, 'hunan').expect(200);
    expect(scoped.body).toMatchObject({ userId: hunan.id, division: { code: 'hunan' } });
    expectProblem(await t.http.get('/api/v1/editions/2025-jiangsu/units').set(auth(hunan)), 404, 'EDITION_NOT_FOUND');
    // Back to a platform organizer: every edition again, at the next request.
    expect((await scope(platform, hunan.id, null).expect(200)).body.division).toBeNull();
    await t.http.get('/api/v1/editions/2025-jiangsu/units').set(auth(hunan)).expect(200);
  });
});
