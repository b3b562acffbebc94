import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { DURING_COLLECTION, DURING_FINAL, DURING_PRELIMINARY, expectProblem, type TestApp } from '../../test/app.js';
import { pdfBytes, pptxBytes } from '../../test/sample-files.js';
import { editions } from '../editions/tables.js';
import { createTeamFixture } from './fixtures.js';
import { projectVersions } from './tables.js';
import { bearer, openProjectsTestApp, projectHelpers, type ProjectsTestContext, type Topic } from './test-kit.js';

let context: ProjectsTestContext;
let t: TestApp;
let admin: ProjectsTestContext['admin'];

beforeAll(async () => {
  context = await openProjectsTestApp();
  ({ t, admin } = context);
});

afterAll(async () => {
  await t?.close();
});

const { topicOf, modelingBody, productBody, createProject, upload, readyProject, submit } = projectHelpers(
  () => context,
);

describe('the next steps of an approved team (issue 11 item 7)', () => {
  it('asks for the project, then its first version, then nothing', async () => {
    const team = await createTeamFixture(t);
    const steps = async () =>
      (await t.http.get(`/api/v1/teams/${team.team.id}`).set(bearer(team.leader.token)).expect(200)).body.missing as {
        step: string;
        params: Record<string, string>;
      }[];
    expect((await steps()).map((item) => item.step)).toEqual(['create_project', 'submit_version']);
    const created = await createProject(team, modelingBody('下一步测试'));
    expect(created.status).toBe(201);
    expect(await steps()).toMatchObject([{ step: 'submit_version', params: { projectId: created.body.id } }]);
    expect((await upload(created.body.id, team.member.token, 'proposal', pdfBytes(4000), '申报书.pdf')).status).toBe(
      201,
    );
    expect((await submit(created.body.id, team.leader.token)).status).toBe(201);
    expect(await steps()).toEqual([]);
  });
});

