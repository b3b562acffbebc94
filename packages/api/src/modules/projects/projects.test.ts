import { and, asc, eq, gt, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorOf } from '../../lib/pg-errors.js';
import {
  DURING_COLLECTION,
  DURING_FINAL,
  DURING_PRELIMINARY,
  createTestApp,
  expectProblem,
  type TestApp,
} from '../../test/app.js';
import { pdfBytes, pngBytes, pptxBytes } from '../../test/sample-files.js';
import { editions, fields, topics } from '../editions/tables.js';
import { expertProfiles } from '../experts/tables.js';
import { assignments, reviewRounds } from '../review/tables.js';
import { createTeamFixture } from './fixtures.js';
import { projects, projectVersions } from './tables.js';

type Team = Awaited<ReturnType<typeof createTeamFixture>>;
type Topic = { id: string; fieldCode: string };

let t: TestApp;
let admin: { id: string; token: string };
let topicsByField: Map<string, Topic[]>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithToken('admin');
  const rows = await t.db
    .select({ id: topics.id, fieldCode: fields.code })
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder));
  topicsByField = new Map();
  for (const row of rows) topicsByField.set(row.fieldCode, [...(topicsByField.get(row.fieldCode) ?? []), row]);
});

afterAll(async () => {
  await t?.close();
});

const topicOf = (field: string, index = 0) => topicsByField.get(field)![index]!.id;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function modelingBody(title = '城市交通流量预测模型') {
  return {
    title,
    category: 'modeling',
    summary: '基于公共数据资源目录的交通流量预测',
    topicScope: 'single_field',
    topicIds: [topicOf('transportation')],
    dataSources: [
      { kind: 'public_catalog', name: '道路交通流量数据', note: '自治区公共数据开放平台' },
      { kind: 'own', name: '自采集的卡口数据' },
    ],
    technology: { privacyComputing: true, domesticTechnology: true },
    completeBeforeNationalFinal: true,
  };
}

function productBody(title = '桂数通农业数据产品') {
  return {
    title,
    category: 'data_product',
    summary: '已在多个县落地的农业数据产品',
    topicScope: 'single_field',
    topicIds: [topicOf('modern_agriculture')],
    benefitProof: { deployedWhere: '南宁市、柳州市', deployedSince: '2023-05', economicBenefit: '年节约成本 300 万元' },
    technology: { blockchain: true },
  };
}

async function createProject(team: Team, body: Record<string, unknown>) {
  return t.http.post(`/api/v1/teams/${team.team.id}/project`).set(bearer(team.leader.token)).send(body);
}

async function upload(projectId: string, token: string, kind: string, body: Buffer, filename: string) {
  return t.http
    .post(`/api/v1/projects/${projectId}/files?kind=${kind}`)
    .set(bearer(token))
    .attach('file', body, { filename, contentType: 'application/pdf' });
}

/** A team with a project that has a proposal, ready to submit. */
async function readyProject(
  options: Parameters<typeof createTeamFixture>[1] = {},
  body: Record<string, unknown> = modelingBody(),
) {
  const team = await createTeamFixture(t, options);
  const created = await createProject(team, body);
  expect(created.status).toBe(201);
  const proposal = await upload(created.body.id, team.member.token, 'proposal', pdfBytes(4000), '申报书.pdf');
  expect(proposal.status).toBe(201);
  return { team, project: created.body as { id: string }, proposal: proposal.body as { id: string } };
}

const submit = (projectId: string, token: string) =>
  t.http.post(`/api/v1/projects/${projectId}/versions`).set(bearer(token));

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
      expect(body.detail).toContain('preliminary');
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
      expect(expectProblem(renamed, 422, 'TITLE_LOCKED', 'R-TIME-3').detail).toContain('final');
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

      const [edition] = await t.db.select().from(editions).where(eq(editions.isCurrent, true));
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

