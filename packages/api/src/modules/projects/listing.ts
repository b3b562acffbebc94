import { and, count, eq, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Static } from 'typebox';
import { pagedReads } from '../../db/paged-reads.js';
import { keptPerDatabase } from '../../db/prepared.js';
import type { Db, Deps } from '../../lib/deps.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { resolveEdition } from '../editions/service.js';
import { fields, topics, tracks } from '../editions/tables.js';
import { topicIndex, topicsInOrder, type TopicIndex } from '../editions/topic-index.js';
import { membersOfTeams, type NamedMember } from '../teams/contacts.js';
import { teamUnits, teams, units } from '../teams/tables.js';
import { users } from '../accounts/tables.js';
import type { FilterQuery, ListQuery, PROJECT_SORTS } from './schemas.js';
import { projectSearchDocuments, projectTopics, projects } from './tables.js';
import { containsPattern } from '../../lib/text.js';

// The organizers' list of projects: filters, search, newest first, keyset pagination.

export type ProjectFilters = Static<typeof FilterQuery>;

/** The type of the team's lead unit (none for individuals), for the statistics. */
export const leadUnitType = sql`(select u.type from ${teamUnits} tu join ${units} u on u.id = tu.unit_id where tu.team_id = ${teams.id} and tu.is_lead limit 1)`;

/**
 * ILIKE '%…%' over the project's search document (title, team and unit names), which one pg_trgm
 * GIN index accelerates: a rare term is one index scan whatever the number of projects.
 */
export function searchCondition(q: string): SQL {
  return matchesSearch(containsPattern(q));
}

/** The search condition for a `containsPattern`, given or bound at execution. */
function matchesSearch(pattern: string | Placeholder): SQL {
  return sql`${projects.id} in (select ${projectSearchDocuments.projectId} from ${projectSearchDocuments} where ${projectSearchDocuments.document} ilike ${pattern})`;
}

/**
 * The conditions of the filters given (those with a value in `filterValues`), their values as
 * placeholders named after the filters.
 */
function filterConditions(filters: ProjectFilters): SQL[] {
  const given = filterValues('', filters);
  const conditions: SQL[] = [eq(projects.editionId, sql.placeholder('editionId'))];
  if (given.track) conditions.push(eq(tracks.code, sql.placeholder('track')));
  if (given.direction) conditions.push(eq(projects.directionCode, sql.placeholder('direction')));
  if (given.category) conditions.push(eq(projects.categoryCode, sql.placeholder('category')));
  if (given.qualificationStatus) {
    conditions.push(eq(teams.qualificationStatus, sql.placeholder('qualificationStatus')));
  }
  if (filters.status === 'submitted') conditions.push(sql`${projects.latestVersion} > 0`);
  if (filters.status === 'draft') conditions.push(sql`${projects.latestVersion} = 0`);
  if (given.topicId) {
    conditions.push(
      sql`exists (select 1 from ${projectTopics} pt where pt.project_id = ${projects.id} and pt.topic_id = ${sql.placeholder('topicId')})`,
    );
  }
  if (given.field) {
    conditions.push(
      sql`exists (select 1 from ${projectTopics} pt join ${topics} tp on tp.id = pt.topic_id join ${fields} f on f.id = tp.field_id where pt.project_id = ${projects.id} and f.code = ${sql.placeholder('field')})`,
    );
  }
  if (given.pattern) conditions.push(matchesSearch(sql.placeholder('pattern')));
  return conditions;
}

/** The values of `filterConditions`' placeholders in the given edition. */
export function filterValues(editionId: string, filters: ProjectFilters): Record<string, unknown> {
  const q = filters.q?.trim();
  return {
    editionId,
    track: filters.track,
    direction: filters.direction,
    category: filters.category,
    qualificationStatus: filters.qualificationStatus,
    topicId: filters.topicId,
    field: filters.field,
    pattern: q ? containsPattern(q) : undefined,
  };
}

/**
 * Which filters a list query applies, which decide its text (their values are bound at execution):
 * those with a value in `filterValues` (`given`), as in `filterConditions`, and the status.
 */
function filterShape({ editionId: _edition, ...given }: Record<string, unknown>, status: ProjectFilters['status']) {
  return (
    Object.values(given)
      .map((value) => (value ? '1' : '0'))
      .join('') + (status ?? '')
  );
}

