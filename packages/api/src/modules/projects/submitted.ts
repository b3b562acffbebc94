import { and, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CategoryCode, DirectionCode } from '@saishi/shared';
import type { Db } from '../../lib/deps.js';
import { projectVersions, projects, type ProjectSnapshot } from './tables.js';

// What the public and every derived view (results, rankings, awards, the R-PROJ-1 shortlist,
// statistics of submitted work) read of a project: its latest submitted version's snapshot,
// never the working copy, which its team may edit at any time (R-TIME-3).

/** The project's latest submitted version; join it with `onSubmittedVersion` (inner: drafts drop out). */
export const submittedVersion = alias(projectVersions, 'submitted_version');

export const onSubmittedVersion = and(
  eq(submittedVersion.projectId, projects.id),
  eq(submittedVersion.number, projects.latestVersion),
);

const snapshot = submittedVersion.snapshot;

/** The submitted snapshot's fields as columns, for selects, filters and groupings. */
export const submitted = {
  title: sql<string>`(${snapshot} ->> 'title')`,
  summary: sql<string>`(${snapshot} ->> 'summary')`,
  directionCode: sql<DirectionCode>`(${snapshot} ->> 'direction')`,
  categoryCode: sql<CategoryCode>`(${snapshot} ->> 'category')`,
  completeBeforeNationalFinal: sql<boolean>`coalesce((${snapshot} ->> 'completeBeforeNationalFinal')::boolean, false)`,
};

/** Whether the submitted snapshot has a topic in the field (a field code or a column holding one). */
export function submittedInField(fieldCode: string | SQLWrapper): SQL {
  return sql`exists (select 1 from jsonb_array_elements(${snapshot} -> 'topics') as submitted_topic where submitted_topic ->> 'fieldCode' = ${fieldCode})`;
}

/** The submitted snapshots of the projects (drafts have none), by project id. */
export async function submittedSnapshots(db: Db, projectIds: readonly string[]): Promise<Map<string, ProjectSnapshot>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .select({ projectId: projects.id, snapshot: submittedVersion.snapshot })
    .from(projects)
    .innerJoin(submittedVersion, onSubmittedVersion)
    .where(inArray(projects.id, [...new Set(projectIds)]));
  return new Map(rows.map((row) => [row.projectId, row.snapshot]));
}
