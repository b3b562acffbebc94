import { and, asc, eq, gt, ne } from 'drizzle-orm';
import { checkProjectSubmittable } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';
import { notifyTeam } from '../messages/audience.js';
import { nationalRecommendations } from '../recommendations/tables.js';
import { emitProjectVersion } from '../webhooks/events.js';
import { teams } from '../teams/tables.js';
import {
  assertApproved,
  assertCanRead,
  assertTeamMember,
  assertWindowOpen,
  findProjectRow,
  findTeamWithTrack,
  lockProjectRow,
  windowFor,
} from './access.js';
import { projectContent } from './content.js';
import { projectVersions, projects, type ProjectSnapshot } from './tables.js';

// Submitting a project records an immutable numbered version (R-TIME-3); organizers compare them.

type VersionRow = typeof projectVersions.$inferSelect;
type Team = Awaited<ReturnType<typeof findTeamWithTrack>>;

function presentVersion(version: VersionRow, timeZone: string) {
  return {
    number: version.number,
    submittedBy: version.submittedBy,
    submittedAt: isoInZone(version.submittedAt, timeZone),
    snapshot: version.snapshot,
  };
}

/** Submits: checks everything a submission needs and records an immutable numbered version (R-TIME-1, R-TIME-3). */
export async function submitProject(deps: Deps, projectId: string, actor: Actor) {
  const now = deps.clock.now();
  const existing = await findProjectRow(deps.db, projectId);
  const team = await findTeamWithTrack(deps.db, existing.teamId);
  await assertTeamMember(deps.db, team, actor);
  const version = await recordVersion(deps, projectId, team, actor, now);
  return presentVersion(version, await editionTimeZone(deps.db, existing.editionId));
}

/** SQLSTATE of the trigger keeping a recommended project at its recommended version (post-recommendation-pinned-version.sql). */
const PINNED_SQLSTATE = 'SA014';

/** Records the next version in one transaction; refused once the project is recommended to the national final (R-DIV-2). */
async function recordVersion(deps: Deps, projectId: string, team: Team, actor: Actor, now: Date): Promise<VersionRow> {
  try {
    return await insertVersion(deps, projectId, team, actor, now);
  } catch (error) {
    if (pgErrorOf(error)?.code !== PINNED_SQLSTATE) throw error;
    const version = await pinnedVersion(deps.db, projectId);
    throw pinnedError(version ?? 0);
  }
}

const pinnedError = (version: number) =>
  new DomainError('PROJECT_VERSION_PINNED', 409, { ruleId: 'R-DIV-2', params: { version } });

/** The version a project was recommended to the national final with (R-DIV-2), unless declined there. */
async function pinnedVersion(db: Db, projectId: string): Promise<number | null> {
  const [row] = await db
    .select({ version: nationalRecommendations.versionNumber })
    .from(nationalRecommendations)
    .where(and(eq(nationalRecommendations.projectId, projectId), ne(nationalRecommendations.status, 'declined')));
  return row?.version ?? null;
}

async function insertVersion(deps: Deps, projectId: string, team: Team, actor: Actor, now: Date): Promise<VersionRow> {
  return deps.db.transaction(async (tx) => {
    const project = await lockProjectRow(tx, projectId);
    const pinned = await pinnedVersion(tx, projectId);
    if (pinned !== null) throw pinnedError(pinned);
    assertApproved(firstOrThrow(await tx.select().from(teams).where(eq(teams.id, project.teamId))));
    const { window } = await windowFor(tx, project.editionId, now, project.latestVersion > 0);
    assertWindowOpen(window);
    const content = await projectContent(tx, project);
    assertNoViolations(
      checkProjectSubmittable({
        ...project,
        track: team.trackCode,
        direction: project.directionCode,
        category: project.categoryCode,
        benefitProof: project.benefitProof ?? null,
        topics: content.topics.map((topic) => ({ topicId: topic.id, fieldCode: topic.fieldCode })),
        fileKinds: content.files.map((file) => file.kind),
      }).map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })),
    );
    const number = project.latestVersion + 1;
    const created = firstOrThrow(
      await tx
        .insert(projectVersions)
        .values({ projectId, number, snapshot: content, submittedBy: actor.sub, submittedAt: now })
        .returning(),
    );
    await tx
      .update(projects)
      .set({
        latestVersion: number,
        firstSubmittedAt: project.firstSubmittedAt ?? now,
        lastSubmittedAt: now,
        updatedAt: now,
      })
      .where(eq(projects.id, projectId));
    await notifyTeam(deps, tx, project.teamId, 'project_submitted', {
      project: content.title,
      version: String(number),
      submittedAt: isoInZone(now, await editionTimeZone(tx, project.editionId)),
      files: content.files.map((file) => `${file.name}  SHA-256 ${file.sha256}`).join('\n'),
    });
    await emitProjectVersion(deps, tx, { ...project, title: content.title }, number, now);
    return created;
  });
}

/** Submitted versions by number, oldest first, a page at a time (keyset on the number). */
export async function listVersions(
  deps: Deps,
  projectId: string,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined },
) {
  const project = await findProjectRow(deps.db, projectId);
  await assertCanRead(deps.db, project, actor);
  const timeZone = await editionTimeZone(deps.db, project.editionId);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['integer'] as const)[0];
  const rows = await deps.db
    .select()
    .from(projectVersions)
    .where(
      and(
        eq(projectVersions.projectId, projectId),
        after === undefined ? undefined : gt(projectVersions.number, after),
      ),
    )
    .orderBy(asc(projectVersions.number))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row) => presentVersion(row, timeZone),
    (row) => [row.number],
    await deps.db.$count(projectVersions, eq(projectVersions.projectId, projectId)),
  );
}

async function findVersion(db: Db, projectId: string, number: number): Promise<VersionRow> {
  return firstOrThrow(
    await db
      .select()
      .from(projectVersions)
      .where(and(eq(projectVersions.projectId, projectId), eq(projectVersions.number, number))),
    () => notFound('VERSION_NOT_FOUND', { number }),
  );
}

export async function getVersion(deps: Deps, projectId: string, number: number, actor: Actor) {
  const project = await findProjectRow(deps.db, projectId);
  await assertCanRead(deps.db, project, actor);
  return presentVersion(
    await findVersion(deps.db, projectId, number),
    await editionTimeZone(deps.db, project.editionId),
  );
}

/** A snapshot's fields by name, to compare two of them field by field. */
const fieldsOf = (snapshot: ProjectSnapshot): Record<string, unknown> => ({ ...snapshot });

/** Field-by-field differences between two versions (organizers see every version, R-TIME-3). */
export async function compareVersions(deps: Deps, projectId: string, from: number, to: number) {
  await findProjectRow(deps.db, projectId);
  const versions = await Promise.all([findVersion(deps.db, projectId, from), findVersion(deps.db, projectId, to)]);
  const [older, newer] = [fieldsOf(versions[0].snapshot), fieldsOf(versions[1].snapshot)];
  const keys = [...new Set([...Object.keys(older), ...Object.keys(newer)])];
  const changes = keys
    .filter((key) => JSON.stringify(older[key] ?? null) !== JSON.stringify(newer[key] ?? null))
    .map((key) => ({ field: key, from: older[key] ?? null, to: newer[key] ?? null }));
  return { from, to, changes };
}
