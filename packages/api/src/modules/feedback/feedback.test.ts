import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { mailingConfig, startMailbox } from '../../test/mail.js';
import { users } from '../accounts/tables.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from '../review/fixtures.js';

// Issue 15.5: a team reads what organizers chose to publish of a closed round (outcome, scores,
// anonymized comments), never before, never another team's, never who reviewed it.

let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let admin: { id: string; token: string };
let rounds: { preliminary: string; final: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const participant = (userId: string) => t.app.jwt.sign({ sub: userId, role: 'participant' });

/** Each project's experts give this fraction of every criterion's max. */
const PROJECTS = [
  { key: 'high', f: 0.9, title: '反馈测试高分作品' },
  { key: 'mid', f: 0.7, title: '反馈测试中分作品' },
  { key: 'low', f: 0.5, title: '反馈测试低分作品' },
] as const;
type Key = (typeof PROJECTS)[number]['key'];
const entries = new Map<Key, { projectId: string; teamId: string; leaderId: string; email: string }>();
const experts: { id: string; name: string; email: string }[] = [];
/** Every expert who reviewed, and the overall comments written per project. */
const reviewers = new Set<string>();
const written = new Map<Key, string[]>();

async function scoreEverything() {
  const page = await t.http
    .get(`/api/v1/assignments?roundId=${rounds.preliminary}&limit=200`)
    .set(auth(admin.token))
    .expect(200);
  for (const assignment of page.body.items as { id: string; projectId: string; expertId: string }[]) {
    const project = PROJECTS.find((item) => entries.get(item.key)?.projectId === assignment.projectId);
    if (!project) continue;
    const token = t.app.jwt.sign({ sub: assignment.expertId, role: 'expert' });
    const detail = await t.http.get(`/api/v1/assignments/${assignment.id}`).set(auth(token)).expect(200);
    const rubric = detail.body.rubric as { code: string; maxScore: number }[];
    reviewers.add(assignment.expertId);
    const comment = `${project.key} 总评：数据来源清楚（第 ${reviewers.size} 位）`;
    written.set(project.key, [...(written.get(project.key) ?? []), comment]);
    await t.http
      .post(`/api/v1/assignments/${assignment.id}/score/submit`)
      .set(auth(token))
      .send({
        values: Object.fromEntries(rubric.map((criterion) => [criterion.code, criterion.maxScore * project.f])),
        comments: { [rubric[0]!.code]: `${project.key} 的第一项说明` },
        comment,
      })
      .expect(200);
  }
}

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ now: DURING_PRELIMINARY, deliverMessages: true, config: mailingConfig(mailbox) });
  admin = await t.userWithToken('admin');
  const editionId = await currentEditionId(t.db);
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
  for (const [index, project] of PROJECTS.entries()) {
    const unit = await createUnit(t.db, editionId, {
      name: `反馈测试单位${index}`,
      creditCode: fakeCreditCode(8800 + index),
    });
    const created = await createProject(t.db, {
      editionId,
      trackCode: 'society',
      unitIds: [unit.id],
      title: project.title,
      teamName: `反馈测试队${index}`,
    });
    const [leader] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, created.leaderId));
    entries.set(project.key, { ...created, email: leader!.email! });
  }
  for (const name of ['反馈评审专家甲', '反馈评审专家乙']) {
    const email = `${name === '反馈评审专家甲' ? 'fb-jia' : 'fb-yi'}@example.test`;
    const invited = await t.http
      .post('/api/v1/experts')
      .set(auth(admin.token))
      .send({ email, displayName: name, affiliationName: `${name}所在研究院` });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    experts.push({ id: invited.body.id, name, email });
  }
  await t.http
    .patch(`/api/v1/review-rounds/${rounds.preliminary}`)
    .set(auth(admin.token))
    .send({ expertsPerProject: 2 })
    .expect(200);
  await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/open`).set(auth(admin.token)).expect(200);
  await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/assignments/auto`).set(auth(admin.token)).expect(200);
  await scoreEverything();
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const feedbackOf = (teamId: string, token: string) => t.http.get(`/api/v1/teams/${teamId}/feedback`).set(auth(token));
const change = (roundId: string, body: Record<string, unknown>, token = admin.token) =>
  t.http.patch(`/api/v1/review-rounds/${roundId}/feedback`).set(auth(token)).send(body);
const publish = (roundId: string, body: Record<string, unknown>, token = admin.token) =>
  t.http.post(`/api/v1/review-rounds/${roundId}/feedback`).set(auth(token)).send(body);

