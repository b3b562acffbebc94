import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, type TestApp } from '../../test/app.js';
import { currentEditionId } from '../review/fixtures.js';
import { assignments } from '../review/tables.js';
import { rowListDigest } from './service.js';
import { ledgerEntries } from './tables.js';

let t: TestApp;
let admin: { id: string; token: string };
let preliminary: string;
const PROJECTS = 200;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const at = t.clock.now();
  // 200 approved teams with a submitted project each, loaded in bulk: the batch is the point here.
  await t.db.execute(sql`
    insert into users (email, display_name, role, password_hash, created_at)
    select 'batch-leader-' || g || '@example.test', 'Leader ' || g, 'participant', '!batch', ${at}
      from generate_series(1, ${PROJECTS}) g`);
  await t.db.execute(sql`
    insert into teams (edition_id, track_id, name, entrant_kind, leader_user_id, qualification_status, invite_code, created_at, updated_at)
    select ${editionId}, (select id from tracks where edition_id = ${editionId} and code = 'society'),
           'Batch team ' || g, 'individual', u.id, 'approved', 'BATCH' || g, ${at}, ${at}
      from generate_series(1, ${PROJECTS}) g join users u on u.email = 'batch-leader-' || g || '@example.test'`);
  await t.db.execute(sql`
    insert into projects (edition_id, team_id, title, direction_code, category_code, latest_version, created_at, updated_at)
    select edition_id, id, 'Batch project ' || name, 'product_innovation', 'data_product', 1, ${at}, ${at}
      from teams where name like 'Batch team %'`);
  await t.db.execute(sql`
    insert into project_versions (project_id, number, snapshot, submitted_at)
    select p.id, 1, jsonb_build_object('title', p.title, 'summary', '', 'direction', p.direction_code,
                                       'category', p.category_code, 'topics', '[]'::jsonb), ${at}
      from projects p where p.title like 'Batch project %'`);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  preliminary = list.body.items.find((round: { kind: string }) => round.kind === 'preliminary').id;
  await t.http
    .patch(`/api/v1/review-rounds/${preliminary}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: 5 })
    .expect(200);
  await t.http.post(`/api/v1/review-rounds/${preliminary}/open`).set(auth(admin.token)).expect(200);
});
afterAll(() => t.close());

describe('batch operations in the ledger', () => {
  it('records the enrollment of the round as a count and a digest of the project ids', async () => {
    const [entry] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.action, 'round.enrolled'));
    expect(entry).toMatchObject({ actorId: admin.id, subjectId: preliminary });
    expect((entry!.payload.projects as { count: number }).count).toBeGreaterThanOrEqual(PROJECTS);
    expect(JSON.stringify(entry!.payload).length).toBeLessThan(300);
  });

  it('records a 1,000-assignment auto-assignment as one small entry whose digest matches the rows', async () => {
    const response = await t.http
      .post(`/api/v1/review-rounds/${preliminary}/assignments/auto`)
      .set(auth(admin.token))
      .expect(200);
    expect(response.body.created).toBeGreaterThanOrEqual(5 * PROJECTS);
    const [entry] = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.action, 'assignments.auto'));
    expect(entry!.actorId).toBe(admin.id);
    expect(JSON.stringify(entry!.payload).length).toBeLessThan(300);
    const rows = await t.db
      .select({ id: assignments.id, projectId: assignments.projectId, expertId: assignments.expertUserId })
      .from(assignments)
      .where(eq(assignments.roundId, preliminary));
    expect(entry!.payload.created).toEqual(rowListDigest(rows.map((row) => [row.id, row.projectId, row.expertId])));
    expect(rowListDigest(rows.slice(1).map((row) => [row.id, row.projectId, row.expertId]))).not.toEqual(
      entry!.payload.created,
    );
  });
});
