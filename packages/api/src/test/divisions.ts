import type { TestApp } from './app.js';

/** A user of a test app with a valid access token. */
export type TestUser = { id: string; token: string };

export const auth = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

/** The 2025 timeline of the two-division fixture. */
export const STAGES_2025 = [
  { code: 'collection', startsAt: '2025-06-01T00:00:00+08:00', endsAt: '2025-08-16T00:00:00+08:00' },
  { code: 'preliminary', startsAt: '2025-08-16T00:00:00+08:00', endsAt: '2025-09-01T00:00:00+08:00' },
  { code: 'final', startsAt: '2025-09-01T00:00:00+08:00', endsAt: '2025-10-01T00:00:00+08:00' },
  { code: 'promotion', startsAt: '2025-10-01T00:00:00+08:00', endsAt: null },
];

/** A moment of the 2025 collection stage, the clock the fixture expects. */
export const DURING_COLLECTION_2025 = '2025-07-15T10:00:00+08:00';

export interface TwoDivisions {
  /** An organizer without a scope: every edition. */
  platform: TestUser;
  /** One organizer kept to each division, through the API. */
  organizers: Record<'guangxi' | 'jiangsu' | 'national', TestUser>;
}

/**
 * The 2025 national edition with two published division editions, all through the API: the
 * 全国 and 江苏 divisions added, 广西 cloned from 2024, 江苏 created from scratch, and an organizer
 * kept to each division. Used by the tests of scope (SPEC §9) and of the one-division rule (R-DIV-1).
 */
export async function setUpTwoDivisions(t: TestApp): Promise<TwoDivisions> {
  const platform = await t.userWithToken('admin');
  const as = (path: string, body: object, status: number) =>
    t.http.post(path).set(auth(platform)).send(body).expect(status);
  await as('/api/v1/divisions', { code: 'national', name: '全国总决赛', kind: 'national' }, 201);
  await as('/api/v1/divisions', { code: 'jiangsu', name: '江苏分赛', kind: 'provincial' }, 201);
  await as(
    '/api/v1/editions',
    {
      code: '2025-national',
      year: 2025,
      divisionCode: 'national',
      name: '2025年"数据要素×"大赛全国总决赛',
      stages: STAGES_2025,
    },
    201,
  );
  await as('/api/v1/editions/2024-guangxi/clone', { code: '2025-guangxi', year: 2025, parent: '2025-national' }, 201);
  await as(
    '/api/v1/editions',
    {
      code: '2025-jiangsu',
      year: 2025,
      divisionCode: 'jiangsu',
      parent: '2025-national',
      name: '2025年"数据要素×"大赛江苏分赛',
      stages: STAGES_2025,
    },
    201,
  );
  for (const code of ['2025-national', '2025-guangxi', '2025-jiangsu'])
    await t.http.post(`/api/v1/editions/${code}/publish`).set(auth(platform)).expect(200);

  const organizers = {} as TwoDivisions['organizers'];
  for (const division of ['guangxi', 'jiangsu', 'national'] as const) {
    organizers[division] = await t.userWithToken('admin');
    await t.http
      .put(`/api/v1/users/${organizers[division].id}/division`)
      .set(auth(platform))
      .send({ division })
      .expect(200);
  }
  return { platform, organizers };
}
