import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Deps } from '../../lib/deps.js';
import { isoInZoneOrNull } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { resolveEdition } from '../editions/service.js';
import { stages } from '../editions/tables.js';
import { assignedCount, submittedCount } from '../review/counting.js';
import { assignments, reviewRounds, roundProjects, scores } from '../review/tables.js';
import { teams } from '../teams/tables.js';
import { EXPERTS_LISTED } from './schemas.js';

async function qualificationCounts(deps: Deps, editionId: string) {
  const [row] = await deps.db
    .select({
      awaiting: sql<number>`(count(*) filter (where ${teams.qualificationStatus} = 'submitted'))::int`,
      flagged: sql<number>`(count(*) filter (where ${teams.flaggedAt} is not null))::int`,
    })
    .from(teams)
    .where(eq(teams.editionId, editionId));
  return { awaiting: row?.awaiting ?? 0, flagged: row?.flagged ?? 0 };
}

/** Per round: its projects, how many have their N scores, and the counting assignments and scores. */
async function projectCounts(deps: Deps, editionId: string) {
  const perProject = deps.db
    .select({
      roundId: roundProjects.roundId,
      expertsPerProject: reviewRounds.expertsPerProject,
      assigned: assignedCount.as('assigned'),
      submitted: submittedCount.as('submitted'),
    })
    .from(roundProjects)
    .innerJoin(reviewRounds, eq(reviewRounds.id, roundProjects.roundId))
    .leftJoin(
      assignments,
      and(eq(assignments.roundId, roundProjects.roundId), eq(assignments.projectId, roundProjects.projectId)),
    )
    .leftJoin(users, eq(users.id, assignments.expertUserId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(eq(reviewRounds.editionId, editionId))
    .groupBy(roundProjects.roundId, roundProjects.projectId, reviewRounds.expertsPerProject)
    .as('per_project');
  const rows = await deps.db
    .select({
      roundId: perProject.roundId,
      projects: sql<number>`count(*)::int`,
      reviewedProjects: sql<number>`(count(*) filter (where ${perProject.submitted} >= ${perProject.expertsPerProject}))::int`,
      assignments: sql<number>`coalesce(sum(${perProject.assigned}), 0)::int`,
      submitted: sql<number>`coalesce(sum(${perProject.submitted}), 0)::int`,
    })
    .from(perProject)
    .groupBy(perProject.roundId);
  return new Map(rows.map((row) => [row.roundId, row]));
}

/** Per round and expert: counting assignments and submitted scores, the most left to do first. */
async function expertCounts(deps: Deps, editionId: string) {
  const assigned = assignedCount.mapWith(Number);
  const submitted = submittedCount.mapWith(Number);
  return deps.db
    .select({
      roundId: assignments.roundId,
      expertId: assignments.expertUserId,
      name: users.displayName,
      assigned,
      submitted,
    })
    .from(assignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
    .innerJoin(users, eq(users.id, assignments.expertUserId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(eq(reviewRounds.editionId, editionId))
    .groupBy(assignments.roundId, assignments.expertUserId, users.displayName)
    .having(sql`${assignedCount} > 0`)
    .orderBy(desc(sql`${assignedCount} - ${submittedCount}`), asc(users.displayName), asc(assignments.expertUserId));
}

/**
 * What the organizers of an edition have to do now and how far review has come: teams awaiting
 * the qualification decision, flagged teams, and per review round its projects fully reviewed,
 * its scores submitted and each expert's progress (with the end of the round's stage, to tell
 * who is behind schedule).
 */
export async function editionProgress(deps: Deps, editionRef: string) {
  const edition = await resolveEdition(deps.db, editionRef);
  const [qualification, rounds, stageEnds, byProject, byExpert] = await Promise.all([
    qualificationCounts(deps, edition.id),
    deps.db
      .select()
      .from(reviewRounds)
      .where(eq(reviewRounds.editionId, edition.id))
      .orderBy(sql`${reviewRounds.kind} = 'final'`),
    deps.db
      .select({ code: stages.code, endsAt: stages.endsAt })
      .from(stages)
      .where(and(eq(stages.editionId, edition.id), isNotNull(stages.endsAt))),
    projectCounts(deps, edition.id),
    expertCounts(deps, edition.id),
  ]);
  const endOf = new Map(stageEnds.map((stage) => [stage.code as string, stage.endsAt]));
  return {
    edition: edition.code,
    qualification,
    rounds: rounds.map((round) => {
      const counts = byProject.get(round.id);
      const experts = byExpert.filter((row) => row.roundId === round.id);
      return {
        id: round.id,
        kind: round.kind,
        status: round.status,
        expertsPerProject: round.expertsPerProject,
        stageEndsAt: isoInZoneOrNull(endOf.get(round.kind) ?? null, edition.timeZone),
        projects: counts?.projects ?? 0,
        reviewedProjects: counts?.reviewedProjects ?? 0,
        assignments: counts?.assignments ?? 0,
        submitted: counts?.submitted ?? 0,
        expertsBehind: experts.filter((expert) => expert.submitted < expert.assigned).length,
        experts: experts
          .slice(0, EXPERTS_LISTED)
          .map(({ expertId, name, assigned, submitted }) => ({ expertId, name, assigned, submitted })),
      };
    }),
  };
}