describe('project files', () => {
  it('refuses a mislabelled proposal by its content (415) and a missing kind', async () => {
    const team = await createTeamFixture(t);
    const { body: project } = await createProject(team, modelingBody());
    expectProblem(
      await upload(project.id, team.leader.token, 'proposal', pngBytes(), 'proposal.pdf'),
      415,
      'FILE_TYPE_NOT_ALLOWED',
    );
    expectProblem(await upload(project.id, team.leader.token, 'poster', pdfBytes(), 'a.pdf'), 400, 'VALIDATION_FAILED');
  });

  it('lets the team and admins download, with ranges, and refuses other participants and experts', async () => {
    const { team, project, proposal } = await readyProject();
    const url = `/api/v1/projects/${project.id}/files/${proposal.id}/content`;
    const own = await t.http.get(url).set(bearer(team.member.token));
    expect(own.status).toBe(200);
    expect(own.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('申报书.pdf')}`);
    const ranged = await t.http.get(url).set(bearer(admin.token)).set('range', 'bytes=0-4');
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-range']).toBe('bytes 0-4/4000');
    const stranger = await t.userWithToken('participant');
    expectProblem(await t.http.get(url).set(bearer(stranger.token)), 403, 'FORBIDDEN');
    const expert = await t.userWithToken('expert');
    expectProblem(await t.http.get(url).set(bearer(expert.token)), 403, 'FORBIDDEN');
  });

  it('keeps even an assigned expert out of the identified project view: blind review goes through /assignments', async () => {
    const { project, proposal } = await readyProject();
    const url = `/api/v1/projects/${project.id}/files/${proposal.id}/content`;
    const expert = await t.userWithToken('expert');
    await t.db.insert(expertProfiles).values({ userId: expert.id, affiliationName: '北部湾产业投资基金' });
    const [edition] = await t.db.select().from(editions).where(eq(editions.isCurrent, true));
    let [round] = await t.db
      .select()
      .from(reviewRounds)
      .where(and(eq(reviewRounds.editionId, edition!.id), eq(reviewRounds.kind, 'preliminary')));
    round ??= (
      await t.db
        .insert(reviewRounds)
        .values({ editionId: edition!.id, kind: 'preliminary', expertsPerProject: 3 })
        .returning()
    )[0];
    const originalStatus = round!.status;
    const [assignment] = await t.db
      .insert(assignments)
      .values({ roundId: round!.id, projectId: project.id, expertUserId: expert.id, source: 'manual' })
      .returning();
    try {
      await t.db.update(reviewRounds).set({ status: 'open' }).where(eq(reviewRounds.id, round!.id));
      expectProblem(await t.http.get(url).set(bearer(expert.token)), 403, 'FORBIDDEN');
      expectProblem(
        await t.http.get(`/api/v1/projects/${project.id}`).set(bearer(expert.token)),
        404,
        'PROJECT_NOT_FOUND',
      );
      const blind = await t.http
        .get(`/api/v1/assignments/${assignment!.id}/files/${proposal.id}/content`)
        .set(bearer(expert.token));
      expect(blind.status).toBe(200);
      expect(blind.headers['content-disposition']).not.toContain(encodeURIComponent('申报书'));
    } finally {
      await t.db.update(reviewRounds).set({ status: originalStatus }).where(eq(reviewRounds.id, round!.id));
    }
  });

  it('detaches a file while earlier versions keep it downloadable', async () => {
    const { team, project, proposal } = await readyProject();
    await submit(project.id, team.leader.token);
    const removed = await t.http
      .delete(`/api/v1/projects/${project.id}/files/${proposal.id}`)
      .set(bearer(team.leader.token));
    expect(removed.status).toBe(204);
    const current = await t.http.get(`/api/v1/projects/${project.id}/files`).set(bearer(team.leader.token));
    expect(current.body.items).toEqual([]);
    const version = await t.http.get(`/api/v1/projects/${project.id}/versions/1`).set(bearer(admin.token));
    expect(version.body.snapshot.files[0].id).toBe(proposal.id);
    expect(
      (await t.http.get(`/api/v1/projects/${project.id}/files/${proposal.id}/content`).set(bearer(admin.token))).status,
    ).toBe(200);
    expectProblem(await submit(project.id, team.leader.token), 422, 'PROPOSAL_FILE_REQUIRED');
  });
});

describe("organizers' list, export and statistics", () => {
  let society: { id: string };
  let university: { id: string };

  beforeAll(async () => {
    const a = await readyProject(
      { name: '邕江数据团队', unit: { name: '南宁智慧交通研究院', type: 'research_institute' } },
      modelingBody('邕城交通大脑'),
    );
    await submit(a.project.id, a.team.leader.token);
    society = a.project;
    const b = await readyProject(
      { track: 'university', name: '桂林学子队', unit: { name: '桂林电子科技大学', type: 'university' } },
      productBody('漓江农产品溯源平台'),
    );
    await submit(b.project.id, b.team.leader.token);
    university = b.project;
  });

  const list = (query: string, token = admin.token) => t.http.get(`/api/v1/projects?${query}`).set(bearer(token));

  it('filters by track, category, field and qualification status', async () => {
    const byTrack = await list('track=university&limit=200');
    expect(byTrack.body.items.map((item: { id: string }) => item.id)).toContain(university.id);
    expect(byTrack.body.items.every((item: { track: string }) => item.track === 'university')).toBe(true);
    const byCategory = await list('category=data_product&limit=200');
    expect(byCategory.body.items.every((item: { category: string }) => item.category === 'data_product')).toBe(true);
    const byField = await list('field=transportation&limit=200');
    expect(byField.body.items.map((item: { id: string }) => item.id)).toContain(society.id);
    expect(byField.body.items.map((item: { id: string }) => item.id)).not.toContain(university.id);
    const byStatus = await list('qualificationStatus=rejected');
    expect(byStatus.body.items).toEqual([]);
  });

  it('searches Chinese text in titles, team names and unit names', async () => {
    expect(
      (await list(`q=${encodeURIComponent('交通大脑')}`)).body.items.map((item: { id: string }) => item.id),
    ).toEqual([society.id]);
    expect(
      (await list(`q=${encodeURIComponent('桂林学子')}`)).body.items.map((item: { id: string }) => item.id),
    ).toEqual([university.id]);
    expect(
      (await list(`q=${encodeURIComponent('电子科技')}`)).body.items.map((item: { id: string }) => item.id),
    ).toEqual([university.id]);
    expect((await list(`q=${encodeURIComponent('100%')}`)).body.items).toEqual([]);
  });

  it('pages with a keyset cursor without repeating or skipping', async () => {
    const all = await list('limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((item: { id: string }) => item.id));
    expectProblem(await list('cursor=bogus'), 400, 'INVALID_CURSOR');
  });

  it('is for organizers only', async () => {
    const participant = await t.userWithToken('participant');
    expectProblem(await list('', participant.token), 403, 'FORBIDDEN');
  });

  it('exports CSV with a UTF-8 BOM and Chinese intact', async () => {
    const res = await t.http
      .get(`/api/v1/projects/export?format=csv&track=university`)
      .set(bearer(admin.token))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('作品名称');
    expect(text).toContain('漓江农产品溯源平台');
    expect(text).not.toContain('邕城交通大脑');
  });

  it('exports a title that looks like a formula as inert text', async () => {
    const team = await createTeamFixture(t);
    await createProject(team, modelingBody('=HYPERLINK("http://example.test")'));
    const res = await t.http.get(`/api/v1/projects/export?format=csv&q=HYPERLINK`).set(bearer(admin.token));
    expect(res.text).toContain(`"'=HYPERLINK(""http://example.test"")"`);
  });

  it('exports XLSX that a spreadsheet program reads back with Chinese intact', async () => {
    const res = await t.http
      .get(`/api/v1/projects/export?format=xlsx&q=${encodeURIComponent('邕城')}`)
      .set(bearer(admin.token))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.getWorksheet('参赛作品')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('作品名称');
    expect(sheet.getRow(2).getCell(2).value).toBe('邕城交通大脑');
    expect(sheet.rowCount).toBe(2);
  });

  it('counts submitted projects by track, direction, field, unit type and day', async () => {
    const res = await t.http.get('/api/v1/projects/statistics').set(bearer(admin.token));
    expect(res.status).toBe(200);
    const count = (rows: { key: string; count: number }[], key: string) =>
      rows.find((row) => row.key === key)?.count ?? 0;
    const submitted = await t.db.$count(projects, gt(projects.latestVersion, 0));
    expect(res.body.totals.submitted).toBe(submitted);
    expect(count(res.body.byTrack, 'university')).toBeGreaterThanOrEqual(1);
    expect(count(res.body.byDirection, 'product_innovation')).toBeGreaterThanOrEqual(1);
    expect(count(res.body.byField, 'modern_agriculture')).toBeGreaterThanOrEqual(1);
    expect(count(res.body.byUnitType, 'university')).toBe(1);
    expect(count(res.body.byUnitType, 'research_institute')).toBe(1);
    expect(res.body.byDay).toEqual([{ key: '2024-07-15', count: submitted }]);
  });
});
