import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@saishi/shared';
import { createTestApp, type TestApp } from '../../test/app.js';

// One clock (issue 11.5): every time the platform writes comes from the clock plugin, never
// from the database's now() or the process's wall clock. With the clock frozen in 2024, every
// `*At` field of every resource created here must be exactly that instant.

const FROZEN = '2024-07-15T10:00:00.123+08:00';
/** Times that are data (a stage's dates, an event's), not the moment something was written. */
const DATA_TIMES = new Set(['startsAt', 'endsAt', 'signInAt', 'nationalFinalAt', 'expiresAt']);

let t: TestApp;
let admin: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp({ now: FROZEN });
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every non-null `…At` field anywhere in the value, with its path. */
function timesIn(value: unknown, path = ''): { path: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => timesIn(item, `${path}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    if (key.endsWith('At') && typeof inner === 'string' && !DATA_TIMES.has(key))
      return [{ path: `${path}/${key}`, at: inner }];
    return timesIn(inner, `${path}/${key}`);
  });
}

describe('one clock', () => {
  it('writes the frozen clock’s time into every *At field of the resources it creates', async () => {
    const seen: { path: string; at: string }[] = [];
    const record = (label: string, body: unknown) => seen.push(...timesIn(body, label));

    // Sign-up now confirms a code first; the accounts the API itself creates are checked below (the expert).
    const leader = (await t.userWithToken('participant')).token;
    record('/me', (await t.http.get('/api/v1/me').set(bearer(leader)).expect(200)).body);

    const first17 = '91450100000007777';
    const unitBody = (
      await t.http
        .post('/api/v1/editions/current/units')
        .set(bearer(leader))
        .send({
          name: '时钟测试科技有限公司',
          type: 'enterprise',
          creditCode: first17 + creditCodeCheckCharacter(first17),
        })
        .expect(201)
    ).body;
    record('/unit', unitBody);

    const team = await t.http
      .post('/api/v1/teams')
      .set(bearer(leader))
      .send({
        name: '时钟团队',
        track: 'society',
        entrantKind: 'units',
        units: [{ unitId: unitBody.id, isLead: true }],
      })
      .expect(201);
    record('/team', team.body);
    record(
      '/pledge',
      (await t.http.post(`/api/v1/teams/${team.body.id}/pledge`).set(bearer(leader)).send({ accept: true }).expect(200))
        .body,
    );
    record(
      '/annotation',
      (
        await t.http
          .post(`/api/v1/teams/${team.body.id}/annotations`)
          .set(bearer(admin.token))
          .send({ body: '时钟检查' })
          .expect(201)
      ).body,
    );

    const expert = await t.http
      .post('/api/v1/experts')
      .set(bearer(admin.token))
      .send({ email: 'clock-expert@example.test', displayName: '时钟专家', affiliationName: '时钟研究院' })
      .expect(201);
    record('/expert', expert.body);

    const users = await t.http.get('/api/v1/users?limit=200').set(bearer(admin.token)).expect(200);
    record(
      '/users',
      users.body.items.filter((user: { id: string }) => user.id === expert.body.id),
    );

    record(
      '/topic',
      (
        await t.http
          .post('/api/v1/editions/current/topics')
          .set(bearer(admin.token))
          .send({ fieldCode: 'healthcare', title: '时钟赛题' })
          .expect(201)
      ).body,
    );

    const rounds = await t.http.get('/api/v1/editions/current/review-rounds').set(bearer(admin.token)).expect(200);
    const preliminary = rounds.body.items.find((round: { kind: string }) => round.kind === 'preliminary');
    const rubrics = await t.http
      .get(`/api/v1/review-rounds/${preliminary.id}/rubrics`)
      .set(bearer(admin.token))
      .expect(200);
    const [rubric] = rubrics.body.items;
    record(
      '/rubric',
      (
        await t.http
          .put(`/api/v1/review-rounds/${preliminary.id}/rubrics/${rubric.directionCode}`)
          .set(bearer(admin.token))
          .send({ criteria: rubric.criteria })
          .expect(200)
      ).body,
    );

    const paths = seen.map((entry) => entry.path);
    for (const expected of [
      '/me/createdAt',
      '/unit/createdAt',
      '/team/createdAt',
      '/team/updatedAt',
      '/pledge/pledgeAcceptedAt',
      '/annotation/createdAt',
      '/users/0/createdAt',
      '/rubric/updatedAt',
    ])
      expect(paths).toContain(expected);
    const wrong = seen.filter((entry) => Date.parse(entry.at) !== Date.parse(FROZEN));
    expect(wrong).toEqual([]);
  });
});
