import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { pdfBytes } from '../../test/sample-files.js';
import { fields, topics } from '../editions/tables.js';
import { createTeamFixture } from './fixtures.js';

// What the projects test files share: a test app with an admin, the edition's topics by field,
// request bodies of a modeling and a data-product project, and the requests they repeat.

export type Team = Awaited<ReturnType<typeof createTeamFixture>>;
export type Topic = { id: string; fieldCode: string };

export interface ProjectsTestContext {
  t: TestApp;
  admin: { id: string; token: string };
  topicsByField: Map<string, Topic[]>;
}

export async function openProjectsTestApp(): Promise<ProjectsTestContext> {
  const t = await createTestApp();
  const admin = await t.userWithToken('admin');
  const rows = await t.db
    .select({ id: topics.id, fieldCode: fields.code })
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder));
  const topicsByField = new Map<string, Topic[]>();
  for (const row of rows) topicsByField.set(row.fieldCode, [...(topicsByField.get(row.fieldCode) ?? []), row]);
  return { t, admin, topicsByField };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The helpers, bound to the context the test file opens in its beforeAll. */
export function projectHelpers(context: () => ProjectsTestContext) {
  const topicOf = (field: string, index = 0) => {
    const topic = context().topicsByField.get(field)?.[index];
    if (!topic) throw new Error(`no topic ${index} in ${field}`);
    return topic.id;
  };

  const modelingBody = (title = '城市交通流量预测模型') => ({
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
  });

  const productBody = (title = '桂数通农业数据产品') => ({
    title,
    category: 'data_product',
    summary: '已在多个县落地的农业数据产品',
    topicScope: 'single_field',
    topicIds: [topicOf('modern_agriculture')],
    benefitProof: { deployedWhere: '南宁市、柳州市', deployedSince: '2023-05', economicBenefit: '年节约成本 300 万元' },
    technology: { blockchain: true },
  });

  const createProject = (team: Team, body: Record<string, unknown>) =>
    context().t.http.post(`/api/v1/teams/${team.team.id}/project`).set(bearer(team.leader.token)).send(body);

  const upload = (projectId: string, token: string, kind: string, body: Buffer, filename: string) =>
    context()
      .t.http.post(`/api/v1/projects/${projectId}/files?kind=${kind}`)
      .set(bearer(token))
      .attach('file', body, { filename, contentType: 'application/pdf' });

  /** A team with a project that has a proposal, ready to submit. */
  async function readyProject(
    options: Parameters<typeof createTeamFixture>[1] = {},
    body: Record<string, unknown> = modelingBody(),
  ) {
    const team = await createTeamFixture(context().t, options);
    const created = await createProject(team, body);
    expect(created.status).toBe(201);
    const proposal = await upload(created.body.id, team.member.token, 'proposal', pdfBytes(4000), '申报书.pdf');
    expect(proposal.status).toBe(201);
    return { team, project: created.body as { id: string }, proposal: proposal.body as { id: string } };
  }

  const submit = (projectId: string, token: string) =>
    context().t.http.post(`/api/v1/projects/${projectId}/versions`).set(bearer(token));

  return { topicOf, modelingBody, productBody, createProject, upload, readyProject, submit };
}
