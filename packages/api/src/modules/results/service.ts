import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DirectionCode } from '@saishi/shared';
import type { Database } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { awardCategories, directions, fields, grades, topics, tracks } from '../editions/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { projectAwards, resultPublications } from '../awards/tables.js';
import { projects, projectTopics } from '../projects/tables.js';
import { teams, teamUnits, units } from '../teams/tables.js';
import { isoInZone } from '../../lib/time.js';

export interface ResultFilters {
  field?: string | undefined;
  track?: string | undefined;
  grade?: string | undefined;
  awardCategory?: string | undefined;
  q?: string | undefined;
}

const columns = {
  projectId: projects.id,
  editionId: projectAwards.editionId,
  title: projects.title,
  summary: projects.summary,
  directionCode: projects.directionCode,
  categoryCode: projects.categoryCode,
  trackCode: projectAwards.trackCode,
  trackName: tracks.nameZh,
  awardCategoryCode: projectAwards.awardCategoryCode,
  awardCategoryName: awardCategories.nameZh,
  gradeCode: projectAwards.gradeCode,
  gradeName: grades.nameZh,
  gradeRank: grades.rank,
  rank: projectAwards.rank,
  teamName: teams.name,
  publishedAt: resultPublications.publishedAt,
};

/** Published awards only: the join on result_publications is what keeps unpublished results private. */
function baseQuery(db: Database, editionId: string, filters: ResultFilters, extra?: SQL) {
  const search = filters.q ? `%${filters.q.replace(/[\\%_]/g, (match) => `\\${match}`)}%` : undefined;
  return db
    .select(columns)
    .from(projectAwards)
    .innerJoin(resultPublications, eq(resultPublications.editionId, projectAwards.editionId))
    .innerJoin(projects, eq(projects.id, projectAwards.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .innerJoin(grades, and(eq(grades.editionId, projectAwards.editionId), eq(grades.code, projectAwards.gradeCode)))
    .leftJoin(
      awardCategories,
      and(eq(awardCategories.trackId, tracks.id), eq(awardCategories.code, projectAwards.awardCategoryCode)),
    )
    .where(
      and(
        eq(projectAwards.editionId, editionId),
        filters.track ? eq(projectAwards.trackCode, filters.track) : undefined,
        filters.grade ? eq(projectAwards.gradeCode, filters.grade) : undefined,
        filters.awardCategory ? eq(projectAwards.awardCategoryCode, filters.awardCategory) : undefined,
        filters.field
          ? sql`exists (select 1 from ${projectTopics} join ${topics} on ${topics.id} = ${projectTopics.topicId} join ${fields} on ${fields.id} = ${topics.fieldId}
                 where ${projectTopics.projectId} = ${projects.id} and ${fields.code} = ${filters.field})`
          : undefined,
        search
          ? sql`(${projects.title} ilike ${search} or ${projects.summary} ilike ${search} or ${teams.name} ilike ${search})`
          : undefined,
        extra,
      ),
    )
    .orderBy(
      asc(grades.rank),
      asc(projectAwards.trackCode),
      asc(projectAwards.awardCategoryCode),
      asc(projectAwards.rank),
      asc(projects.id),
    );
}

type ResultRow = Awaited<ReturnType<typeof baseQuery>>[number];

async function decorate(db: Database, rows: readonly ResultRow[]) {
  const ids = rows.map((row) => row.projectId);
  const fieldRows = ids.length
    ? await db
        .selectDistinct({
          projectId: projectTopics.projectId,
          code: fields.code,
          nameZh: fields.nameZh,
          sortOrder: fields.sortOrder,
        })
        .from(projectTopics)
        .innerJoin(topics, eq(topics.id, projectTopics.topicId))
        .innerJoin(fields, eq(fields.id, topics.fieldId))
        .where(inArray(projectTopics.projectId, ids))
        .orderBy(asc(fields.sortOrder))
    : [];
  const unitRows = ids.length
    ? await db
        .select({ projectId: projects.id, name: units.name, isLead: teamUnits.isLead })
        .from(projects)
        .innerJoin(teamUnits, eq(teamUnits.teamId, projects.teamId))
        .innerJoin(units, eq(units.id, teamUnits.unitId))
        .where(inArray(projects.id, ids))
        .orderBy(sql`${teamUnits.isLead} desc`, asc(units.name))
    : [];
  const editionIds = [...new Set(rows.map((row) => row.editionId))];
  const zones = new Map(await Promise.all(editionIds.map(async (id) => [id, await editionTimeZone(db, id)] as const)));
  return rows.map((row) => ({
    projectId: row.projectId,
    editionId: row.editionId,
    title: row.title,
    summary: row.summary,
    trackCode: row.trackCode,
    trackName: row.trackName,
    directionCode: row.directionCode,
    categoryCode: row.categoryCode,
    awardCategoryCode: row.awardCategoryCode,
    awardCategoryName: row.awardCategoryName ?? row.awardCategoryCode,
    gradeCode: row.gradeCode,
    gradeName: row.gradeName,
    teamName: row.teamName,
    units: unitRows
      .filter((unit) => unit.projectId === row.projectId)
      .map((unit) => ({ name: unit.name, isLead: unit.isLead })),
    fields: fieldRows
      .filter((field) => field.projectId === row.projectId)
      .map((field) => ({ code: field.code, nameZh: field.nameZh })),
    publishedAt: isoInZone(row.publishedAt, zones.get(row.editionId)!),
  }));
}
export type PublishedResult = Awaited<ReturnType<typeof decorate>>[number];

export async function listResults(
  db: Database,
  editionId: string,
  filters: ResultFilters,
  page: { limit: number; cursor?: string | undefined },
) {
  let after: SQL | undefined;
  if (page.cursor) {
    const [gradeRank, trackCode, awardCategoryCode, rank, projectId] = decodeCursor(page.cursor, 5);
    after = sql`(${grades.rank}, ${projectAwards.trackCode}, ${projectAwards.awardCategoryCode}, ${projectAwards.rank}, ${projects.id}) > (${Number(gradeRank)}, ${String(trackCode)}, ${String(awardCategoryCode)}, ${Number(rank)}, ${String(projectId)}::uuid)`;
  }
  const rows = await baseQuery(db, editionId, filters, after).limit(page.limit + 1);
  const decorated = await decorate(db, rows.slice(0, page.limit));
  return toPage(
    rows,
    page.limit,
    (row) => decorated.find((item) => item.projectId === row.projectId)!,
    (row) => [row.gradeRank, row.trackCode, row.awardCategoryCode, row.rank, row.projectId],
  );
}

export async function getResult(db: Database, editionId: string, projectId: string) {
  const rows = await baseQuery(db, editionId, {}, eq(projects.id, projectId));
  if (rows.length === 0) throw new DomainError('RESULT_NOT_FOUND', 404);
  const [result] = await decorate(db, rows);
  const topicRows = await db
    .select({ title: topics.title, fieldCode: fields.code })
    .from(projectTopics)
    .innerJoin(topics, eq(topics.id, projectTopics.topicId))
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(eq(projectTopics.projectId, projectId))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder));
  const [direction] = await db
    .select({ nameZh: directions.nameZh })
    .from(directions)
    .where(and(eq(directions.editionId, editionId), eq(directions.code, result!.directionCode as DirectionCode)));
  return { ...result!, directionName: direction?.nameZh ?? result!.directionCode, topics: topicRows };
}