describe('one project per team (R-ALL-1)', () => {
  it('refuses a second project for the same team (R-ALL-1)', async () => {
    const team = await createTeamFixture(t);
    expect((await createProject(team, modelingBody())).status).toBe(201);
    expectProblem(await createProject(team, productBody()), 409, 'PROJECT_EXISTS', 'R-ALL-1');
  });

  it('lets exactly one of two concurrent creations win, by the database constraint (R-ALL-1)', async () => {
    const team = await createTeamFixture(t);
    const results = await Promise.all([
      createProject(team, modelingBody('并发一')),
      createProject(team, modelingBody('并发二')),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
    expectProblem(
      results.find((res) => res.status === 409)!,
      409,
      'PROJECT_EXISTS',
      'R-ALL-1',
    );
  });

  it('accepts a project only from a member of an approved team', async () => {
    const pending = await createTeamFixture(t, { status: 'submitted' });
    expectProblem(await createProject(pending, modelingBody()), 409, 'TEAM_NOT_APPROVED');
    const team = await createTeamFixture(t);
    const stranger = await t.userWithToken('participant');
    const res = await t.http
      .post(`/api/v1/teams/${team.team.id}/project`)
      .set(bearer(stranger.token))
      .send(modelingBody());
    expectProblem(res, 403, 'NOT_PROJECT_TEAM_MEMBER');
  });
});

describe('categories per track (R-CAT-1)', () => {
  it('refuses public_component for a university team (R-CAT-1)', async () => {
    const team = await createTeamFixture(t, { track: 'university', unit: { name: '广西大学', type: 'university' } });
    const res = await createProject(team, {
      ...productBody(),
      category: 'public_component',
      publicComponentKind: 'tool',
    });
    expectProblem(res, 422, 'CATEGORY_NOT_ALLOWED_FOR_TRACK', 'R-CAT-1');
  });

  it('accepts public_component with its kind for a society team (R-CAT-1)', async () => {
    const team = await createTeamFixture(t);
    const res = await createProject(team, {
      ...productBody(),
      category: 'public_component',
      publicComponentKind: 'knowledge',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      category: 'public_component',
      direction: 'product_innovation',
      publicComponentKind: 'knowledge',
    });
  });

  it('refuses a public component without its kind', async () => {
    const team = await createTeamFixture(t);
    expectProblem(
      await createProject(team, { ...productBody(), category: 'public_component' }),
      422,
      'PUBLIC_COMPONENT_KIND_REQUIRED',
    );
  });
});

describe('topics (R-TOPIC-1)', () => {
  it('refuses to delete a topic a project chose, saying so in words, never by the constraint name', async () => {
    const team = await createTeamFixture(t);
    expect((await createProject(team, modelingBody('赛题仍被引用的作品'))).status).toBe(201);
    const topic = `/api/v1/topics/${topicOf('transportation')}`;
    const refused = await t.http.delete(topic).set(bearer(admin.token)).set('accept-language', 'zh-CN');
    expectProblem(refused, 409, 'CONFLICT');
    expect(refused.body.detail).toBe('与现有数据冲突：该赛题仍被作品使用，或所引用的赛题不存在');
    const english = await t.http.delete(topic).set(bearer(admin.token)).set('accept-language', 'en');
    expect(english.body.detail).toBe(
      'Conflicts with existing data: The topic is still used by a project, or does not exist',
    );
  });

  it('refuses topics of two fields for a single-field project (R-TOPIC-1)', async () => {
    const team = await createTeamFixture(t);
    const res = await createProject(team, {
      ...modelingBody(),
      topicIds: [topicOf('transportation'), topicOf('healthcare')],
    });
    expectProblem(res, 422, 'TOPICS_NOT_IN_ONE_FIELD', 'R-TOPIC-1');
  });

  it('accepts topics across fields for a cross-field project, and refuses cross-field within one field (R-TOPIC-1)', async () => {
    const team = await createTeamFixture(t);
    const res = await createProject(team, {
      ...modelingBody(),
      topicScope: 'cross_field',
      topicIds: [topicOf('transportation'), topicOf('healthcare')],
    });
    expect(res.status).toBe(201);
    expect(res.body.topics.map((topic: Topic) => topic.fieldCode).sort()).toEqual(['healthcare', 'transportation']);
    const other = await createTeamFixture(t);
    const refused = await createProject(other, {
      ...modelingBody(),
      topicScope: 'cross_field',
      topicIds: [topicOf('transportation')],
    });
    expectProblem(refused, 422, 'CROSS_FIELD_NEEDS_TWO_FIELDS', 'R-TOPIC-1');
  });

  it('refuses to submit a project without any topic (R-TOPIC-1)', async () => {
    const { team, project } = await readyProject({}, { ...modelingBody(), topicIds: [] });
    expectProblem(await submit(project.id, team.leader.token), 422, 'TOPIC_REQUIRED', 'R-TOPIC-1');
  });
});

describe('the national final declaration and required fields (R-PROJ-1)', () => {
  it('refuses to submit a modeling project that has not declared completion before the national final (R-PROJ-1)', async () => {
    const { completeBeforeNationalFinal: _omitted, ...undeclared } = modelingBody();
    const { team, project } = await readyProject({}, undeclared);
    expectProblem(await submit(project.id, team.leader.token), 422, 'COMPLETION_NOT_DECLARED', 'R-PROJ-1');
    const declared = await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(bearer(team.leader.token))
      .send({ completeBeforeNationalFinal: false });
    expect(declared.body).toMatchObject({ completionDeclared: true, mayEnterNationalFinal: false });
    expect((await submit(project.id, team.leader.token)).status).toBe(201);
  });

  it('refuses the completion flag on a product project (R-PROJ-1) and lets product projects enter the national final', async () => {
    const team = await createTeamFixture(t);
    expectProblem(
      await createProject(team, { ...productBody(), completeBeforeNationalFinal: true }),
      422,
      'COMPLETION_FLAG_ONLY_FOR_MODELING',
      'R-PROJ-1',
    );
    const res = await createProject(team, productBody());
    expect(res.body.mayEnterNationalFinal).toBe(true);
  });

  it('requires proof of benefit for products, data sources for modeling, and a proposal', async () => {
    const product = await readyProject({}, { ...productBody(), benefitProof: null });
    const refusedProduct = expectProblem(
      await submit(product.project.id, product.team.leader.token),
      422,
      'BENEFIT_PROOF_REQUIRED',
    );
    expect(refusedProduct.errors).toEqual([expect.objectContaining({ path: '/body/benefitProof' })]);

    const modeling = await readyProject({}, { ...modelingBody(), dataSources: [] });
    expectProblem(await submit(modeling.project.id, modeling.team.leader.token), 422, 'DATA_SOURCES_REQUIRED');

    const team = await createTeamFixture(t);
    const withoutFiles = await createProject(team, modelingBody());
    expectProblem(await submit(withoutFiles.body.id, team.leader.token), 422, 'PROPOSAL_FILE_REQUIRED');
  });
});

describe('the timeline (R-TIME-1, R-TIME-3)', () => {
  it('refuses drafts outside collection, naming the stage (R-TIME-1)', async () => {
    const team = await createTeamFixture(t);
    t.clock.set(DURING_PRELIMINARY);
    try {
      const body = expectProblem(await createProject(team, modelingBody()), 422, 'COLLECTION_CLOSED', 'R-TIME-1');
      expect(body.detail).toContain('当前阶段：初赛评审');
    } finally {
      t.clock.set(DURING_COLLECTION);
    }
  });

  it('refuses the first submission of a draft after collection (R-TIME-1)', async () => {
    const { team, project } = await readyProject();
    t.clock.set(DURING_PRELIMINARY);
    try {
      expectProblem(await submit(project.id, team.leader.token), 422, 'COLLECTION_CLOSED', 'R-TIME-1');
    } finally {
      t.clock.set(DURING_COLLECTION);
    }
  });

  it('numbers immutable versions, iterates after collection with the title locked, until the national final (R-TIME-3)', async () => {
    const { team, project } = await readyProject();
    const first = await submit(project.id, team.leader.token);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: 1, snapshot: { title: '城市交通流量预测模型' } });
    expect(first.body.snapshot.files).toHaveLength(1);

    t.clock.set(DURING_FINAL);
    try {
      const renamed = await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(bearer(team.leader.token))
        .send({ title: '新名称' });
      expect(expectProblem(renamed, 422, 'TITLE_LOCKED', 'R-TIME-3').detail).toContain('当前阶段：决赛评审');
      const recategorized = await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(bearer(team.leader.token))
        .send({ category: 'data_product' });
      expectProblem(recategorized, 422, 'CATEGORY_LOCKED', 'R-TIME-3');

      const edited = await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(bearer(team.leader.token))
        .send({ summary: '迭代后的摘要', title: '城市交通流量预测模型' });
      expect(edited.status).toBe(200);
      expect(edited.body.editable).toBe('iteration');
      expect((await upload(project.id, team.leader.token, 'slides', pptxBytes(), '路演.pptx')).status).toBe(201);
      const second = await submit(project.id, team.leader.token);
      expect(second.body.number).toBe(2);

      const comparison = await t.http
        .get(`/api/v1/projects/${project.id}/versions/compare?from=1&to=2`)
        .set(bearer(admin.token));
      expect(comparison.status).toBe(200);
      expect(comparison.body.changes.map((change: { field: string }) => change.field).sort()).toEqual([
        'files',
        'summary',
      ]);
      expect(comparison.body.changes.find((change: { field: string }) => change.field === 'summary')).toMatchObject({
        from: '基于公共数据资源目录的交通流量预测',
        to: '迭代后的摘要',
      });
      const forbiddenCompare = await t.http
        .get(`/api/v1/projects/${project.id}/versions/compare?from=1&to=2`)
        .set(bearer(team.leader.token));
      expectProblem(forbiddenCompare, 403, 'FORBIDDEN');

      const versions = await t.http.get(`/api/v1/projects/${project.id}/versions`).set(bearer(admin.token));
      expect(versions.body.items.map((version: { number: number }) => version.number)).toEqual([1, 2]);
      expect(versions.body.items[0].snapshot.summary).toBe('基于公共数据资源目录的交通流量预测');
      expect(versions.body.nextCursor).toBeNull();
      // Like every list: keyset pages with `{ items, nextCursor }`.
      const first = await t.http.get(`/api/v1/projects/${project.id}/versions?limit=1`).set(bearer(admin.token));
      expect(first.body.items.map((version: { number: number }) => version.number)).toEqual([1]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const next = await t.http
        .get(`/api/v1/projects/${project.id}/versions?limit=1&cursor=${first.body.nextCursor}`)
        .set(bearer(admin.token));
      expect(next.body).toMatchObject({ items: [{ number: 2 }], nextCursor: null });
      const forged = await t.http
        .get(`/api/v1/projects/${project.id}/versions?cursor=${Buffer.from('["two"]').toString('base64url')}`)
        .set(bearer(admin.token));
      expectProblem(forged, 400, 'INVALID_CURSOR');

      const [edition] = await t.db.select().from(editions).where(eq(editions.code, '2024-guangxi'));
      t.clock.set(new Date(edition!.nationalFinalAt!.getTime() + 1000));
      const late = await submit(project.id, team.leader.token);
      expectProblem(late, 422, 'ITERATION_CLOSED', 'R-TIME-3');
      expectProblem(
        await t.http.patch(`/api/v1/projects/${project.id}`).set(bearer(team.leader.token)).send({ summary: 'x' }),
        422,
        'ITERATION_CLOSED',
        'R-TIME-3',
      );
    } finally {
      t.clock.set(DURING_COLLECTION);
    }
  });

  it('numbers concurrent submissions without gaps or duplicates, and replays a retried one (R-TIME-3)', async () => {
    const { team, project } = await readyProject();
    const results = await Promise.all([submit(project.id, team.leader.token), submit(project.id, team.member.token)]);
    expect(results.map((res) => res.status)).toEqual([201, 201]);
    expect(results.map((res) => res.body.number).sort()).toEqual([1, 2]);
    const first = await submit(project.id, team.leader.token).set('idempotency-key', 'submit-once');
    const retried = await submit(project.id, team.leader.token).set('idempotency-key', 'submit-once');
    expect(first.body.number).toBe(3);
    expect(retried.body.number).toBe(3);
    expect(retried.headers['idempotent-replayed']).toBe('true');
  });

  it('keeps versions immutable in the database itself (R-TIME-3)', async () => {
    const { team, project } = await readyProject();
    await submit(project.id, team.leader.token);
    const attempt = t.db
      .update(projectVersions)
      .set({ snapshot: sql`jsonb_build_object('title', 'forged')` })
      .where(eq(projectVersions.projectId, project.id));
    await expect(attempt).rejects.toSatisfy((error: unknown) => pgErrorOf(error)?.code === 'SA010');
  });
});
