import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  assignExperts,
  isConflicted,
  type AssignableProject,
  type AssignmentPair,
  type ScoreStatus,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { isUniqueViolation, pgErrorOf } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editions, fields, topics } from '../editions/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { addProjectKeys } from '../experts/conflict-keys.js';
import { expertConflictKeys, projectConflictKeys } from '../experts/service.js';
import { expertProfiles } from '../experts/tables.js';
import { lineListDigest, recordDecision } from '../ledger/service.js';
import { notifyAssignedExperts } from '../messages/audience.js';
import { projects, projectTopics } from '../projects/tables.js';
import { teamUnits, units } from '../teams/tables.js';
import { assertNotClosed, enrollQualifiedProjects, findRound, type RoundRow } from './rounds.js';
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

/**
 * The round's projects as the shared algorithm sees them: conflict keys (project, team, units),
 * field codes and topic ids, read by round in two set-based queries rather than by lists of ids.
 */
async function assignableProjects(tx: Db, roundId: string): Promise<AssignableProject[]> {
  const keys = new Map<string, string[]>();
  const unitRows = await tx
    .select({ projectId: projects.id, teamId: projects.teamId, code: units.creditCode, name: units.name })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .leftJoin(teamUnits, eq(teamUnits.teamId, projects.teamId))
    .leftJoin(units, eq(units.id, teamUnits.unitId))
    .where(eq(roundProjects.roundId, roundId));
  for (const row of unitRows) addProjectKeys(keys, row);
  const matching = new Map<string, { fields: string[]; topics: string[] }>();
  const topicRows = await tx
    .select({ projectId: projectTopics.projectId, topicId: projectTopics.topicId, field: fields.code })
    .from(roundProjects)
    .innerJoin(projectTopics, eq(projectTopics.projectId, roundProjects.projectId))
    .innerJoin(topics, eq(topics.id, projectTopics.topicId))
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(eq(roundProjects.roundId, roundId));
  for (const row of topicRows) {
    let entry = matching.get(row.projectId);
    if (!entry) matching.set(row.projectId, (entry = { fields: [], topics: [] }));
    entry.fields.push(row.field);
    entry.topics.push(row.topicId);
  }
  return [...keys].map(([id, conflictKeys]) => ({
    id,
    conflictKeys,
    fields: matching.get(id)?.fields ?? [],
    topics: matching.get(id)?.topics ?? [],
  }));
}

/** The shared conflict-free algorithm over the active experts and the round's projects, on top of what exists. */
async function planAssignments(tx: Db, round: RoundRow, roundProjectList: AssignableProject[]) {
  const activeExperts = await tx
    .select({ id: expertProfiles.userId })
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(and(eq(users.role, 'expert'), sql`${users.disabledAt} is null`));
  const expertKeys = await expertConflictKeys(
    tx,
    activeExperts.map((row) => row.id),
  );
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
    projects: roundProjectList,
    expertsPerProject: round.expertsPerProject,
    existing,
  });
  return { plan, experts: expertKeys.size };
}

/**
 * Assignments written per statement: each batch goes as three array parameters (ids, projects,
 * experts) and the conflict trigger checks it once (AFTER STATEMENT), so the national run of
 * 100,000 pairs is ten statements, and the job still reports its progress between them. The ids
 * are made here, so nothing is read back: the ledger's digest lines are built from what was sent.
 */
const INSERT_BATCH = 10_000;

async function insertAutoAssignments(
  tx: Db,
  roundId: string,
  pairs: readonly AssignmentPair[],
  actorId: string,
  now: Date,
  progress: AutoAssignProgress,
): Promise<string[]> {
  const digestLines: string[] = [];
  for (let index = 0; index < pairs.length; index += INSERT_BATCH) {
    await progress({ phase: 'assigning', done: index, total: pairs.length });
    const batch = pairs.slice(index, index + INSERT_BATCH);
    const ids = batch.map(() => randomUUID());
    await tx.execute(sql`
      insert into ${assignments} (id, round_id, project_id, expert_user_id, source, created_by, created_at)
      select pair.id, ${roundId}::uuid, pair.project_id, pair.expert_id, 'auto', ${actorId}::uuid, ${now}::timestamptz
        from unnest(${sql.param(ids)}::uuid[],
                    ${sql.param(batch.map((pair) => pair.projectId))}::uuid[],
                    ${sql.param(batch.map((pair) => pair.expertId))}::uuid[]) as pair (id, project_id, expert_id)`);
    batch.forEach((pair, position) => digestLines.push(`${ids[position]}:${pair.projectId}:${pair.expertId}`));
  }
  return digestLines;
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
    const roundProjectList = await assignableProjects(tx, roundId);
    await progress({ phase: 'planning', total: roundProjectList.length });
    const { plan, experts } = await planAssignments(tx, round, roundProjectList);
    const createdLines = await insertAutoAssignments(tx, roundId, plan.assignments, actor.sub, now, progress);
    await progress({ phase: 'recording', done: createdLines.length, total: plan.assignments.length });
    if (createdLines.length > 0) {
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
            created: lineListDigest(createdLines),
          },
        },
        now,
      );
    }
    const perExpert = new Map<string, number>();
    for (const pair of plan.assignments) perExpert.set(pair.expertId, (perExpert.get(pair.expertId) ?? 0) + 1);
    await notifyAssignedExperts(deps, tx, round, perExpert);
    const quality = (matched: number) => ({
      matched,
      assignments: plan.assignments.length,
      share: plan.assignments.length === 0 ? 0 : Math.round((matched / plan.assignments.length) * 1e4) / 1e4,
    });
    return {
      created: createdLines.length,
      projects: roundProjectList.length,
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
