import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { firstOrThrow, getOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { awardCategories, directions, fields, grades, tracks } from '../editions/tables.js';
import { editionTimeZones, resolveEdition } from '../editions/service.js';
import { projectAwards, resultPublications } from '../awards/tables.js';
import {
  onSubmittedVersion,
  submitted,
  submittedInField,
  submittedSnapshots,
  submittedVersion,
} from '../projects/submitted.js';
import { projects } from '../projects/tables.js';
import { teams, teamUnits, units } from '../teams/tables.js';
import { resultsPdf, resultsWorkbook } from './compilation.js';
import type { FilterQuery, RESULT_SORTS, ResultQuery } from './schemas.js';
import { containsPattern } from '../../lib/text.js';

export type ResultFilters = Omit<Static<typeof FilterQuery>, 'edition'>;

const columns = {
  projectId: projects.id,
  editionId: projectAwards.editionId,
  title: submitted.title,
  summary: submitted.summary,
  directionCode: submitted.directionCode,
  categoryCode: submitted.categoryCode,
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

function filterConditions(filters: ResultFilters): (SQL | undefined)[] {
  const search = filters.q ? containsPattern(filters.q) : undefined;
  return [
    filters.track ? eq(projectAwards.trackCode, filters.track) : undefined,
    filters.grade ? eq(projectAwards.gradeCode, filters.grade) : undefined,
    filters.awardCategory ? eq(projectAwards.awardCategoryCode, filters.awardCategory) : undefined,
    filters.field ? submittedInField(filters.field) : undefined,
    search
      ? sql`(${submitted.title} ilike ${search} or ${submitted.summary} ilike ${search} or ${teams.name} ilike ${search})`
      : undefined,
  ];
}

/** The library's own order: first grades first, then by track, award category and rank. */
const AWARD_ORDER = [
  asc(grades.rank),
  asc(projectAwards.trackCode),
  asc(projectAwards.awardCategoryCode),
  asc(projectAwards.rank),
  asc(projects.id),
];

/** The award order's keyset: grade rank, track, award category, rank and project. */
const AWARD_KEYS = ['integer', 'text', 'text', 'integer', 'uuid'] as const;

/** The other orders, A→Z by a name, the project as tie-break; `keyOf` reads the name off a row. */
const NAME_ORDERS: Record<
  Exclude<(typeof RESULT_SORTS)[number], 'award'>,
  { order: KeysetOrder; keyOf: (row: { title: string; teamName: string }) => string }
> = {
  title: { order: keysetOrder('text', submitted.title, projects.id, 'asc'), keyOf: (row) => row.title },
  team: { order: keysetOrder('text', teams.name, projects.id, 'asc'), keyOf: (row) => row.teamName },
};

/**
 * Published awards only: the join on result_publications is what keeps unpublished results private.
 * Content comes from the submitted version, never from the working copy its team may still edit.
 */
function baseQuery(db: Db, editionId: string, filters: ResultFilters, extra?: SQL, orderBy: SQL[] = AWARD_ORDER) {
  return db
    .select(columns)
    .from(projectAwards)
    .innerJoin(resultPublications, eq(resultPublications.editionId, projectAwards.editionId))
    .innerJoin(projects, eq(projects.id, projectAwards.projectId))
    .innerJoin(submittedVersion, onSubmittedVersion)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .innerJoin(grades, and(eq(grades.editionId, projectAwards.editionId), eq(grades.code, projectAwards.gradeCode)))
    .leftJoin(
      awardCategories,
      and(eq(awardCategories.trackId, tracks.id), eq(awardCategories.code, projectAwards.awardCategoryCode)),
    )
    .where(and(eq(projectAwards.editionId, editionId), ...filterConditions(filters), extra))
    .orderBy(...orderBy);
}

type ResultRow = Awaited<ReturnType<typeof baseQuery>>[number];

/** The fields (via the submitted topics) and the units (lead first) of the projects. */
async function fieldsAndUnits(db: Db, ids: string[]) {
  if (ids.length === 0) return { fieldRows: [], unitRows: [] };
  const [fieldRows, unitRows] = await Promise.all([
    db
      .select({ projectId: projects.id, code: fields.code, nameZh: fields.nameZh })
      .from(projects)
      .innerJoin(submittedVersion, onSubmittedVersion)
      .innerJoin(fields, and(eq(fields.editionId, projects.editionId), submittedInField(fields.code)))
      .where(inArray(projects.id, ids))
      .orderBy(asc(fields.sortOrder)),
    db
      .select({ projectId: projects.id, name: units.name, isLead: teamUnits.isLead })
      .from(projects)
      .innerJoin(teamUnits, eq(teamUnits.teamId, projects.teamId))
      .innerJoin(units, eq(units.id, teamUnits.unitId))
      .where(inArray(projects.id, ids))
      .orderBy(sql`${teamUnits.isLead} desc`, asc(units.name)),
  ]);
  return { fieldRows, unitRows };
}

async function decorate(db: Db, rows: readonly ResultRow[]) {
  const { fieldRows, unitRows } = await fieldsAndUnits(
    db,
    rows.map((row) => row.projectId),
  );
  const zones = await editionTimeZones(
    db,
    rows.map((row) => row.editionId),
  );
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
    publishedAt: isoInZone(row.publishedAt, getOrThrow(zones, row.editionId)),
  }));
}

