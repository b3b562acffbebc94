import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { assignExperts, isConflicted, type AssignmentPair, type ScoreStatus } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { isUniqueViolation, pgErrorOf } from '../../lib/pg-errors.js';
import { firstOrThrow, sqlRows } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editions, fields, topics } from '../editions/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { expertConflictKeys, projectConflictKeys } from '../experts/service.js';
import { expertProfiles } from '../experts/tables.js';
import { recordDecision, rowListDigest } from '../ledger/service.js';
import { notifyAssignedExperts } from '../messages/audience.js';
import { projects, projectTopics } from '../projects/tables.js';
import { assertNotClosed, enrollQualifiedProjects, findRound, type RoundRow } from './rounds.js';
import type { ASSIGNMENT_SORTS, AssignmentBody, AssignmentQuery } from './schemas.js';
import { assignments, reviewRounds, roundProjects, scores } from './tables.js';

/** SQLSTATE raised by the assignments trigger (src/db/sql/post-review.sql). */
export const COI_SQLSTATE = 'SA001';

/** Rows per statement when reading or writing a round's many projects and assignments. */
const BATCH = 5000;

/** The topic ids of each project, read in batches. */
async function projectTopicIds(db: Db, projectIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (let index = 0; index < projectIds.length; index += BATCH) {
    const rows = await db
      .select({ projectId: projectTopics.projectId, topicId: projectTopics.topicId })
      .from(projectTopics)
      .where(inArray(projectTopics.projectId, projectIds.slice(index, index + BATCH)));
    for (const row of rows) result.set(row.projectId, [...(result.get(row.projectId) ?? []), row.topicId]);
  }
  return result;
}

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

/** The shared conflict-free algorithm over the active experts and the round's projects, on top of what exists. */
async function planAssignments(tx: Db, round: RoundRow, projectIds: string[]) {
  const activeExperts = await tx
    .select({ id: expertProfiles.userId })
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(and(eq(users.role, 'expert'), sql`${users.disabledAt} is null`));
  const expertKeys = await expertConflictKeys(
    tx,
    activeExperts.map((row) => row.id),
  );
  const projectKeys = await projectConflictKeys(tx, projectIds);
  const projectFields = await projectFieldCodes(tx, projectIds);
  const projectTopicsOf = await projectTopicIds(tx, projectIds);
  // Pairs that still count: a disabled expert's unsubmitted assignment is lost and gets topped up.
  const existing = await tx
    .select({ projectId: assignments.projectId, expertId: assignments.expertUserId })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.expertUserId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(
      and(eq(assignments.roundId, round.id), sql`(${users.disabledAt} is null or ${scores.status} = 'submitted')`),
    );
  const plan = assignExperts({
    experts: [...expertKeys].map(([id, entry]) => ({
      id,
      conflictKeys: entry.keys,
      fields: entry.fields,
      topics: entry.topics,
    })),
    projects: projectIds.map((id) => ({
      id,
      conflictKeys: projectKeys.get(id) ?? [`project:${id}`],
      fields: projectFields.get(id) ?? [],
      topics: projectTopicsOf.get(id) ?? [],
    })),
    expertsPerProject: round.expertsPerProject,
    existing,
  });
  return { plan, experts: expertKeys.size };
}

/**
 * Assignments written per statement: each batch goes as two array parameters (projects, experts)
 * and the conflict trigger checks it once (AFTER STATEMENT), so the national run of 100,000 pairs
 * is ten statements, and the job still reports its progress between them.
 */
const INSERT_BATCH = 10_000;

async function insertAutoAssignments(
  tx: Db,
  roundId: string,
  pairs: readonly AssignmentPair[],
  actorId: string,
  now: Date,
  progress: AutoAssignProgress,
) {
  const created: { id: string; projectId: string; expertId: string }[] = [];
  for (let index = 0; index < pairs.length; index += INSERT_BATCH) {
    await progress({ phase: 'assigning', done: index, total: pairs.length });
    const batch = pairs.slice(index, index + INSERT_BATCH);
    const rows = await sqlRows<{ id: string; projectId: string; expertId: string }>(
      tx,
      sql`
      insert into ${assignments} (round_id, project_id, expert_user_id, source, created_by, created_at)
      select ${roundId}::uuid, pair.project_id, pair.expert_id, 'auto', ${actorId}::uuid, ${now}::timestamptz
        from unnest(${sql.param(batch.map((pair) => pair.projectId))}::uuid[],
                    ${sql.param(batch.map((pair) => pair.expertId))}::uuid[]) as pair (project_id, expert_id)
      returning id, project_id as "projectId", expert_user_id as "expertId"`,
    );
    created.push(...rows);
  }
  return created;
}

/**
 * Told how far an automatic assignment has come: `enrolling` (preliminary: the qualified projects
 * join the round), `planning` (`total` projects), `assigning` (`done` of `total` assignments
 * written), `recording` (the ledger entry). Runs outside the assignment's transaction.
 */
export type AutoAssignProgress = (step: { phase: string; done?: number; total?: number }) => Promise<void>;

/**
 * Assigns N experts to every project of the round with the shared conflict-free algorithm, on
 * top of the assignments already made; the run is one ledger entry with the count and digest of
 * the new (assignment, project, expert) rows: small however many there are.
 */
export async function autoAssign(
  deps: Deps,
  roundId: string,
  actor: Actor,
  progress: AutoAssignProgress = async () => {},
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    assertNotClosed(round);
    if (round.kind === 'preliminary') {
      await progress({ phase: 'enrolling' });
      await enrollQualifiedProjects(tx, round, actor, now);
    }
    const projectIds = (
      await tx.select({ id: roundProjects.projectId }).from(roundProjects).where(eq(roundProjects.roundId, roundId))
    ).map((row) => row.id);
    await progress({ phase: 'planning', total: projectIds.length });
    const { plan, experts } = await planAssignments(tx, round, projectIds);
    const created = await insertAutoAssignments(tx, roundId, plan.assignments, actor.sub, now, progress);
    await progress({ phase: 'recording', done: created.length, total: plan.assignments.length });
    if (created.length > 0) {
      await recordDecision(
        tx,
        actor,
        {
          action: 'assignments.auto',
          subjectType: 'review_round',
          subjectId: roundId,
          payload: {
            expertsPerProject: round.expertsPerProject,
            fieldMatched: plan.fieldMatched,
            topicMatched: plan.topicMatched,
            created: rowListDigest(created.map((row) => [row.id, row.projectId, row.expertId])),
          },
        },
        now,
      );
    }
    const perExpert = new Map<string, number>();
    for (const row of created) perExpert.set(row.expertId, (perExpert.get(row.expertId) ?? 0) + 1);
    await notifyAssignedExperts(deps, tx, round, perExpert);
    const quality = (matched: number) => ({
      matched,
      assignments: plan.assignments.length,
      share: plan.assignments.length === 0 ? 0 : Math.round((matched / plan.assignments.length) * 1e4) / 1e4,
    });
    return {
      created: created.length,
      projects: projectIds.length,
      experts,
      shortfalls: plan.shortfalls,
      fieldMatch: quality(plan.fieldMatched),
      topicMatch: quality(plan.topicMatched),
    };
  });
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
    const round = await findRound(tx, input.roundId, { lock: true });
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
    assertNotClosed(await findRound(tx, row.roundId, { lock: true }));
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