/** The values of a page's placeholders: the filters' (`filterValues`), the page size and the keyset to start after. */
function pageValues(given: Record<string, unknown>, limit: number, after?: [string, string]) {
  return { ...given, limit, afterKey: after?.[0], afterId: after?.[1] };
}

type ProjectSort = (typeof PROJECT_SORTS)[number];

const afterKey = sql.placeholder('afterKey');
const afterId = sql.placeholder('afterId');

// Drafts have no submission: they sort after every submitted project, as if submitted at the epoch.
const lastSubmitted = sql`coalesce(${projects.lastSubmittedAt}, 'epoch'::timestamptz)`;

/** The list's orders; a page after a cursor binds its keyset as `afterKey` and `afterId`. */
const ORDERINGS: Record<ProjectSort, KeysetOrder> = {
  newest: keysetOrder('instant', projects.createdAt, projects.id, 'desc'),
  oldest: keysetOrder('instant', projects.createdAt, projects.id, 'asc'),
  title: keysetOrder('text', projects.title, projects.id, 'asc'),
  lastSubmitted: keysetOrder('instant', lastSubmitted, projects.id, 'desc'),
};

const leader = alias(users, 'leader');

/** The columns of a listed project (its topics as ids). */
const PROJECT_COLUMNS = {
  id: projects.id,
  title: projects.title,
  teamId: projects.teamId,
  directionCode: projects.directionCode,
  categoryCode: projects.categoryCode,
  publicComponentKind: projects.publicComponentKind,
  latestVersion: projects.latestVersion,
  firstSubmittedAt: projects.firstSubmittedAt,
  lastSubmittedAt: projects.lastSubmittedAt,
  createdAt: projects.createdAt,
  // Kept on the project by triggers (tables.ts): their titles and order come from the edition's `topicIndex`.
  topicIds: projects.topicIds,
  teamName: teams.name,
  qualificationStatus: teams.qualificationStatus,
  trackCode: tracks.code,
  leadUnitName: units.name,
  leadUnitType: units.type,
};

/** The export's further columns: the leader, the lead unit's credit code, the members. */
const CONTACT_COLUMNS = {
  leaderUserId: leader.id,
  leaderName: leader.displayName,
  leaderMobile: leader.mobile,
  leaderEmail: leader.email,
  creditCode: units.creditCode,
};

/** The WHERE and ORDER BY of a page of projects in the given order, after a keyset if `after`. */
function pageOf(filters: ProjectFilters, sort: ProjectSort, after: boolean) {
  const ordering = ORDERINGS[sort];
  const conditions = filterConditions(filters);
  if (after) conditions.push(ordering.after(afterKey, afterId));
  return { where: and(...conditions), orderBy: ordering.orderBy, sortKey: ordering.key };
}

// The team's lead unit: one at most (a unique partial index), joined rather than looked up per row.
const isLeadUnitOfTeam = and(eq(teamUnits.teamId, teams.id), eq(teamUnits.isLead, true));

/** The alias of a page's rows in the query that hands them over as one JSON array. */
const PAGE = 'page';

/** Each field selected under its own name (a subquery's columns become the keys of its rows' JSON). */
function aliased<Fields extends Record<string, SQLWrapper>>(fields: Fields) {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, sql`${field}`.as(name)])) as {
    [Name in keyof Fields]: SQL.Aliased;
  };
}

/**
 * One page of the list in one query and one value: the page's projects as a JSON array, in the
 * order of the list, each with its topic ids (kept on the project), and the count of the whole
 * list (an uncorrelated subquery computed once, so that `total` costs no second query). `pg` parses
 * one value, not every column of every row with the type parser of each, which cost the list
 * more CPU than the rest of its request. Titles and field codes come from the edition's topic
 * index, not from joining topics and fields for every page, which cost more than the rest of the
 * query. Its values are placeholders (`pageValues`).
 */
export function queryProjects(db: Db, filters: ProjectFilters, options: { sort: ProjectSort; after: boolean }) {
  const page = pageOf(filters, options.sort, options.after);
  const rows = db
    .select(aliased({ ...PROJECT_COLUMNS, sortKey: page.sortKey }))
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .leftJoin(teamUnits, isLeadUnitOfTeam)
    .leftJoin(units, eq(units.id, teamUnits.unitId))
    .where(page.where)
    .orderBy(...page.orderBy)
    .limit(sql.placeholder('limit'))
    .as(PAGE);
  // Aggregated in the list's order, which the sort key's text and the id follow.
  const direction = sql.raw(ORDERINGS[options.sort].direction);
  const inOrder = sql`${sql.identifier(PAGE)}.${sql.identifier('sortKey')} ${direction}, ${sql.identifier(PAGE)}.${sql.identifier('id')} ${direction}`;
  return db
    .select({
      // An int4, which `pg` reads as a number.
      total: sql<number>`(${countQuery(db, filters)})::int`,
      rows: sql<string>`coalesce(json_agg(${sql.identifier(PAGE)} order by ${inOrder}), '[]')::text`,
    })
    .from(rows);
}

