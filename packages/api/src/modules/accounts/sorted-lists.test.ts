import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../lib/rows.js';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';

// The organizers' lists of accounts and experts, ordered by the server (issue 17, item 9): each
// order pages with its own keyset, and equals the database's own order (and collation).

let t: TestApp;
let admin: { id: string; token: string };
const auth = () => ({ authorization: `Bearer ${admin.token}` });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
  // Names out of creation order, so that the orders differ.
  for (const [index, name] of ['赵专家', '安专家', '钱专家'].entries()) {
    await t.http
      .post('/api/v1/experts')
      .set(auth())
      .send({ email: `sorted${index}@example.test`, displayName: name, affiliationName: `${'丙乙甲'[index]}研究院` })
      .expect(201);
  }
});
afterAll(async () => t.close());

/** Every item of a list in the order asked, two by two. */
async function everything(path: string, sort: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
      .get(`${path}?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)
      .set(auth())
      .expect(200);
    seen.push(...page.body.items.map((item) => item.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return seen;
}

const ids = async (query: ReturnType<typeof sql>) => (await sqlRows<{ id: string }>(t.db, query)).map((row) => row.id);

describe('sorted lists', () => {
  it('orders the accounts by creation either way or by name', async () => {
    const oldest = await everything('/api/v1/users', 'oldest');
    expect(oldest).toEqual(await ids(sql`select id from users order by created_at, id`));
    expect(await everything('/api/v1/users', 'newest')).toEqual(
      await ids(sql`select id from users order by created_at desc, id desc`),
    );
    const byName = await everything('/api/v1/users', 'name');
    expect(byName).toEqual(await ids(sql`select id from users order by display_name, id`));
    expect(byName).not.toEqual(oldest);
  });

  it('orders the experts by name, by affiliation or newest first, by name when not told', async () => {
    const byName = await everything('/api/v1/experts', 'name');
    expect(byName).toEqual(
      await ids(sql`select u.id from expert_profiles p join users u on u.id = p.user_id order by u.display_name, u.id`),
    );
    const unsorted = await t.http.get('/api/v1/experts?limit=200').set(auth()).expect(200);
    expect(unsorted.body.items.map((item: { id: string }) => item.id)).toEqual(byName);
    const byAffiliation = await everything('/api/v1/experts', 'affiliation');
    expect(byAffiliation).toEqual(
      await ids(sql`select user_id as id from expert_profiles order by affiliation_name, user_id`),
    );
    expect(byAffiliation).not.toEqual(byName);
    expect(await everything('/api/v1/experts', 'newest')).toEqual(
      await ids(sql`select user_id as id from expert_profiles order by created_at desc, user_id desc`),
    );
  });

  it('keeps a cursor to its order and refuses an order it does not know', async () => {
    const page = await t.http.get('/api/v1/users?limit=1&sort=name').set(auth()).expect(200);
    expectProblem(
      await t.http.get(`/api/v1/users?limit=1&sort=oldest&cursor=${page.body.nextCursor}`).set(auth()),
      400,
      'INVALID_CURSOR',
    );
    expectProblem(await t.http.get('/api/v1/users?sort=role').set(auth()), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http.get('/api/v1/experts?sort=score').set(auth()), 400, 'VALIDATION_FAILED');
  });
});
