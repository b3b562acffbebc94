import { and, asc, count, eq, sql } from 'drizzle-orm';
import { isConflicted } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { users } from '../accounts/tables.js';
import { expertConflictKeys, projectConflictKeys } from '../experts/service.js';
import { expertProfiles } from '../experts/tables.js';
import { projectFieldCodes } from './assignment.js';
import { findRound } from './rounds.js';
import { assignments, roundProjects } from './tables.js';

/**
 * The experts an organizer may add by hand to a project of the round: active, not yet assigned
 * to it, and free of any conflict of interest with it (own unit by code or name, units of the
 * expert's teams, declared conflicts). Matching fields first, then the least loaded.
 */
export async function assignmentCandidates(deps: Deps, roundId: string, projectId: string) {
  return candidatesIn(deps.db, roundId, projectId);
}

/** {@link assignmentCandidates} read with `db` (a transaction, for a re-review). */
export async function candidatesIn(db: Db, roundId: string, projectId: string) {
  const round = await findRound(db, roundId);
  const [inRound] = await db
    .select({ id: roundProjects.projectId })
    .from(roundProjects)
    .where(and(eq(roundProjects.roundId, round.id), eq(roundProjects.projectId, projectId)));
  if (!inRound) throw new DomainError('PROJECT_NOT_IN_ROUND', 404);
  const experts = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      affiliationName: expertProfiles.affiliationName,
      fieldCodes: expertProfiles.fieldCodes,
    })
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(and(eq(users.role, 'expert'), sql`${users.disabledAt} is null`))
    .orderBy(asc(users.displayName), asc(users.id));
  const keys = await expertConflictKeys(
    db,
    experts.map((expert) => expert.id),
  );
  const projectKeys = (await projectConflictKeys(db, [projectId])).get(projectId) ?? [`project:${projectId}`];
  const projectFields = new Set((await projectFieldCodes(db, [projectId])).get(projectId) ?? []);
  const loads = await db
    .select({
      expertId: assignments.expertUserId,
      load: count(),
      onProject: sql<boolean>`bool_or(${assignments.projectId} = ${projectId})`,
    })
    .from(assignments)
    .where(eq(assignments.roundId, round.id))
    .groupBy(assignments.expertUserId);
  const loadOf = new Map(loads.map((row) => [row.expertId, row]));
  let conflicted = 0;
  let assigned = 0;
  const items = [];
  for (const expert of experts) {
    if (loadOf.get(expert.id)?.onProject) {
      assigned++;
      continue;
    }
    if (isConflicted({ conflictKeys: keys.get(expert.id)?.keys ?? [] }, { conflictKeys: projectKeys })) {
      conflicted++;
      continue;
    }
    items.push({
      ...expert,
      load: loadOf.get(expert.id)?.load ?? 0,
      matchingFields: expert.fieldCodes.filter((field) => projectFields.has(field)),
    });
  }
  items.sort((a, b) => b.matchingFields.length - a.matchingFields.length || a.load - b.load);
  return { items, conflicted, assigned };
}