type PreparedPage = ReturnType<ReturnType<typeof queryProjects>['prepare']>;

/**
 * The list's query built once per shape (filters given, order, cursor) and database
 * (`keptPerDatabase`): building it with drizzle cost more CPU than PostgreSQL spends running it.
 */
const preparedPages = keptPerDatabase(() => new Map<string, PreparedPage>());

function preparedPage(
  db: Db,
  filters: ProjectFilters,
  given: Record<string, unknown>,
  sort: ProjectSort,
  after: boolean,
): PreparedPage {
  const byShape = preparedPages(db);
  const shape = `${sort}:${after ? 'after' : 'first'}:${filterShape(given, filters.status)}`;
  let prepared = byShape.get(shape);
  if (!prepared) byShape.set(shape, (prepared = queryProjects(db, filters, { sort, after }).prepare('')));
  return prepared;
}

/**
 * One page of the export, newest first: one query for the projects with their contacts and topic
 * ids, then one grouped query for the page's members (set-based: no subquery per row, whose cost
 * grew with every row of the page).
 */
async function queryExportRows(
  db: Db,
  editionId: string,
  filters: ProjectFilters,
  limit: number,
  after?: [string, string],
) {
  const page = pageOf(filters, 'newest', after !== undefined);
  const rows = await db
    .select({ ...PROJECT_COLUMNS, ...CONTACT_COLUMNS, sortKey: page.sortKey })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .leftJoin(teamUnits, isLeadUnitOfTeam)
    .leftJoin(units, eq(units.id, teamUnits.unitId))
    .leftJoin(leader, eq(leader.id, teams.leaderUserId))
    .where(page.where)
    .orderBy(...page.orderBy)
    .limit(sql.placeholder('limit'))
    .execute(pageValues(filterValues(editionId, filters), limit, after));
  const membersOf = await membersOfTeams(
    db,
    rows.map((row) => row.teamId),
  );
  return { rows, membersOf };
}

/**
 * The count of the projects matching the filters, on all pages together. Every project has a team
 * and a track (not-null foreign keys), so the count joins them only for a filter that reads them:
 * otherwise it reads the projects of the edition alone. Its values are placeholders (`filterValues`).
 */
export function countQuery(db: Db, filters: ProjectFilters) {
  let query = db.select({ total: count() }).from(projects).$dynamic();
  if (filters.track || filters.qualificationStatus) {
    query = query.innerJoin(teams, eq(teams.id, projects.teamId)).innerJoin(tracks, eq(tracks.id, teams.trackId));
  }
  return query.where(and(...filterConditions(filters)));
}

type ExportRow = Awaited<ReturnType<typeof queryExportRows>>['rows'][number];
/** A listed project's columns, its instants as dates (the export's rows) or as JSON text (the list's). */
type ListedRow = Omit<ExportRow, keyof typeof CONTACT_COLUMNS | 'sortKey' | Instant> & {
  [Name in Instant]: ExportRow[Name] | (null extends ExportRow[Name] ? string | null : string);
};
type Instant = 'firstSubmittedAt' | 'lastSubmittedAt' | 'createdAt';
/** A project of a page's JSON (`queryProjects`). */
type PageRow = ListedRow & { sortKey: string };

/** What a listed project's topics and instants are presented with: the edition's topics and time zone. */
interface Presentation {
  topics: TopicIndex;
  timeZone: string;
}

/** The topic ids of the rows of a page, for `topicIndex` to find them all. */
function* topicIdsOf(rows: Iterable<{ topicIds: readonly string[] }>): Iterable<string> {
  for (const row of rows) yield* row.topicIds;
}

