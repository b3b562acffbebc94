import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { pdfBytes } from '../../test/sample-files.js';
import { teams, units } from '../teams/tables.js';

let t: TestApp;
let admin: { id: string; token: string };
let participant: { id: string; token: string };
const auth = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
  participant = await t.userWithToken('participant');
});
afterAll(() => t.close());

const stages2026 = [
  { code: 'collection', startsAt: '2026-06-01T00:00:00+08:00', endsAt: '2026-08-01T00:00:00+08:00' },
  { code: 'preliminary', startsAt: '2026-08-01T00:00:00+08:00', endsAt: '2026-09-01T00:00:00+08:00' },
  { code: 'final', startsAt: '2026-09-01T00:00:00+08:00', endsAt: '2026-10-01T00:00:00+08:00' },
  { code: 'promotion', startsAt: '2026-10-01T00:00:00+08:00', endsAt: null },
];
const scratch = {
  code: '2026-guangxi',
  year: 2026,
  divisionCode: 'guangxi',
  name: '2026年"数据要素×"大赛广西分赛',
  theme: '数据赋能',
  stages: stages2026,
};

describe('an edition from scratch', () => {
  it('creates a draft with the standard vocabulary, hidden from the public until published', async () => {
    const created = await t.http.post('/api/v1/editions').set(auth(admin)).send(scratch).expect(201);
    expect(created.body).toMatchObject({
      code: '2026-guangxi',
      status: 'draft',
      divisionCode: 'guangxi',
      division: '广西分赛',
    });

    expectProblem(await t.http.get('/api/v1/editions/2026-guangxi'), 404, 'EDITION_NOT_FOUND');
    expectProblem(
      await t.http.get('/api/v1/editions/2026-guangxi/fields').set(auth(participant)),
      404,
      'EDITION_NOT_FOUND',
    );
    // A token that does not verify makes a public read anonymous: not refused, and shown no draft.
    expectProblem(
      await t.http.get('/api/v1/editions/2026-guangxi/fields').set({ authorization: `Bearer ${admin.token}x` }),
      404,
      'EDITION_NOT_FOUND',
    );
    await t.http.get('/api/v1/editions/current').set({ authorization: 'Bearer not-a-token' }).expect(200);
    const publicList = await t.http.get('/api/v1/editions').expect(200);
    expect(publicList.body.items.map((edition: { code: string }) => edition.code)).not.toContain('2026-guangxi');
    const organizerList = await t.http.get('/api/v1/editions?status=draft').set(auth(admin)).expect(200);
    expect(organizerList.body.items.map((edition: { code: string }) => edition.code)).toEqual(['2026-guangxi']);

    const fields = await t.http.get('/api/v1/editions/2026-guangxi/fields').set(auth(admin)).expect(200);
    expect(fields.body.items).toHaveLength(12);
    const awards = await t.http.get('/api/v1/editions/2026-guangxi/award-categories').set(auth(admin)).expect(200);
    expect(awards.body.tracks.map((track: { awardCategories: unknown[] }) => track.awardCategories.length)).toEqual([
      3, 2,
    ]);
    const timeline = await t.http.get('/api/v1/editions/2026-guangxi/stages').set(auth(admin)).expect(200);
    expect(timeline.body.stages[0]).toMatchObject({ code: 'collection', startsAt: '2026-06-01T00:00:00.000+08:00' });

    const published = await t.http.post('/api/v1/editions/2026-guangxi/publish').set(auth(admin)).expect(200);
    expect(published.body.status).toBe('published');
    await t.http.get('/api/v1/editions/2026-guangxi').expect(200);
    expectProblem(
      await t.http.post('/api/v1/editions/2026-guangxi/publish').set(auth(admin)),
      409,
      'EDITION_STATUS_CONFLICT',
    );

    const archived = await t.http.post('/api/v1/editions/2026-guangxi/archive').set(auth(admin)).expect(200);
    expect(archived.body.status).toBe('archived');
    expectProblem(
      await t.http.patch('/api/v1/editions/2026-guangxi').set(auth(admin)).send({ theme: '改' }),
      409,
      'EDITION_ARCHIVED',
    );
  });

  it('refuses a taken code, a timeline with a missing stage, an unknown division and non-organizers', async () => {
    expectProblem(
      await t.http
        .post('/api/v1/editions')
        .set(auth(admin))
        .send({ ...scratch, code: '2024-guangxi' }),
      409,
      'EDITION_CODE_TAKEN',
    );
    const incomplete = expectProblem(
      await t.http
        .post('/api/v1/editions')
        .set(auth(admin))
        .send({ ...scratch, code: '2027-guangxi', stages: [...stages2026.slice(0, 3), stages2026[2]] }),
      422,
      'STAGES_INCOMPLETE',
    );
    expect(incomplete.errors).toEqual([expect.objectContaining({ path: '/body/stages' })]);
    expectProblem(
      await t.http
        .post('/api/v1/editions')
        .set(auth(admin))
        .send({ ...scratch, code: '2027-x', divisionCode: 'atlantis' }),
      422,
      'DIVISION_NOT_FOUND',
    );
    expectProblem(await t.http.post('/api/v1/editions').set(auth(participant)).send(scratch), 403, 'FORBIDDEN');
    expectProblem(await t.http.post('/api/v1/editions').send(scratch), 401, 'UNAUTHORIZED');
  });
});

