import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { isConflicted, type ScoreStatus } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { isUniqueViolation, pgErrorOf } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editions, fields, topics } from '../editions/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { expertConflictKeys, projectConflictKeys } from '../experts/service.js';
import { recordDecision } from '../ledger/service.js';
import { notifyAssignedExperts } from '../messages/audience.js';
import { projects, projectTopics } from '../projects/tables.js';
import { lockRoundForHandChange } from './assignment-runs.js';
import { assertNotClosed } from './rounds.js';
import type { ASSIGNMENT_SORTS, AssignmentBody, AssignmentQuery } from './schemas.js';
import { assignments, reviewRounds, roundProjects, scores } from './tables.js';

/** SQLSTATE raised by the assignments trigger (src/db/sql/post-review.sql). */
export const COI_SQLSTATE = 'SA001';

/** Rows per statement when reading or writing a round's many projects and assignments. */
const BATCH = 5000;

export async function projectFieldCodes(db: Db, projectIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (let index = 0; index < projectIds.length; index += BATCH) {
    const rows = await db
      .select({ projectId: projectTopics.projectId, field: fields.code })
      .from(projectTopics)
      .innerJoin(topics, eq(topics.id, projectTopics.topicId))
      .innerJoin(fields, eq(fields.id, topics.fieldId))
      .where(inArray(projectTopics.projectId, projectIds.slice(index, index + BATCH)));
    for (const row of rows) result.set(row.projectId, [...(result.get(row.projectId) ?? []), row.field]);
  }
  return result;
}

export function toConflictError(error: unknown): never {
  if (pgErrorOf(error)?.code === COI_SQLSTATE) throw new DomainError('EXPERT_CONFLICT_OF_INTEREST', 422);
  if (isUniqueViolation(error, 'assignments_once_per_round')) throw new DomainError('ASSIGNMENT_EXISTS', 409);
  throw error;
}

const presentAssignment = (
  row: typeof assignments.$inferSelect,
  score: { id: string; status: ScoreStatus; total: number } | null,
  zone: string,
) => ({
  id: row.id,
  roundId: row.roundId,
  projectId: row.projectId,
  expertId: row.expertUserId,
  source: row.source,
  reason: row.reason,
  createdAt: isoInZone(row.createdAt, zone),
  score,
});

/** Refuses an expert in conflict with the project (the trigger refuses it again on insert). */
async function assertNotConflicted(tx: Db, input: { projectId: string; expertId: string }): Promise<void> {
  const expert = (await expertConflictKeys(tx, [input.expertId])).get(input.expertId);
  if (!expert) throw notFound('EXPERT_NOT_FOUND');
  const projectKeys = (await projectConflictKeys(tx, [input.projectId])).get(input.projectId) ?? [];
  if (isConflicted({ conflictKeys: expert.keys }, { conflictKeys: projectKeys }))
    throw new DomainError('EXPERT_CONFLICT_OF_INTEREST', 422);
}

/** An admin adds an expert by hand, with a reason; conflicts are refused here and again by the trigger. */
export async function addAssignment(deps: Deps, input: Static<typeof AssignmentBody>, actor: Actor) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await lockRoundForHandChange(tx, input.roundId, now);
    assertNotClosed(round);
    const [inRound] = await tx
      .select({ id: roundProjects.projectId })
      .from(roundProjects)
      .where(and(eq(roundProjects.roundId, round.id), eq(roundProjects.projectId, input.projectId)));
    if (!inRound) throw new DomainError('PROJECT_NOT_IN_ROUND', 404);
    await assertNotConflicted(tx, input);
    const row = firstOrThrow(
      await tx
        .insert(assignments)
        .values({
          roundId: round.id,
          projectId: input.projectId,
          expertUserId: input.expertId,
          source: 'manual',
          reason: input.reason,
          createdBy: actor.sub,
          createdAt: now,
        })
        .returning()
        .catch(toConflictError),
    );
    await recordDecision(
      tx,
      actor,
      {
        action: 'assignment.added',
        subjectType: 'assignment',
        subjectId: row.id,
        payload: { roundId: round.id, projectId: input.projectId, expertId: input.expertId, reason: input.reason },
      },
      now,
    );
    await notifyAssignedExperts(deps, tx, round, new Map([[input.expertId, 1]]));
    return presentAssignment(row, null, await editionTimeZone(tx, round.editionId));
  });
}

/** An admin removes an expert with a reason; a submitted score must be reopened first. */
export async function removeAssignment(deps: Deps, assignmentId: string, reason: string, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = firstOrThrow(
      await tx.select().from(assignments).where(eq(assignments.id, assignmentId)).for('update'),
      () => notFound('ASSIGNMENT_NOT_FOUND'),
    );
    assertNotClosed(await lockRoundForHandChange(tx, row.roundId, now));
    const [score] = await tx
      .select({ status: scores.status })
      .from(scores)
      .where(eq(scores.assignmentId, assignmentId));
    if (score?.status === 'submitted') throw new DomainError('ASSIGNMENT_HAS_SUBMITTED_SCORE', 409);
    await tx.delete(assignments).where(eq(assignments.id, assignmentId));
    await recordDecision(
      tx,
      actor,
      {
        action: 'assignment.removed',
        subjectType: 'assignment',
        subjectId: assignmentId,
        payload: { roundId: row.roundId, projectId: row.projectId, expertId: row.expertUserId, reason },
      },
      now,
    );
  });
}

/** Organizers' list of assignments, filtered by round, expert or project, grouped by project or expert. */
// A group's key is unique per project (or expert): its rows stay together whatever the collation.
const ASSIGNMENT_ORDERS: Record<(typeof ASSIGNMENT_SORTS)[number], KeysetOrder> = {
  project: keysetOrder('text', sql`${projects.title} || ' ' || ${projects.id}::text`, assignments.id, 'asc'),
  expert: keysetOrder('text', sql`${users.displayName} || ' ' || ${users.id}::text`, assignments.id, 'asc'),
};

export async function listAssignments(deps: Deps, query: Static<typeof AssignmentQuery>) {
  const order = ASSIGNMENT_ORDERS[query.sort];
  const after = query.cursor ? (decodeCursor(query.cursor, order.kinds) as [string, string]) : undefined;
  const filters = and(
    query.roundId ? eq(assignments.roundId, query.roundId) : undefined,
    query.expertId ? eq(assignments.expertUserId, query.expertId) : undefined,
    query.projectId ? eq(assignments.projectId, query.projectId) : undefined,
  );
  const rows = await deps.db
    .select({
      sortKey: order.key,
      assignment: assignments,
      score: { id: scores.id, status: scores.status, total: scores.total },
      projectTitle: projects.title,
      expertName: users.displayName,
      timeZone: editions.timeZone,
    })
    .from(assignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
    .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .innerJoin(projects, eq(projects.id, assignments.projectId))
    .innerJoin(users, eq(users.id, assignments.expertUserId))
    .where(and(filters, after ? order.after(...after) : undefined))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1);
  const total = await deps.db.$count(assignments, filters);
  return toPage(
    rows,
    query.limit,
    ({ assignment, score, timeZone, projectTitle, expertName }) => ({
      ...presentAssignment(assignment, score, timeZone),
      projectTitle,
      expertName,
    }),
    (row) => [row.sortKey, row.assignment.id],
    total,
  );
}
