import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Actor, Db } from '../../lib/deps.js';
import { recordDecision } from '../ledger/service.js';
import { projects } from '../projects/tables.js';
import { enrollQualifiedProjects, findRoundOfKind } from './rounds.js';
import { assignments, reviewRounds, roundProjects, scores } from './tables.js';

/**
 * R-SOC-3 in review: a team flagged by a blacklist import takes part in no round until an
 * organizer clears the flag. Enrollment skips flagged teams (rounds.ts), the ranking leaves
 * their scores out (ranking.ts, so neither advancement nor awards reach them), and a flag raised
 * while a round runs withdraws the team's projects from it here.
 *
 * Every use case that enrolls or assigns locks the round row first; so does the withdrawal, which
 * therefore sees (and removes) whatever a concurrent enrollment or assignment committed.
 */

/**
 * Withdraws the teams' projects, their assignments and scores from every round not yet closed;
 * each removal is in the ledger, naming the organizer whose import flagged the team and voiding
 * the certification of a submitted score it takes away.
 */
export async function withdrawFlaggedTeams(tx: Db, teamIds: readonly string[], actor: Pick<Actor, 'sub'>, now: Date) {
  if (teamIds.length === 0) return;
  const teamProjects = await tx
    .select({ id: projects.id, editionId: projects.editionId, teamId: projects.teamId })
    .from(projects)
    .where(inArray(projects.teamId, [...teamIds]));
  if (teamProjects.length === 0) return;
  const projectIds = teamProjects.map((project) => project.id);
  const teamOf = new Map(teamProjects.map((project) => [project.id, project.teamId]));
  const openRounds = await tx
    .select({ id: reviewRounds.id })
    .from(reviewRounds)
    .where(
      and(
        inArray(reviewRounds.editionId, [...new Set(teamProjects.map((project) => project.editionId))]),
        ne(reviewRounds.status, 'closed'),
      ),
    )
    .orderBy(asc(reviewRounds.id))
    .for('update');
  for (const round of openRounds) {
    const scored = await tx
      .select({ assignmentId: scores.assignmentId, scoreId: scores.id })
      .from(scores)
      .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
      .where(
        and(
          eq(assignments.roundId, round.id),
          inArray(assignments.projectId, projectIds),
          eq(scores.status, 'submitted'),
        ),
      );
    const submittedScore = new Map(scored.map((row) => [row.assignmentId, row.scoreId]));
    const removed = await tx
      .delete(assignments)
      .where(and(eq(assignments.roundId, round.id), inArray(assignments.projectId, projectIds)))
      .returning({ id: assignments.id, projectId: assignments.projectId, expertId: assignments.expertUserId });
    for (const assignment of removed) {
      // Organizers' record only: the expert just no longer has the assignment, told nothing about the team.
      const scoreId = submittedScore.get(assignment.id);
      await recordDecision(
        tx,
        actor,
        {
          action: 'assignment.removed',
          subjectType: 'assignment',
          subjectId: assignment.id,
          payload: {
            roundId: round.id,
            projectId: assignment.projectId,
            expertId: assignment.expertId,
            teamId: teamOf.get(assignment.projectId) ?? null,
            reason: 'team flagged',
            ruleId: 'R-SOC-3',
          },
          ...(scoreId ? { certifies: { table: 'scores' as const, rowId: scoreId, void: true } } : {}),
        },
        now,
      );
    }
    await tx
      .delete(roundProjects)
      .where(and(eq(roundProjects.roundId, round.id), inArray(roundProjects.projectId, projectIds)));
  }
}

/** Once its flag is cleared, the team's projects join a preliminary that is already open (a draft one enrolls them on opening). */
export async function enrollClearedTeam(tx: Db, editionId: string, actor: Pick<Actor, 'sub'>, now: Date) {
  const preliminary = await findRoundOfKind(tx, editionId, 'preliminary');
  if (!preliminary) return;
  const [round] = await tx.select().from(reviewRounds).where(eq(reviewRounds.id, preliminary.id)).for('update');
  if (round?.status === 'open') await enrollQualifiedProjects(tx, round, actor, now);
}
