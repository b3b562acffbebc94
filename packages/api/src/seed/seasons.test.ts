import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../test/app.js';
import { users } from '../db/tables.js';
import { seedDemo } from './index.js';
import { seedSeasons } from './seasons.js';

let t: TestApp;
let platform: { token: string };
const auth = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

/** A demo account's session, as if it had logged in. */
async function demoSession(email: string) {
  const [user] = await t.db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (!user) throw new Error(`no demo account ${email}`);
  return { token: t.app.jwt.sign({ sub: user.id, role: user.role }) };
}

const codes = (body: { items: { code: string }[] }) => body.items.map((item) => item.code);

beforeAll(async () => {
  t = await createTestApp();
  // Twice: the second run finds everything in place and adds nothing.
  await seedSeasons(t.db, t.app.storage);
  await seedSeasons(t.db, t.app.storage);
  platform = await t.userWithToken('admin');
});
afterAll(() => t.close());

describe('the multi-season, multi-division demo', () => {
  it('shows organizers 2024 national, Guangxi and 江苏 and the 2025 Guangxi draft; the public no draft', async () => {
    const organizerList = await t.http.get('/api/v1/editions').set(auth(platform)).expect(200);
    expect(codes(organizerList.body)).toEqual(['2024-guangxi', '2024-national', '2024-jiangsu', '2025-guangxi']);
    const publicList = await t.http.get('/api/v1/editions').expect(200);
    expect(codes(publicList.body)).toEqual(['2024-guangxi', '2024-national', '2024-jiangsu']);
    const national = organizerList.body.items[1];
    expect(
      organizerList.body.items.filter((edition: { parentId: string | null }) => edition.parentId === national.id),
    ).toHaveLength(2);
    const divisions = await t.http.get('/api/v1/divisions').expect(200);
    expect(codes(divisions.body).sort()).toEqual(['guangxi', 'jiangsu', 'national']);
  });

  it('keeps 2024 Guangxi the default `current`, and 江苏 a header away', async () => {
    expect((await t.http.get('/api/v1/editions/current').expect(200)).body.code).toBe('2024-guangxi');
    const jiangsu = await t.http.get('/api/v1/editions/current').set('saishi-division', 'jiangsu').expect(200);
    expect(jiangsu.body).toMatchObject({ code: '2024-jiangsu', status: 'published', divisionCode: 'jiangsu' });
    const teams = await t.http.get('/api/v1/teams?edition=2024-jiangsu').set(auth(platform)).expect(200);
    expect(teams.body.items.map((team: { name: string }) => team.name).sort()).toEqual([
      '柳州智造江苏团队',
      '苏州工业数据联合体',
    ]);
  });

  it('clones 2025 Guangxi from 2024 with the dates one year later, as a draft without entrants', async () => {
    const season = await t.http.get('/api/v1/editions/2025-guangxi').set(auth(platform)).expect(200);
    expect(season.body).toMatchObject({ status: 'draft', year: 2025, name: '2025年"数据要素×"大赛广西分赛' });
    const timeline = await t.http.get('/api/v1/editions/2025-guangxi/stages').set(auth(platform)).expect(200);
    expect(timeline.body.stages[0]).toMatchObject({
      code: 'collection',
      startsAt: '2025-06-24T00:00:00.000+08:00',
      endsAt: '2025-08-16T00:00:00.000+08:00',
    });
    const topics = await t.http.get('/api/v1/editions/2025-guangxi/topics').set(auth(platform)).expect(200);
    expect(topics.body.items).toHaveLength(24);
    const teams = await t.http.get('/api/v1/teams?edition=2025-guangxi').set(auth(platform)).expect(200);
    expect(teams.body.items).toEqual([]);
  });

  it('holds the one-division pledge between the seeded divisions, both ways (R-DIV-1)', async () => {
    const register = (edition: string, user: { token: string }) =>
      t.http
        .post('/api/v1/teams')
        .set(auth(user))
        .send({ edition, name: '第二个分赛的团队', track: 'society', entrantKind: 'individual' });
    expectProblem(
      await register('2024-guangxi', await demoSession('js-leader1@saishi.demo')),
      422,
      'ONE_DIVISION_ONLY',
      'R-DIV-1',
    );
    expectProblem(
      await register('2024-jiangsu', await demoSession('leader2@saishi.demo')),
      422,
      'ONE_DIVISION_ONLY',
      'R-DIV-1',
    );
  });

  it('keeps the 江苏 organizer to 江苏 and lets the national organizer read Guangxi', async () => {
    const jiangsuAdmin = await demoSession('js-admin@saishi.demo');
    expect((await t.http.get('/api/v1/editions/current').set(auth(jiangsuAdmin)).expect(200)).body.code).toBe(
      '2024-jiangsu',
    );
    expectProblem(
      await t.http.get('/api/v1/teams?edition=2024-guangxi').set(auth(jiangsuAdmin)),
      404,
      'EDITION_NOT_FOUND',
    );
    const nationalAdmin = await demoSession('national-admin@saishi.demo');
    const guangxiTeams = await t.http.get('/api/v1/teams?edition=2024-guangxi').set(auth(nationalAdmin)).expect(200);
    expect(guangxiTeams.body.items.length).toBeGreaterThan(0);
  });

  it('costs one query to seed again once the demo is whole (a warm start)', async () => {
    const calls: string[] = [];
    const counting = new Proxy(t.db, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value === 'function') calls.push(String(property));
        return value;
      },
    });
    await seedDemo(counting, { storage: t.app.storage });
    expect(calls).toEqual(['select']);
  });
});
