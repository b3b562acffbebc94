import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  CATEGORY_DIRECTION,
  type BenefitProof,
  type CategoryCode,
  type DataSource,
  type FieldCode,
  type PublicComponentKind,
} from '@saishi/shared';
import type { Database } from '../db/client.js';
import { editions, fields, topics } from '../modules/editions/tables.js';
import { storedFiles } from '../modules/files/tables.js';
import { projectFiles, projectTopics, projectVersions, projects } from '../modules/projects/tables.js';
import { projectContent } from '../modules/projects/content.js';
import { teams } from '../modules/teams/tables.js';
import type { FileStorage } from '../plugins/storage.js';

interface DemoProject {
  team: string;
  title: string;
  englishTitle: string;
  category: CategoryCode;
  publicComponentKind?: PublicComponentKind;
  topicScope: 'single_field' | 'cross_field';
  fieldCodes: FieldCode[];
  dataSources?: DataSource[];
  benefitProof?: BenefitProof;
  technology: {
    privacyComputing?: boolean;
    dataSandbox?: boolean;
    blockchain?: boolean;
    domesticTechnology?: boolean;
    notes?: string;
  };
  completeBeforeNationalFinal?: boolean;
  /** Summaries of the submitted versions, oldest first, each submitted at the instant beside it. */
  versions: { summary: string; at: string }[];
}

/** Projects of the approved demo teams (src/seed/teams.ts); illustrations, not real entries. */
const DEMO_PROJECTS: DemoProject[] = [
  {
    team: '桂农数链',
    title: '桂农数链·农产品产销数据服务平台（演示）',
    englishTitle: 'Guinong data chain: farm produce supply and sales data platform (demo)',
    category: 'data_product',
    topicScope: 'single_field',
    fieldCodes: ['modern_agriculture'],
    benefitProof: {
      deployedWhere: '南宁市武鸣区、百色市田阳区的农业合作社',
      deployedSince: '2023-03',
      economicBenefit: '合作社年均减少滞销损失约 120 万元',
      socialBenefit: '服务农户 3200 户',
      figures: [{ label: '接入合作社', value: '46 家' }],
    },
    technology: { blockchain: true, domesticTechnology: true, notes: '产销数据上链存证，部署于国产化云平台' },
    versions: [
      { summary: '汇聚农产品产销、物流与气象数据，为合作社提供产销预测与对接服务。', at: '2024-07-25T16:00:00+08:00' },
      {
        summary: '汇聚农产品产销、物流与气象数据，为合作社提供产销预测、价格预警与对接服务。',
        at: '2024-08-10T11:30:00+08:00',
      },
    ],
  },
  {
    team: '柳州工业数据要素团队',
    title: '工业设备数据采集标准化组件（演示）',
    englishTitle: 'Standardised industrial equipment data collection component (demo)',
    category: 'public_component',
    publicComponentKind: 'tool',
    topicScope: 'single_field',
    fieldCodes: ['industrial_manufacturing'],
    benefitProof: {
      deployedWhere: '柳州市 12 家汽车零部件企业',
      deployedSince: '2022-11',
      economicBenefit: '设备联网改造周期缩短 40%',
    },
    technology: { privacyComputing: true, domesticTechnology: true },
    versions: [
      {
        summary: '从企业自有生产系统中提炼的设备数据采集与治理组件，支持主流工业协议。',
        at: '2024-08-05T09:20:00+08:00',
      },
    ],
  },
  {
    team: '邕江数据建模队',
    title: '城市内涝风险预测模型（演示）',
    englishTitle: 'Urban waterlogging risk prediction model (demo)',
    category: 'modeling',
    topicScope: 'cross_field',
    fieldCodes: ['urban_governance', 'meteorological_services'],
    dataSources: [
      { kind: 'public_catalog', name: '城市排水管网数据', note: '广西公共数据开放平台' },
      { kind: 'public_catalog', name: '逐小时降水观测数据' },
      { kind: 'own', name: '团队采集的易涝点照片与水位记录' },
    ],
    technology: { dataSandbox: true },
    completeBeforeNationalFinal: true,
    versions: [{ summary: '融合排水管网与降水数据，提前 3 小时预测城市易涝点风险。', at: '2024-08-12T20:45:00+08:00' }],
  },
];

