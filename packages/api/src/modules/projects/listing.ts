import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Db, Deps } from '../../lib/deps.js';
import { decodeCursor, instantKey, toPage, type CursorKey } from '../../lib/pagination.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { resolveEdition } from '../editions/service.js';
import { fields, topics, tracks } from '../editions/tables.js';
import { teamUnits, teams, units } from '../teams/tables.js';
import { topicsOf } from './content.js';
import type { FilterQuery, ListQuery, PROJECT_SORTS } from './schemas.js';
import { projectSearchDocuments, projectTopics, projects } from './tables.js';

// The organizers' list of projects: filters, search, newest first, keyset pagination.

export type ProjectFilters = Static<typeof FilterQuery>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The name and the type of the team's lead unit (none for individuals). */
export const leadUnit = sql`(select u.name from ${teamUnits} tu join ${units} u on u.id = tu.unit_id where tu.team_id = ${teams.id} and tu.is_lead limit 1)`;
export const leadUnitType = sql`(select u.type from ${teamUnits} tu join ${units} u on u.id = tu.unit_id where tu.team_id = ${teams.id} and tu.is_lead limit 1)`;

/**
 * ILIKE '%…%' over the project's search document (title, team and unit names), which one pg_trgm
 * GIN index accelerates: a rare term is one index scan whatever the number of projects.
 */
export function searchCondition(q: string): SQL {
  const pattern = `%${escapeLike(q)}%`;
  return sql`${projects.id} in (select ${projectSearchDocuments.projectId} from ${projectSearchDocuments} where ${projectSearchDocuments.document} ilike ${pattern})`;
}

function filterConditions(editionId: string, filters: ProjectFilters): SQL[] {
  const conditions: SQL[] = [eq(projects.editionId, editionId)];
  if (filters.track) conditions.push(eq(tracks.code, filters.track));
  if (filters.direction) conditions.push(eq(projects.directionCode, filters.direction));
  if (filters.category) conditions.push(eq(projects.categoryCode, filters.category));
  if (filters.qualificationStatus) conditions.push(eq(teams.qualificationStatus, filters.qualificationStatus));
  if (filters.status === 'submitted') conditions.push(sql`${projects.latestVersion} > 0`);
  if (filters.status === 'draft') conditions.push(sql`${projects.latestVersion} = 0`);
  if (filters.topicId) {
    conditions.push(
      sql`exists (select 1 from ${projectTopics} pt where pt.project_id = ${projects.id} and pt.topic_id = ${filters.topicId})`,
    );
  }
  if (filters.field) {
    conditions.push(
      sql`exists (select 1 from ${projectTopics} pt join ${topics} tp on tp.id = pt.topic_id join ${fields} f on f.id = tp.field_id where pt.project_id = ${projects.id} and f.code = ${filters.field})`,
    );
  }
  const q = filters.q?.trim();
  if (q) conditions.push(searchCondition(q));
  return conditions;
}

type ProjectSort = (typeof PROJECT_SORTS)[number];

/** An order of the list: its sort key as cursor text, the rows after a cursor, and the ORDER BY. */
interface Ordering {
  kinds: readonly [CursorKey, 'uuid'];
  key: SQL<string>;
  after: (key: string, id: string) => SQL;
  orderBy: SQL[];
}

// Drafts have no submission: they sort after every submitted project, as if submitted at the epoch.
const lastSubmitted = sql`coalesce(${projects.lastSubmittedAt}, 'epoch'::timestamptz)`;

const ORDERINGS: Record<ProjectSort, Ordering> = {
  newest: {
    kinds: ['instant', 'uuid'],
    key: instantKey(projects.createdAt),
    after: (key, id) => sql`(${projects.createdAt}, ${projects.id}) < (${key}::timestamptz, ${id}::uuid)`,
    orderBy: [desc(projects.createdAt), desc(projects.id)],
  },
  oldest: {
    kinds: ['instant', 'uuid'],
    key: instantKey(projects.createdAt),
    after: (key, id) => sql`(${projects.createdAt}, ${projects.id}) > (${key}::timestamptz, ${id}::uuid)`,
    orderBy: [asc(projects.createdAt), asc(projects.id)],
  },
  title: {
    kinds: ['text', 'uuid'],
    key: sql<string>`${projects.title}`,
    after: (key, id) => sql`(${projects.title}, ${projects.id}) > (${key}, ${id}::uuid)`,
    orderBy: [asc(projects.title), asc(projects.id)],
  },
  lastSubmitted: {
    kinds: ['instant', 'uuid'],
    key: instantKey(lastSubmitted),
    after: (key, id) => sql`(${lastSubmitted}, ${projects.id}) < (${key}::timestamptz, ${id}::uuid)`,
    orderBy: [desc(lastSubmitted), desc(projects.id)],
  },
};

