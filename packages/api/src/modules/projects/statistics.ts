import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Db, Deps } from '../../lib/deps.js';
import { firstOrThrow } from '../../lib/rows.js';
import { resolveEdition, type EditionRow } from '../editions/service.js';
import { fields, topics, tracks } from '../editions/tables.js';
import { teams } from '../teams/tables.js';
import { leadUnitType } from './listing.js';
import type { StatisticsQuery } from './schemas.js';
import { onSubmittedVersion, submitted, submittedInField, submittedVersion } from './submitted.js';
import { projectTopics, projects } from './tables.js';

const count = sql<number>`count(distinct ${projects.id})::int`;

/** Projects of the edition, drafts included, and how many are submitted. */
async function totals(db: Db, editionId: string) {
  const row = firstOrThrow(
    await db
      .select({
        all: sql<number>`count(*)::int`,
        submitted: sql<number>`(count(*) filter (where ${projects.latestVersion} > 0))::int`,
      })
      .from(projects)
      .where(eq(projects.editionId, editionId)),
  );
  return { projects: row.all, submitted: row.submitted, drafts: row.all - row.submitted };
}

// A submitted project counts as submitted (its latest version); a draft as its working copy.
const direction = sql<string>`coalesce(${submitted.directionCode}, ${projects.directionCode})`;
const category = sql<string>`coalesce(${submitted.categoryCode}, ${projects.categoryCode})`;
const inField = sql`case when ${submittedVersion.id} is null
  then exists (select 1 from ${projectTopics} pt join ${topics} tp on tp.id = pt.topic_id where pt.project_id = ${projects.id} and tp.field_id = ${fields.id})
  else ${submittedInField(fields.code)} end`;

/** The counts of the projects in scope (`base`) by track, direction, category, field, lead unit type and day. */
function countsBy(db: Db, edition: EditionRow, base: SQL | undefined) {
  const unitType = sql<string>`coalesce(${leadUnitType}, 'individual')`;
  const day = sql<string>`to_char(${projects.firstSubmittedAt} at time zone ${edition.timeZone}, 'YYYY-MM-DD')`;
  return Promise.all([
    db
      .select({ key: tracks.code, count })
      .from(projects)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .innerJoin(tracks, eq(tracks.id, teams.trackId))
      .where(base)
      .groupBy(tracks.code)
      .orderBy(tracks.code),
    db
      .select({ key: direction, count })
      .from(projects)
      .leftJoin(submittedVersion, onSubmittedVersion)
      .where(base)
      .groupBy(direction)
      .orderBy(direction),
    db
      .select({ key: category, count })
      .from(projects)
      .leftJoin(submittedVersion, onSubmittedVersion)
      .where(base)
      .groupBy(category)
      .orderBy(category),
    db
      .select({ key: fields.code, count })
      .from(projects)
      .leftJoin(submittedVersion, onSubmittedVersion)
      .innerJoin(fields, and(eq(fields.editionId, projects.editionId), inField))
      .where(base)
      .groupBy(fields.code, fields.sortOrder)
      .orderBy(fields.sortOrder),
    db
      .select({ key: unitType, count })
      .from(projects)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .where(base)
      .groupBy(unitType)
      .orderBy(unitType),
    db
      .select({ key: day, count })
      .from(projects)
      .where(and(base, sql`${projects.firstSubmittedAt} is not null`))
      // By position: the time zone is a bound parameter, so the expression cannot be repeated.
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  ]);
}

/** Counts for the admin dashboard: by track, direction, category, field, lead unit type and day of first submission. */
export async function projectStatistics(deps: Deps, query: Static<typeof StatisticsQuery>) {
  const edition = await resolveEdition(deps.db, query.edition);
  const base = and(
    eq(projects.editionId, edition.id),
    query.scope === 'submitted' ? sql`${projects.latestVersion} > 0` : undefined,
  );
  const [all, [byTrack, byDirection, byCategory, byField, byUnitType, byDay]] = await Promise.all([
    totals(deps.db, edition.id),
    countsBy(deps.db, edition, base),
  ]);
  return {
    edition: edition.code,
    scope: query.scope,
    totals: all,
    byTrack,
    byDirection,
    byCategory,
    byField,
    byUnitType,
    byDay,
  };
}