export type PublishedResult = Awaited<ReturnType<typeof decorate>>[number];

/** The public results library: published awards of an edition, filtered, in award order, a page at a time. */
export async function listResults(deps: Deps, query: Static<typeof ResultQuery>) {
  const { limit, cursor, sort, edition: editionRef, ...filters } = query;
  const edition = await resolveEdition(deps.db, editionRef);
  const [counted] = await deps.db.select({ total: count() }).from(baseQuery(deps.db, edition.id, filters).as('listed'));
  const total = counted?.total ?? 0;
  if (sort !== 'award') {
    const { order, keyOf } = NAME_ORDERS[sort];
    const after = cursor ? (decodeCursor(cursor, order.kinds) as [string, string]) : undefined;
    const rows = await baseQuery(deps.db, edition.id, filters, after && order.after(...after), order.orderBy).limit(
      limit + 1,
    );
    const page = toPage(
      rows,
      limit,
      (row) => row,
      (row) => [keyOf(row), row.projectId],
      total,
    );
    return { ...page, items: await decorate(deps.db, page.items) };
  }
  let after: SQL | undefined;
  if (cursor) {
    const [gradeRank, trackCode, awardCategoryCode, rank, projectId] = decodeCursor(cursor, AWARD_KEYS);
    after = sql`(${grades.rank}, ${projectAwards.trackCode}, ${projectAwards.awardCategoryCode}, ${projectAwards.rank}, ${projects.id}) > (${gradeRank}, ${trackCode}, ${awardCategoryCode}, ${rank}, ${projectId}::uuid)`;
  }
  const rows = await baseQuery(deps.db, edition.id, filters, after).limit(limit + 1);
  const page = toPage(
    rows,
    limit,
    (row) => row,
    (row) => [row.gradeRank, row.trackCode, row.awardCategoryCode, row.rank, row.projectId],
    total,
  );
  return { ...page, items: await decorate(deps.db, page.items) };
}

/** One published result, with its direction's name and its topics. */
export async function getResult(deps: Deps, editionRef: string, projectId: string) {
  const { db } = deps;
  const edition = await resolveEdition(db, editionRef);
  const row = firstOrThrow(
    await baseQuery(db, edition.id, {}, eq(projects.id, projectId)),
    () => new DomainError('RESULT_NOT_FOUND', 404),
  );
  const result = firstOrThrow(await decorate(db, [row]));
  const snapshot = getOrThrow(await submittedSnapshots(db, [projectId]), projectId);
  const topicRows = snapshot.topics.map(({ title, fieldCode }) => ({ title, fieldCode }));
  const [direction] = await db
    .select({ nameZh: directions.nameZh })
    .from(directions)
    .where(and(eq(directions.editionId, edition.id), eq(directions.code, result.directionCode)));
  return { ...result, directionName: direction?.nameZh ?? result.directionCode, topics: topicRows };
}

/** The media type of each compilation format, sent and declared in the OpenAPI document. */
export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** The results compilation (成果汇编) of the filtered published results, as a file to download. */
export async function compileResults(deps: Deps, query: Static<typeof FilterQuery>, format: 'xlsx' | 'pdf') {
  const { edition: editionRef, ...filters } = query;
  const edition = await resolveEdition(deps.db, editionRef);
  const results = await decorate(deps.db, await baseQuery(deps.db, edition.id, filters));
  const title = `${edition.name} 成果汇编`;
  return {
    contentType: CONTENT_TYPES[format],
    fileName: `results-${edition.code}.${format}`,
    body: format === 'xlsx' ? await resultsWorkbook(results, title) : await resultsPdf(results, title),
  };
}
