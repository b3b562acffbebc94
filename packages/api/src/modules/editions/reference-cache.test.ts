import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { forgetReferenceData } from './reference-cache.js';
import { fields, topics } from './tables.js';

let t: TestApp;
let admin: { token: string };
beforeAll(async () => {
  t = await createTestApp({ config: { REFERENCE_CACHE_TTL_MS: 600_000 } });
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('edition reference data kept in memory (issue 12)', () => {
  it('answers hot reads from memory: a change made behind the API is not seen until forgotten', async () => {
    const before = await t.http.get('/api/v1/editions/current').expect(200);
    await t.db.execute(sql`update editions set theme = '缓存之外的改动' where code = '2024-guangxi'`);
    const cached = await t.http.get('/api/v1/editions/2024-guangxi').expect(200);
    expect(cached.body.theme).toBe(before.body.theme);

    forgetReferenceData(t.db);
    const fresh = await t.http.get('/api/v1/editions/current').expect(200);
    expect(fresh.body.theme).toBe('缓存之外的改动');
  });

  it('forgets at once what a write through the API changed, before the write answers', async () => {
    await t.http.get('/api/v1/editions/current').expect(200);
    const patched = await t.http
      .patch('/api/v1/editions/current')
      .set(auth(admin.token))
      .send({ theme: '乘数而上，数创未来' })
      .expect(200);
    expect(patched.body.theme).toBe('乘数而上，数创未来');
    const read = await t.http.get('/api/v1/editions/current').expect(200);
    expect(read.body.theme).toBe('乘数而上，数创未来');
  });

  it('lists a topic added behind the kept topic index by reading the index again', async () => {
    const team = await createTeamFixture(t, { status: 'approved' });
    const [topic] = await t.db
      .select({ id: topics.id, title: topics.title })
      .from(topics)
      .innerJoin(fields, eq(fields.id, topics.fieldId))
      .where(eq(fields.code, 'transportation'))
      .limit(1);
    const created = await t.http
      .post(`/api/v1/teams/${team.team.id}/project`)
      .set(auth(team.leader.token))
      .send({
        title: '缓存测试交通模型',
        category: 'modeling',
        summary: '交通流量预测',
        topicScope: 'single_field',
        topicIds: [topic!.id],
        dataSources: [{ kind: 'own', name: '自采集的卡口数据' }],
        technology: {},
        completeBeforeNationalFinal: true,
      })
      .expect(201);
    const titlesOf = async () => {
      const list = await t.http.get('/api/v1/projects').set(auth(admin.token)).expect(200);
      const listed = list.body.items.find((item: { id: string }) => item.id === created.body.id);
      return listed.topics.map((listedTopic: { title: string }) => listedTopic.title);
    };
    expect(await titlesOf()).toEqual([topic!.title]);
    // Behind the API, as another instance would: a topic of the same field, ordered first, and the
    // project naming it. The kept index has no such id.
    await t.db.execute(sql`
      with added as (
        insert into topics (edition_id, field_id, title, sort_order, created_at, updated_at)
        select edition_id, field_id, '缓存之外新增的赛题', -1, now(), now() from topics where id = ${topic!.id}
        returning id)
      insert into project_topics (project_id, topic_id) select ${created.body.id}::uuid, id from added`);
    expect(await titlesOf()).toEqual(['缓存之外新增的赛题', topic!.title]);
  });
});