describe('feedback to teams', () => {
  it('refuses to publish an open round, a preliminary whose advancement is not decided, or a bad visibility', async () => {
    const high = entries.get('high')!;
    expectProblem(await publish(rounds.preliminary, { visibility: 'scores' }), 409, 'ROUND_NOT_CLOSED');
    await t.http.post(`/api/v1/review-rounds/${rounds.preliminary}/close`).set(auth(admin.token)).expect(200);
    expectProblem(await publish(rounds.preliminary, { visibility: 'scores' }), 409, 'ADVANCEMENT_NOT_DECIDED');
    expectProblem(await publish(rounds.final, { visibility: 'status' }), 409, 'ROUND_NOT_CLOSED');
    const bad = expectProblem(
      await publish(rounds.preliminary, { visibility: 'everything' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(bad.errors)).toContain('/body/visibility');
    const english = await publish(rounds.preliminary, {}).set('accept-language', 'en');
    expect(english.status).toBe(400);
    expect(JSON.stringify(english.body.errors)).toContain('/body/visibility');
    expectProblem(
      await publish(rounds.preliminary, { visibility: 'scores' }, participant(high.leaderId)),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await t.http.get(`/api/v1/review-rounds/${rounds.preliminary}/feedback`).set(auth(admin.token)),
      404,
      'FEEDBACK_NOT_PUBLISHED',
    );
  });

  it('shows a team nothing of a closed round before publication, and sends it no result', async () => {
    const high = entries.get('high')!;
    await t.http
      .post(`/api/v1/review-rounds/${rounds.preliminary}/advance`)
      .set(auth(admin.token))
      .send({ topK: 1 })
      .expect(200);
    const before = await feedbackOf(high.teamId, participant(high.leaderId)).expect(200);
    expect(before.body).toEqual({ items: [], nextCursor: null, total: 0 });
    const inbox = await t.http
      .get('/api/v1/me/notifications')
      .set(auth(participant(high.leaderId)))
      .expect(200);
    expect((inbox.body.items as { kind: string }[]).filter((item) => item.kind === 'round_results')).toEqual([]);
  });

  it('publishes once under concurrent requests and tells each team its outcome once', async () => {
    const answers = await Promise.all([
      publish(rounds.preliminary, { visibility: 'scores' }),
      publish(rounds.preliminary, { visibility: 'scores' }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const conflict = answers.find((answer) => answer.status === 409)!;
    expectProblem(conflict, 409, 'FEEDBACK_ALREADY_PUBLISHED');
    const read = await t.http.get(`/api/v1/review-rounds/${rounds.preliminary}/feedback`).set(auth(admin.token));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ roundId: rounds.preliminary, visibility: 'scores' });

    const advanced = await mailbox.mailTo(entries.get('high')!.email);
    expect(advanced.subject).toBe('初赛结果：反馈测试高分作品');
    expect(advanced.text).toContain('晋级决赛');
    const low = await mailbox.mailTo(entries.get('low')!.email);
    expect(low.subject).toBe('初赛结果：反馈测试低分作品');
    expect(low.text).toContain('未晋级决赛');
    // Not a security message: it carries the one-click unsubscribe headers (RFC 8058).
    const header = (name: string) => low.headerLines.find((line) => line.key === name)?.line ?? '';
    expect(header('list-unsubscribe')).toMatch(/<http[^>]*\/api\/v1\/unsubscribe\?token=[^>]+>/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const inbox = await t.http
      .get('/api/v1/me/notifications')
      .set(auth(participant(entries.get('low')!.leaderId)))
      .expect(200);
    expect((inbox.body.items as { kind: string }[]).filter((item) => item.kind === 'round_results')).toHaveLength(1);
  });

  it('gives the team its outcome, result, rank and numbered scores, without comments or who wrote them', async () => {
    const high = entries.get('high')!;
    const response = await feedbackOf(high.teamId, participant(high.leaderId)).expect(200);
    expect(response.body.items).toHaveLength(1);
    const [item] = response.body.items;
    expect(item).toMatchObject({
      roundId: rounds.preliminary,
      roundKind: 'preliminary',
      visibility: 'scores',
      projectId: high.projectId,
      projectTitle: '反馈测试高分作品',
      outcome: 'advanced',
      award: null,
      rank: 1,
    });
    expect(item.result).toBeCloseTo(90);
    expect(item.groupSize).toBeGreaterThanOrEqual(3);
    expect(item.criteria.length).toBeGreaterThan(0);
    expect(item.reviews.map((review: { reviewer: number }) => review.reviewer)).toEqual([1, 2]);
    expect(item.reviews[0].total).toBeCloseTo(90);
    expect(item.reviews[0]).not.toHaveProperty('comment');
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('总评');
    for (const id of reviewers) expect(text).not.toContain(id);
    for (const expert of experts) {
      expect(text).not.toContain(expert.name);
      expect(text).not.toContain(expert.email);
    }
    const low = entries.get('low')!;
    const lower = await feedbackOf(low.teamId, participant(low.leaderId)).expect(200);
    expect(lower.body.items[0]).toMatchObject({ outcome: 'not_advanced', rank: 3 });
  });

  it('lets only organizers change the visibility, of published feedback, with a reason', async () => {
    const high = entries.get('high')!;
    expectProblem(
      await change(rounds.preliminary, { visibility: 'comments', reason: '公开评语' }, participant(high.leaderId)),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await change(rounds.final, { visibility: 'comments', reason: '公开评语' }),
      404,
      'FEEDBACK_NOT_PUBLISHED',
    );
    const blank = expectProblem(
      await change(rounds.preliminary, { visibility: 'comments', reason: '  ' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(blank.errors)).toContain('/body/reason');
    expectProblem(
      await change(rounds.preliminary, { visibility: 'everything', reason: '公开' }),
      400,
      'VALIDATION_FAILED',
    );
    // Nothing of the unpublished final shows, whatever was changed.
    const read = await feedbackOf(high.teamId, participant(high.leaderId)).expect(200);
    expect(read.body.items.map((item: { roundKind: string }) => item.roundKind)).toEqual(['preliminary']);
    expect(
      (await t.http.get(`/api/v1/review-rounds/${rounds.preliminary}/feedback`).set(auth(admin.token))).body,
    ).toMatchObject({ visibility: 'scores' });
  });

  it('shows the comments, anonymized, once organizers widen the visibility', async () => {
    const widened = await change(rounds.preliminary, { visibility: 'comments', reason: '评审委员会同意公开匿名评语' });
    expect(widened.status, JSON.stringify(widened.body)).toBe(200);
    expect(widened.body).toMatchObject({ roundId: rounds.preliminary, visibility: 'comments' });
    const mid = entries.get('mid')!;
    const response = await feedbackOf(mid.teamId, participant(mid.leaderId)).expect(200);
    const [item] = response.body.items;
    expect(item.visibility).toBe('comments');
    const comments = (item.reviews as { comment: string }[]).map((review) => review.comment).sort();
    expect(comments).toEqual([...written.get('mid')!].sort());
    expect(comments).toHaveLength(2);
    for (const id of reviewers) expect(JSON.stringify(response.body)).not.toContain(id);

    await change(rounds.preliminary, { visibility: 'status', reason: '仅公开结果' }).expect(200);
    const status = await feedbackOf(mid.teamId, participant(mid.leaderId)).expect(200);
    expect(status.body.items[0]).toMatchObject({
      outcome: 'not_advanced',
      result: null,
      rank: null,
      groupSize: null,
      criteria: null,
      reviews: null,
    });
  });

  it('refuses another team, the experts who reviewed it and anyone signed out; organizers read it', async () => {
    const high = entries.get('high')!;
    const low = entries.get('low')!;
    expectProblem(await feedbackOf(high.teamId, participant(low.leaderId)), 403, 'NOT_TEAM_MEMBER');
    for (const id of reviewers) {
      const token = t.app.jwt.sign({ sub: id, role: 'expert' });
      expectProblem(await feedbackOf(high.teamId, token), 403, 'NOT_TEAM_MEMBER');
    }
    expect((await t.http.get(`/api/v1/teams/${high.teamId}/feedback`)).status).toBe(401);
    const organizer = await feedbackOf(high.teamId, admin.token).expect(200);
    expect(organizer.body.items).toHaveLength(1);
    expectProblem(await feedbackOf('00000000-0000-4000-8000-000000000000', admin.token), 404, 'TEAM_NOT_FOUND');
  });

  it('records each change of the visibility in the ledger, and nothing for no change', async () => {
    await change(rounds.preliminary, { visibility: 'status', reason: '再次确认' }).expect(200);
    const ledger = await t.http.get('/api/v1/ledger?limit=200').set(auth(admin.token)).expect(200);
    type Entry = { seq: number; action: string; subjectId: string; payload: Record<string, unknown> };
    const changes = (ledger.body.items as Entry[])
      .filter((item) => item.action === 'feedback.visibility_changed')
      .sort((a, b) => a.seq - b.seq);
    expect(changes.map((item) => item.payload)).toEqual([
      { kind: 'preliminary', from: 'scores', to: 'comments', reason: '评审委员会同意公开匿名评语' },
      { kind: 'preliminary', from: 'comments', to: 'status', reason: '仅公开结果' },
    ]);
    expect(changes.every((item) => item.subjectId === rounds.preliminary)).toBe(true);
    const verified = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(verified.body).toMatchObject({ valid: true });
  });

  it('records the publication in the ledger', async () => {
    const ledger = await t.http.get('/api/v1/ledger?limit=200').set(auth(admin.token)).expect(200);
    const entry = (ledger.body.items as { action: string; subjectId: string; payload: Record<string, unknown> }[]).find(
      (item) => item.action === 'feedback.published',
    );
    expect(entry).toMatchObject({
      subjectId: rounds.preliminary,
      payload: { kind: 'preliminary', visibility: 'scores' },
    });
  });
});