/** A one-page proposal PDF (ASCII text: the demo must not depend on a CJK font being installed). */
async function proposalPdf(title: string): Promise<Buffer> {
  // PDFKit loads only when the demo data is written (a new database), not at every start.
  const { default: PDFDocument } = await import('pdfkit');
  const document = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.fontSize(18).text('Project proposal (demo)', { align: 'center' }).moveDown();
  document.fontSize(12).text(title).moveDown().text('Saishi demo data: an illustration, not a real entry.');
  document.end();
  return done;
}

/**
 * Projects of the approved demo teams, each with its submitted versions and a proposal PDF in
 * storage. Idempotent (skips teams that already have a project); needs the demo teams.
 */
export async function seedProjects(db: Database, storage: FileStorage): Promise<void> {
  const [edition] = await db.select().from(editions).where(eq(editions.code, '2024-guangxi'));
  if (!edition) return;
  const teamRows = await db
    .select({ id: teams.id, name: teams.name, leaderUserId: teams.leaderUserId })
    .from(teams)
    .where(
      and(
        eq(teams.editionId, edition.id),
        inArray(
          teams.name,
          DEMO_PROJECTS.map((demo) => demo.team),
        ),
      ),
    );
  for (const demo of DEMO_PROJECTS) {
    const team = teamRows.find((row) => row.name === demo.team);
    if (!team) continue;
    const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.teamId, team.id));
    if (existing) continue;

    const pdf = await proposalPdf(demo.englishTitle);
    const fileId = randomUUID();
    const storageKey = `${fileId.slice(0, 2)}/${fileId}`;
    await storage.write(storageKey, Readable.from([pdf]));
    const firstAt = new Date(demo.versions[0]!.at);
    const lastAt = new Date(demo.versions.at(-1)!.at);
    const createdAt = new Date(firstAt.getTime() - 3 * 24 * 3600 * 1000);
    const topicRows = await db
      .select({ id: topics.id, fieldCode: fields.code })
      .from(topics)
      .innerJoin(fields, eq(fields.id, topics.fieldId))
      .where(and(eq(topics.editionId, edition.id), inArray(fields.code, demo.fieldCodes)))
      .orderBy(asc(fields.sortOrder), asc(topics.sortOrder));
    const chosen = demo.fieldCodes
      .map((code) => topicRows.find((row) => row.fieldCode === code))
      .filter((row) => row !== undefined);

    await db.transaction(async (tx) => {
      const [project] = await tx
        .insert(projects)
        .values({
          editionId: edition.id,
          teamId: team.id,
          title: demo.title,
          summary: demo.versions[0]!.summary,
          directionCode: CATEGORY_DIRECTION[demo.category],
          categoryCode: demo.category,
          publicComponentKind: demo.publicComponentKind ?? null,
          topicScope: demo.topicScope,
          dataSources: demo.dataSources ?? [],
          benefitProof: demo.benefitProof ?? null,
          usesPrivacyComputing: demo.technology.privacyComputing ?? false,
          usesDataSandbox: demo.technology.dataSandbox ?? false,
          usesBlockchain: demo.technology.blockchain ?? false,
          usesDomesticTechnology: demo.technology.domesticTechnology ?? false,
          technologyNotes: demo.technology.notes ?? '',
          completeBeforeNationalFinal: demo.completeBeforeNationalFinal ?? false,
          completionDeclared: demo.category === 'modeling',
          latestVersion: demo.versions.length,
          firstSubmittedAt: firstAt,
          lastSubmittedAt: lastAt,
          createdAt,
          updatedAt: lastAt,
        })
        .returning();
      if (chosen.length)
        await tx.insert(projectTopics).values(chosen.map((topic) => ({ projectId: project!.id, topicId: topic.id })));
      await tx.insert(storedFiles).values({
        id: fileId,
        storageKey,
        originalName: `${demo.title}-申报书.pdf`,
        mimeType: 'application/pdf',
        sizeBytes: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        uploadedBy: team.leaderUserId,
        createdAt,
      });
      await tx.insert(projectFiles).values({
        projectId: project!.id,
        kind: 'proposal',
        storedFileId: fileId,
        addedBy: team.leaderUserId,
        addedAt: createdAt,
      });
      for (const [index, version] of demo.versions.entries()) {
        const snapshot = await projectContent(tx, { ...project!, summary: version.summary });
        await tx.insert(projectVersions).values({
          projectId: project!.id,
          number: index + 1,
          snapshot,
          submittedBy: team.leaderUserId,
          submittedAt: new Date(version.at),
        });
      }
      await tx
        .update(projects)
        .set({ summary: demo.versions.at(-1)!.summary })
        .where(eq(projects.id, project!.id));
    });
  }
}
