import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/tables.js';
import { createTestApp, expectProblem, type TestApp } from '../test/app.js';
import { encodeCursor } from './pagination.js';

// Keyset cursors: a forged one is a 400, never a failing query, and paging is exact to the
// microsecond PostgreSQL keeps, so rows created within one millisecond are all listed.

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

const LISTS = [
  '/api/v1/experts',
  '/api/v1/assignments',
  '/api/v1/results?edition=current',
  '/api/v1/ledger',
  '/api/v1/users',
  '/api/v1/editions/current/units',
  '/api/v1/blacklists',
  '/api/v1/teams',
  '/api/v1/projects',
];

const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const FORGED = [
  encodeCursor(['x', 'y']),
  encodeCursor(['x']),
  encodeCursor([1, 2, 3, 4, 5]),
  raw(JSON.stringify([['x'], randomUUID()])),
  encodeCursor(['a\u0000b', randomUUID()]),
  encodeCursor([1e300, 'x', 'y', 2, randomUUID()]),
  raw('{"a":1}'),
  raw('[null]'),
  raw('not json'),
  '!!!',
];

describe('forged cursors', () => {
  it.each(LISTS)('are refused with 400 INVALID_CURSOR on %s', async (list) => {
    for (const cursor of FORGED) {
      const separator = list.includes('?') ? '&' : '?';
      const response = await t.http
        .get(`${list}${separator}cursor=${encodeURIComponent(cursor)}`)
        .set('authorization', `Bearer ${admin.token}`);
      const body = expectProblem(response, 400, 'INVALID_CURSOR');
      expect(body.errors).toEqual([expect.objectContaining({ path: '/querystring/cursor' })]);
    }
  });
});

describe('an instant in a cursor', () => {
  it('must carry microseconds, as PostgreSQL keeps them', async () => {
    for (const instant of ['2024-07-01T00:00:00.000Z', '2024-07-01 00:00:00', '2024-02-30T00:00:00.000000Z']) {
      const response = await t.http
        .get('/api/v1/users')
        .query({ cursor: encodeCursor([instant, randomUUID()]) })
        .set('authorization', `Bearer ${admin.token}`);
      expectProblem(response, 400, 'INVALID_CURSOR');
    }
  });
});

describe('paging through rows created within one millisecond', () => {
  it('lists every user exactly once, a page of one at a time', async () => {
    const tag = randomUUID().slice(0, 8);
    const ids: string[] = [];
    for (const micros of [100, 200, 300, 400]) {
      const [user] = await t.db
        .insert(users)
        .values({
          email: `same-ms-${micros}-${tag}@example.test`,
          passwordHash: 'not-a-login',
          displayName: `同毫秒 ${tag}`,
          role: 'participant',
          createdAt: sql`${`2024-07-01T00:00:00.000${micros}Z`}::timestamptz`,
        })
        .returning({ id: users.id });
      ids.push(user!.id);
    }
    const seen: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null; total: number } = (
        await t.http
          .get('/api/v1/users')
          .query({ q: tag, limit: 1, ...(cursor ? { cursor } : {}) })
          .set('authorization', `Bearer ${admin.token}`)
          .expect(200)
      ).body;
      seen.push(...page.items.map((user) => user.id));
      totals.push(page.total);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(ids);
    // Every page counts what the filter matches on all pages, not what is left after its cursor.
    expect(totals).toEqual([4, 4, 4, 4]);
  });
});

describe('a list’s total', () => {
  it.each(LISTS)('counts the items of every page together on %s', async (list) => {
    const separator = list.includes('?') ? '&' : '?';
    const first = await t.http.get(`${list}${separator}limit=1`).set('authorization', `Bearer ${admin.token}`);
    expect(first.status).toBe(200);
    const whole = await t.http.get(`${list}${separator}limit=200`).set('authorization', `Bearer ${admin.token}`);
    expect(whole.body.nextCursor).toBeNull(); // the test database holds fewer than 200 of each
    expect(first.body.total).toBe(whole.body.items.length);
    expect(whole.body.total).toBe(whole.body.items.length);
  });
});
