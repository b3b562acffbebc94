import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { divisions, organizerScopes } from './tables.js';

let t: TestApp;
type User = { id: string; token: string };
let platform: User;
const organizers: Record<'guangxi' | 'jiangsu' | 'national', User> = {} as never;
const jiangsu: { team: string; topic: string; event: string } = { team: '', topic: '', event: '' };
const auth = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

const stages2025 = [
  { code: 'collection', startsAt: '2025-06-01T00:00:00+08:00', endsAt: '2025-08-16T00:00:00+08:00' },
  { code: 'preliminary', startsAt: '2025-08-16T00:00:00+08:00', endsAt: '2025-09-01T00:00:00+08:00' },
  { code: 'final', startsAt: '2025-09-01T00:00:00+08:00', endsAt: '2025-10-01T00:00:00+08:00' },
  { code: 'promotion', startsAt: '2025-10-01T00:00:00+08:00', endsAt: null },
];

/** 2025: a national edition with 广西 and 江苏, an organizer of each, and a 江苏 team, topic and event. */
beforeAll(async () => {
  t = await createTestApp({ now: '2025-07-15T10:00:00+08:00' });
  platform = await t.userWithToken('admin');
  const rows = await t.db
    .insert(divisions)
    .values([
      { code: 'national', name: '全国总决赛', kind: 'national' },
      { code: 'jiangsu', name: '江苏分赛', kind: 'provincial' },
    ])
    .returning();
  const all = [...rows, ...(await t.db.select().from(divisions))];
  for (const code of ['guangxi', 'jiangsu', 'national'] as const) {
    organizers[code] = await t.userWithToken('admin');
    const division = all.find((row) => row.code === code)!;
    await t.db.insert(organizerScopes).values({ userId: organizers[code].id, divisionId: division.id });
  }
  const create = (body: Record<string, unknown>) =>
    t.http.post('/api/v1/editions').set(auth(platform)).send(body).expect(201);
  await create({ code: '2025-national', year: 2025, divisionCode: 'national', name: '2025 全国', stages: stages2025 });
  await t.http
    .post('/api/v1/editions/2024-guangxi/clone')
    .set(auth(platform))
    .send({ code: '2025-guangxi', year: 2025, parent: '2025-national' })
    .expect(201);
  await create({
    code: '2025-jiangsu',
    year: 2025,
    divisionCode: 'jiangsu',
    parent: '2025-national',
    name: '2025 江苏',
    stages: stages2025,
  });
  for (const code of ['2025-national', '2025-guangxi', '2025-jiangsu'])
    await t.http.post(`/api/v1/editions/${code}/publish`).set(auth(platform)).expect(200);

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
