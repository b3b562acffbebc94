import { and, eq, sql } from 'drizzle-orm';
import { projectWindow, type ProjectWindow } from '@saishi/shared';
import type { Actor, Db } from '../../lib/deps.js';
import { DomainError, assertNoViolations, forbidden, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { keptPerDatabase } from '../../db/prepared.js';
import { loadStages, resolveEdition, toStageWindows, type EditionRow } from '../editions/service.js';
import { tracks } from '../editions/tables.js';
import { teamMembers, teams } from '../teams/tables.js';
import { projects } from './tables.js';

// Loading a project and its team, and who may do what with them when.

export type ProjectRow = typeof projects.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;

// The project and team reads of most participant requests, prepared once per database (`keptPerDatabase`).
const teamWithTrack = keptPerDatabase((db) =>
  db
    .select({ team: teams, trackCode: tracks.code })
    .from(teams)
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .where(eq(teams.id, sql.placeholder('teamId')))
    .prepare(''),
);

const projectById = keptPerDatabase((db) =>
  db
    .select()
    .from(projects)
    .where(eq(projects.id, sql.placeholder('projectId')))
    .prepare(''),
);

/** The team with its track's code, or 404. */
export async function findTeamWithTrack(db: Db, teamId: string) {
  const row = firstOrThrow(await teamWithTrack(db).execute({ teamId }), () => notFound('TEAM_NOT_FOUND'));
  return { ...row.team, trackCode: row.trackCode };
}

export async function findProjectRow(db: Db, projectId: string): Promise<ProjectRow> {
  return firstOrThrow(await projectById(db).execute({ projectId }), () => notFound('PROJECT_NOT_FOUND'));
}

/** The project row locked FOR UPDATE, inside a transaction that changes it. */
export async function lockProjectRow(tx: Db, projectId: string): Promise<ProjectRow> {
  return firstOrThrow(await tx.select().from(projects).where(eq(projects.id, projectId)).for('update'), () =>
    notFound('PROJECT_NOT_FOUND'),
  );
}

/**
 * Whether a participant is the team's leader or one of its members: one statement, prepared once
 * per database (`keptPerDatabase`), as every read of a participant's project asks it.
 */
const leaderOrMember = keptPerDatabase((db) =>
  db
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        eq(teams.id, sql.placeholder('teamId')),
        sql`(${teams.leaderUserId} = ${sql.placeholder('userId')} or exists (select 1 from ${teamMembers} m where m.team_id = ${teams.id} and m.user_id = ${sql.placeholder('userId')}))`,
      ),
    )
    .prepare(''),
);

async function isTeamMember(db: Db, team: Pick<TeamRow, 'id' | 'leaderUserId'>, userId: string): Promise<boolean> {
  if (team.leaderUserId === userId) return true;
  return (await leaderOrMember(db).execute({ teamId: team.id, userId })).length > 0;
}

export async function assertTeamMember(db: Db, team: Pick<TeamRow, 'id' | 'leaderUserId'>, actor: Actor) {
  if (!(await isTeamMember(db, team, actor.sub))) throw forbidden('NOT_PROJECT_TEAM_MEMBER');
}

/**
 * Who may read a project and download its files here: admins and the team's members (leader
 * included). Experts never read through this module, which shows the team: blind review serves
 * them an anonymized view and neutral file names under /assignments/{id}. The project's team is
 * asked for (`teamOf`) only for a participant.
 */
async function mayRead(db: Db, user: Actor, teamOf: () => Promise<string | undefined>): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'participant') return false;
  const teamId = await teamOf();
  return teamId !== undefined && (await leaderOrMember(db).execute({ teamId, userId: user.sub })).length > 0;
}

/** `mayRead` a project known by its id. */
export async function canReadProject(db: Db, user: Actor, projectId: string): Promise<boolean> {
  return mayRead(db, user, async () => {
    const [project] = await db.select({ teamId: projects.teamId }).from(projects).where(eq(projects.id, projectId));
    return project?.teamId;
  });
}

/** Whoever may download the files reads the project too; everyone else gets 404, so ids reveal nothing. */
export async function assertCanRead(db: Db, project: ProjectRow, actor: Actor): Promise<void> {
  if (!(await mayRead(db, actor, async () => project.teamId))) throw notFound('PROJECT_NOT_FOUND');
}

export function assertApproved(team: TeamRow): void {
  if (team.qualificationStatus !== 'approved') {
    throw new DomainError('TEAM_NOT_APPROVED', 409, { params: { status: team.qualificationStatus } });
  }
}

/** What the edition's timeline allows a project now (R-TIME-1, R-TIME-3). */
export async function windowFor(
  db: Db,
  editionId: string,
  now: Date,
  everSubmitted: boolean,
): Promise<{ edition: EditionRow; window: ProjectWindow }> {
  const [edition, stageRows] = await Promise.all([resolveEdition(db, editionId), loadStages(db, editionId)]);
  const stages = toStageWindows(stageRows);
  return { edition, window: projectWindow({ stages, now, nationalFinalAt: edition.nationalFinalAt, everSubmitted }) };
}

/** R-TIME-1 / R-TIME-3: refuses, naming the stage and the rule, when the timeline allows no change. */
export function assertWindowOpen(window: ProjectWindow): asserts window is Exclude<ProjectWindow, { kind: 'closed' }> {
  if (window.kind === 'closed') assertNoViolations([window.violation]);
}
