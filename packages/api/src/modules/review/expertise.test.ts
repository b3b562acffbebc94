import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_FINAL, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { projectTopics } from '../projects/tables.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';

// Expertise matching (issue 16.3): experts declare fields and topics; automatic assignment prefers
// a topic match to a field match among equally loaded, conflict-free experts, and reports both.

let t: TestApp;
let admin: { id: string; token: string };
let roundId: string;
let projectId: string;
let topicId: string;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function newExpert(name: string, profile: object): Promise<string> {
  const response = await t.http
    .post('/api/v1/experts')
    .set(auth(admin.token))
    .send({ email: `${name}@example.test`, displayName: name, affiliationName: `${name}单位`, ...profile });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

beforeAll(async () => {
  t = await createTestApp({ now: DURING_FINAL });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  roundId = list.body.items.find((round: { kind: string }) => round.kind === 'final').id;
  const unit = await createUnit(t.db, editionId, { name: '专长匹配单位', creditCode: fakeCreditCode(892_000) });
  projectId = (
    await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id], fieldCode: 'healthcare' })
  ).projectId;
  const [topic] = await t.db.select().from(projectTopics).where(eq(projectTopics.projectId, projectId));
  topicId = topic!.topicId;
  await t.db.execute(
    sql`insert into round_projects (round_id, project_id, added_at) values (${roundId}, ${projectId}, ${t.clock.now()})`,
  );
  await t.http
    .patch(`/api/v1/review-rounds/${roundId}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: 1 })
    .expect(200);
});
afterAll(() => t.close());

describe('experts’ declared topics in automatic assignment', () => {
  let byTopic: string;
  let byField: string;

  it('keeps the topics an expert declares, and refuses an unknown topic', async () => {
    byField = await newExpert('field-expert', { fieldCodes: ['healthcare'] });
    byTopic = await newExpert('topic-expert', { topicIds: [topicId] });
    const expert = await t.http.get(`/api/v1/experts/${byTopic}`).set(auth(admin.token)).expect(200);
    expect(expert.body).toMatchObject({ fieldCodes: [], topicIds: [topicId] });
    const unknown = await t.http
      .patch(`/api/v1/experts/${byField}`)
      .set(auth(admin.token))
      .send({ topicIds: ['00000000-0000-4000-8000-00000000abcd'] });
    expectProblem(unknown, 404, 'TOPIC_NOT_FOUND');
    const after = await t.http.get(`/api/v1/experts/${byField}`).set(auth(admin.token)).expect(200);
    expect(after.body.topicIds).toEqual([]);
  });

  it('lets an expert declare their own fields and topics, but not their affiliation or someone else’s', async () => {
    const token = t.app.jwt.sign({ sub: byField, role: 'expert' });
    const own = await t.http
      .patch(`/api/v1/experts/${byField}`)
      .set(auth(token))
      .send({ fieldCodes: ['healthcare'], topicIds: [] });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body).toMatchObject({ fieldCodes: ['healthcare'], topicIds: [] });
    expectProblem(
      await t.http.patch(`/api/v1/experts/${byField}`).set(auth(token)).send({ affiliationName: '换个单位' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await t.http.patch(`/api/v1/experts/${byTopic}`).set(auth(token)).send({ topicIds: [] }),
      403,
      'FORBIDDEN',
    );
  });

  it('gives the project to the expert of its topic rather than the one of its field, and reports both matches', async () => {
    await t.http.post(`/api/v1/review-rounds/${roundId}/open`).set(auth(admin.token)).send({}).expect(200);
    const run = await t.http.post(`/api/v1/review-rounds/${roundId}/assignments/auto`).set(auth(admin.token));
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.topicMatch).toEqual({ matched: 1, assignments: 1, share: 1 });
    expect(run.body.fieldMatch).toEqual({ matched: 0, assignments: 1, share: 0 });
    const assigned = await t.http
      .get(`/api/v1/assignments?roundId=${roundId}&projectId=${projectId}`)
      .set(auth(admin.token))
      .expect(200);
    expect(assigned.body.items.map((row: { expertId: string }) => row.expertId)).toEqual([byTopic]);
    const ledger = await t.http.get('/api/v1/ledger?action=assignments.auto').set(auth(admin.token)).expect(200);
    expect(ledger.body.items[0].payload).toMatchObject({ topicMatched: 1, fieldMatched: 0 });
  });
});