describe('cloning a season', () => {
  it('copies the setup of 2024 into a 2025 draft, dates moved one year, and no entrants', async () => {
    await t.http
      .put('/api/v1/editions/2024-guangxi/award-quotas')
      .set(auth(admin))
      .send({ quotas: [{ trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'first', quota: 2 }] })
      .expect(200);
    const source = await t.http.get('/api/v1/editions/2024-guangxi/topics').expect(200);

    const clone = await t.http
      .post('/api/v1/editions/2024-guangxi/clone')
      .set(auth(admin))
      .send({ code: '2025-guangxi', year: 2025 })
      .expect(201);
    expect(clone.body).toMatchObject({
      code: '2025-guangxi',
      name: '2025年"数据要素×"大赛广西分赛',
      year: 2025,
      status: 'draft',
      divisionCode: 'guangxi',
      theme: '乘数而上，数创未来',
      nationalFinalAt: '2025-11-30T23:59:59.000+08:00',
    });
    expect(clone.body.contacts).toHaveLength(3);

    const topics = await t.http.get('/api/v1/editions/2025-guangxi/topics').set(auth(admin)).expect(200);
    expect(topics.body.items.map((topic: { title: string }) => topic.title)).toEqual(
      source.body.items.map((topic: { title: string }) => topic.title),
    );
    expect(topics.body.items.every((topic: { editionId: string }) => topic.editionId === clone.body.id)).toBe(true);

    const timeline = await t.http.get('/api/v1/editions/2025-guangxi/stages').set(auth(admin)).expect(200);
    expect(timeline.body.stages.map((stage: { startsAt: string }) => stage.startsAt)).toEqual([
      '2025-06-24T00:00:00.000+08:00',
      '2025-08-16T00:00:00.000+08:00',
      '2025-09-01T00:00:00.000+08:00',
      '2025-10-01T00:00:00.000+08:00',
    ]);
    const events = await t.http.get('/api/v1/editions/2025-guangxi/events').set(auth(admin)).expect(200);
    expect(events.body.items[0]).toMatchObject({
      title: '2025年"数据要素×"大赛广西分赛推荐会',
      startsAt: '2025-07-26T09:00:00.000+08:00',
    });

    const quotas = await t.http.get('/api/v1/editions/2025-guangxi/award-quotas').set(auth(admin)).expect(200);
    expect(quotas.body.items).toEqual([expect.objectContaining({ awardCategoryCode: 'product_award', quota: 2 })]);
    const rounds = await t.http.get('/api/v1/editions/2025-guangxi/review-rounds').set(auth(admin)).expect(200);
    const sourceRounds = await t.http.get('/api/v1/editions/2024-guangxi/review-rounds').set(auth(admin)).expect(200);
    expect(rounds.body.items.map((round: { kind: string }) => round.kind).sort()).toEqual(
      sourceRounds.body.items.map((round: { kind: string }) => round.kind).sort(),
    );
    expect(rounds.body.items.every((round: { status: string }) => round.status === 'draft')).toBe(true);

    expect(await t.db.$count(teams, eq(teams.editionId, clone.body.id))).toBe(0);
    expect(await t.db.$count(units, eq(units.editionId, clone.body.id))).toBe(0);
  });

  it('lets the organizer adjust every setting, the whole timeline and the events before publishing', async () => {
    const changed = await t.http
      .patch('/api/v1/editions/2025-guangxi')
      .set(auth(admin))
      .send({
        theme: '数据要素×，赋能千行百业',
        contacts: [{ name: '联系人', phone: '0771-0000000' }],
        organizers: { guidance: ['国家数据局'], host: ['广西壮族自治区大数据发展局'], undertaker: [] },
      })
      .expect(200);
    expect(changed.body).toMatchObject({ theme: '数据要素×，赋能千行百业', contacts: [{ name: '联系人' }] });

    // Moving every stage two weeks later at once passes through no overlap.
    const moved = await t.http
      .put('/api/v1/editions/2025-guangxi/stages')
      .set(auth(admin))
      .send({
        stages: [
          { code: 'collection', startsAt: '2025-07-01T00:00:00+08:00', endsAt: '2025-08-30T00:00:00+08:00' },
          { code: 'preliminary', startsAt: '2025-08-30T00:00:00+08:00', endsAt: '2025-09-15T00:00:00+08:00' },
          { code: 'final', startsAt: '2025-09-15T00:00:00+08:00', endsAt: '2025-10-15T00:00:00+08:00' },
          { code: 'promotion', startsAt: '2025-10-15T00:00:00+08:00', endsAt: null },
        ],
      })
      .expect(200);
    expect(moved.body.stages[0].endsAt).toBe('2025-08-30T00:00:00.000+08:00');
    expectProblem(
      await t.http
        .put('/api/v1/editions/2025-guangxi/stages')
        .set(auth(admin))
        .send({
          stages: [{ code: 'collection', startsAt: '2025-07-01T00:00:00+08:00', endsAt: '2025-09-20T00:00:00+08:00' }],
        }),
      422,
      'STAGES_OVERLAP',
    );

    const event = await t.http
      .post('/api/v1/editions/2025-guangxi/events')
      .set(auth(admin))
      .send({ title: '赛题发布会', startsAt: '2025-07-05T09:00:00+08:00', agenda: [{ title: '赛题解读' }] })
      .expect(201);
    await t.http.patch(`/api/v1/events/${event.body.id}`).set(auth(admin)).send({ venue: '南宁' }).expect(200);
    const events = await t.http.get('/api/v1/editions/2025-guangxi/events').set(auth(admin)).expect(200);
    expect(events.body.items.map((item: { title: string }) => item.title)).toContain('赛题发布会');
    await t.http.delete(`/api/v1/events/${event.body.id}`).set(auth(admin)).expect(204);
    expectProblem(await t.http.delete(`/api/v1/events/${event.body.id}`).set(auth(admin)), 404, 'EVENT_NOT_FOUND');
  });

  it('runs a team through the published 2025 season', async () => {
    // Drafts take no entrants: the edition does not exist for them.
    t.clock.set('2025-07-15T10:00:00+08:00');
    const leader = await t.userWithToken('participant');
    expectProblem(
      await t.http
        .post('/api/v1/teams')
        .set(auth(leader))
        .send({ edition: '2025-guangxi', name: '新赛季团队', track: 'society', entrantKind: 'individual' }),
      404,
      'EDITION_NOT_FOUND',
    );
    await t.http.post('/api/v1/editions/2025-guangxi/publish').set(auth(admin)).expect(200);

    // The 2025 season is now `current` of the default division; a client may still look at 2024.
    expect((await t.http.get('/api/v1/editions/current').expect(200)).body.code).toBe('2025-guangxi');
    expect(
      (await t.http.get('/api/v1/editions/current').set('saishi-edition', '2024-guangxi').expect(200)).body.code,
    ).toBe('2024-guangxi');
    expect((await t.http.get('/api/v1/editions/current').set('saishi-division', 'guangxi').expect(200)).body.code).toBe(
      '2025-guangxi',
    );

    const team = await t.http
      .post('/api/v1/teams')
      .set(auth(leader))
      .send({ name: '新赛季团队', track: 'society', entrantKind: 'individual' })
      .expect(201);
    expect(team.body.editionId).toBe((await t.http.get('/api/v1/editions/2025-guangxi').expect(200)).body.id);
    await t.http.post(`/api/v1/teams/${team.body.id}/pledge`).set(auth(leader)).send({ accept: true }).expect(200);
    await t.http
      .put(`/api/v1/teams/${team.body.id}/commitment-letter`)
      .set(auth(leader))
      .attach('file', pdfBytes(), '承诺书.pdf')
      .expect(200);
    await t.http.post(`/api/v1/teams/${team.body.id}/submit`).set(auth(leader)).expect(200);
    const approved = await t.http
      .post(`/api/v1/teams/${team.body.id}/qualification`)
      .set(auth(admin))
      .send({ decision: 'approve' })
      .expect(200);
    expect(approved.body.qualificationStatus).toBe('approved');

    const topics = await t.http.get('/api/v1/editions/current/topics?field=transportation').expect(200);
    const project = await t.http
      .post(`/api/v1/teams/${team.body.id}/project`)
      .set(auth(leader))
      .send({
        title: '2025 交通流量预测模型',
        category: 'modeling',
        summary: '基于公共数据的交通流量预测',
        topicScope: 'single_field',
        topicIds: [topics.body.items[0].id],
        dataSources: [{ kind: 'public_catalog', name: '道路交通流量数据' }],
        technology: { privacyComputing: true },
        completeBeforeNationalFinal: true,
      })
      .expect(201);
    await t.http
      .post(`/api/v1/projects/${project.body.id}/files?kind=proposal`)
      .set(auth(leader))
      .attach('file', pdfBytes(4000), { filename: '申报书.pdf', contentType: 'application/pdf' })
      .expect(201);
    await t.http.post(`/api/v1/projects/${project.body.id}/versions`).set(auth(leader)).expect(201);

    const listed = await t.http.get('/api/v1/projects').set(auth(admin)).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([project.body.id]);
    const last = await t.http.get('/api/v1/projects?edition=2024-guangxi').set(auth(admin)).expect(200);
    expect(last.body.items.map((item: { id: string }) => item.id)).not.toContain(project.body.id);
  });
});