async function queryProjects(
  db: Db,
  editionId: string,
  filters: ProjectFilters,
  limit: number,
  options: { sort: ProjectSort; after?: [string, string] },
) {
  const ordering = ORDERINGS[options.sort];
  const conditions = filterConditions(editionId, filters);
  if (options.after) conditions.push(ordering.after(...options.after));
  const rows = await db
    .select({
      project: projects,
      sortKey: ordering.key,
      teamName: teams.name,
      qualificationStatus: teams.qualificationStatus,
      trackCode: tracks.code,
      leadUnitName: sql<string | null>`${leadUnit}`,
      leadUnitType: sql<string | null>`${leadUnitType}`,
    })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .where(and(...conditions))
    .orderBy(...ordering.orderBy)
    .limit(limit);
  const topicRows = await topicsOf(
    db,
    rows.map((row) => row.project.id),
  );
  return rows.map((row) => {
    const own = topicRows.filter((topic) => topic.projectId === row.project.id);
    return { ...row, topics: own, fieldCodes: [...new Set(own.map((topic) => topic.fieldCode))] };
  });
}

type ListedRow = Awaited<ReturnType<typeof queryProjects>>[number];

function presentListed(row: ListedRow, timeZone: string) {
  const { project } = row;
  return {
    id: project.id,
    title: project.title,
    teamId: project.teamId,
    teamName: row.teamName,
    leadUnitName: row.leadUnitName,
    leadUnitType: row.leadUnitType,
    track: row.trackCode,
    direction: project.directionCode,
    category: project.categoryCode,
    publicComponentKind: project.publicComponentKind,
    fieldCodes: row.fieldCodes,
    topics: row.topics.map(({ id, title, fieldCode }) => ({ id, title, fieldCode })),
    qualificationStatus: row.qualificationStatus,
    status: project.latestVersion > 0 ? ('submitted' as const) : ('draft' as const),
    latestVersion: project.latestVersion,
    firstSubmittedAt: isoInZoneOrNull(project.firstSubmittedAt, timeZone),
    lastSubmittedAt: isoInZoneOrNull(project.lastSubmittedAt, timeZone),
    createdAt: isoInZone(project.createdAt, timeZone),
  };
}

export type ListedProject = ReturnType<typeof presentListed>;

/** The keyset of a row in its order: the sort key and the id. */
const keyOf = (row: ListedRow): [string, string] => [row.sortKey, row.project.id];

/** Organizers' list: filters, search, sorted (newest first by default), keyset pagination. */
export async function listProjects(deps: Deps, query: Static<typeof ListQuery>) {
  const { limit, cursor, sort, ...filters } = query;
  const edition = await resolveEdition(deps.db, filters.edition ?? 'current');
  const after = cursor ? (decodeCursor(cursor, ORDERINGS[sort].kinds) as [string, string]) : undefined;
  const rows = await queryProjects(deps.db, edition.id, filters, limit + 1, { sort, after });
  return toPage(rows, limit, (row) => presentListed(row, edition.timeZone), keyOf);
}

/** Every project matching the filters, fetched a batch at a time, for exports. */
export async function* eachProject(deps: Deps, filters: ProjectFilters): AsyncGenerator<ListedProject> {
  const edition = await resolveEdition(deps.db, filters.edition ?? 'current');
  const batch = 500;
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await queryProjects(deps.db, edition.id, filters, batch, { sort: 'newest', after });
    for (const row of rows) yield presentListed(row, edition.timeZone);
    const last = rows.at(-1);
    if (rows.length < batch || !last) return;
    after = keyOf(last);
  }
}