/** A listed project as the list answers it, its topics in the edition's order. */
function presentListed(row: ListedRow, { topics, timeZone }: Presentation) {
  const topicList = topicsInOrder(topics, row.topicIds).map(({ id, title, fieldCode }) => ({ id, title, fieldCode }));
  return {
    id: row.id,
    title: row.title,
    teamId: row.teamId,
    teamName: row.teamName,
    leadUnitName: row.leadUnitName,
    leadUnitType: row.leadUnitType,
    track: row.trackCode,
    direction: row.directionCode,
    category: row.categoryCode,
    publicComponentKind: row.publicComponentKind,
    fieldCodes: [...new Set(topicList.map((topic) => topic.fieldCode))],
    topics: topicList,
    qualificationStatus: row.qualificationStatus,
    status: row.latestVersion > 0 ? ('submitted' as const) : ('draft' as const),
    latestVersion: row.latestVersion,
    firstSubmittedAt: isoInZoneOrNull(row.firstSubmittedAt, timeZone),
    lastSubmittedAt: isoInZoneOrNull(row.lastSubmittedAt, timeZone),
    createdAt: isoInZone(row.createdAt, timeZone),
  };
}

export type ListedProject = ReturnType<typeof presentListed>;

/** The keyset of a row in its order: the sort key and the id. */
const keyOf = (row: { sortKey: string; id: string }): [string, string] => [row.sortKey, row.id];

/** Organizers' list: filters, search, sorted (newest first by default), keyset pagination. */
export async function listProjects(deps: Deps, query: Static<typeof ListQuery>) {
  const { limit, cursor, sort, ...filters } = query;
  const edition = await resolveEdition(deps.db, filters.edition ?? 'current');
  const after = cursor ? (decodeCursor(cursor, ORDERINGS[sort].kinds) as [string, string]) : undefined;
  // The filters' values, computed once for the query's shape and its execution.
  const given = filterValues(edition.id, filters);
  const [page] = await preparedPage(deps.db, filters, given, sort, after !== undefined).execute(
    pageValues(given, limit + 1, after),
  );
  const rows = JSON.parse(page?.rows ?? '[]') as PageRow[];
  const total = page?.total ?? 0;
  const presentation = {
    topics: await topicIndex(deps.db, edition.id, topicIdsOf(rows)),
    timeZone: edition.timeZone,
  };
  return toPage(rows, limit, (row) => presentListed(row, presentation), keyOf, total);
}

/** Who to call about a project, for the organizers' export. */
export interface ProjectContacts {
  leaderUserId: string | null;
  leaderName: string;
  /** Unmasked only for an export with a reason; masked (138****0001) otherwise. */
  leaderMobile: string | null;
  leaderEmail: string | null;
  creditCode: string;
  /** The members' names, roles and accounts (logged when exported), the leader first, then in joining order. */
  members: NamedMember[];
}

export type ExportedProject = ListedProject & ProjectContacts;

/**
 * Every project matching the filters with its contacts, newest first, a page of `pageSize` at a
 * time (keyset-paged, two set-based queries a page): pages, so that a consumer can stream and log them.
 */
export async function* exportPages(
  deps: Deps,
  filters: ProjectFilters,
  pageSize: number,
): AsyncGenerator<ExportedProject[]> {
  const edition = await resolveEdition(deps.db, filters.edition ?? 'current');
  const reads = pagedReads(deps.db);
  // The next page is asked for before this one is handed out: the database works meanwhile.
  let next = queryExportRows(reads, edition.id, filters, pageSize);
  for (;;) {
    const { rows, membersOf } = await next;
    const presentation = {
      topics: await topicIndex(deps.db, edition.id, topicIdsOf(rows)),
      timeZone: edition.timeZone,
    };
    const last = rows.length === pageSize ? rows.at(-1) : undefined;
    if (last) {
      next = queryExportRows(reads, edition.id, filters, pageSize, keyOf(last));
      // Awaited at the next page; a consumer that stops early leaves it unawaited, not unhandled.
      next.catch(() => {});
    }
    // The contacts are added to the listed project, not spread with it into a copy: a copy of two
    // dozen fields took three times the memory, and the pages in flight end up in the old heap.
    yield rows.map((row) =>
      Object.assign(presentListed(row, presentation), {
        leaderUserId: row.leaderUserId,
        leaderName: row.leaderName ?? '',
        leaderMobile: row.leaderMobile,
        leaderEmail: row.leaderEmail,
        creditCode: row.creditCode ?? '',
        members: membersOf.get(row.teamId) ?? [],
      }),
    );
    if (!last) return;
  }
}