export async function allResults(db: Database, editionId: string, filters: ResultFilters): Promise<PublishedResult[]> {
  return decorate(db, await baseQuery(db, editionId, filters));
}

/** 成果汇编 as a spreadsheet. */
export async function resultsWorkbook(results: readonly PublishedResult[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('成果汇编');
  sheet.columns = [
    { header: '序号', key: 'index', width: 6 },
    { header: '项目名称', key: 'title', width: 36 },
    { header: '赛道', key: 'track', width: 10 },
    { header: '奖项', key: 'award', width: 22 },
    { header: '等级', key: 'grade', width: 8 },
    { header: '参赛团队', key: 'team', width: 24 },
    { header: '参赛单位', key: 'units', width: 36 },
    { header: '行业领域', key: 'fields', width: 18 },
    { header: '项目简介', key: 'summary', width: 60 },
  ];
  results.forEach((result, index) =>
    sheet.addRow({
      index: index + 1,
      title: result.title,
      track: result.trackName,
      award: result.awardCategoryName,
      grade: result.gradeName,
      team: result.teamName,
      units: result.units.map((unit) => unit.name).join('、'),
      fields: result.fields.map((field) => field.nameZh).join('、'),
      summary: result.summary,
    }),
  );
  sheet.getRow(1).font = { bold: true };
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Chinese text needs a CJK font; none of the well-kept npm font packages ships a single complete
 * CJK file (they ship unicode-range subsets), so the compilation uses Noto Sans CJK from Debian's
 * `fonts-noto-cjk`. Without it the export answers 503.
 */
export const CJK_FONT_CANDIDATES = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

export function findCjkFont(candidates = CJK_FONT_CANDIDATES) {
  return candidates.find((candidate) => existsSync(candidate.path)) ?? null;
}

/** 成果汇编 as a PDF: one entry per awarded project, grouped in rank order. */
export async function resultsPdf(
  results: readonly PublishedResult[],
  title: string,
  font = findCjkFont(),
): Promise<Buffer> {
  if (!font) throw new DomainError('CJK_FONT_UNAVAILABLE', 503);
  const document = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.registerFont('cjk', font.path, font.family);
  document.font('cjk');
  document.fontSize(20).text(title, { align: 'center' });
  document.moveDown();
  results.forEach((result, index) => {
    document.fontSize(13).text(`${index + 1}. ${result.title}`);
    document
      .fontSize(10)
      .text(`${result.trackName} · ${result.awardCategoryName} · ${result.gradeName}`)
      .text(`参赛团队：${result.teamName}`)
      .text(`参赛单位：${result.units.map((unit) => unit.name).join('、') || '—'}`)
      .text(`行业领域：${result.fields.map((field) => field.nameZh).join('、') || '—'}`);
    if (result.summary) document.text(result.summary);
    document.moveDown();
  });
  document.end();
  return finished;
}
