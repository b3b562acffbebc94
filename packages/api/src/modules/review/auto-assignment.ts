import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { assignExperts, type AssignableProject, type AssignmentPair } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { users } from '../accounts/tables.js';
import { fields, topics } from '../editions/tables.js';
import { addProjectKeys } from '../experts/conflict-keys.js';
import { expertConflictKeys } from '../experts/service.js';
import { expertProfiles } from '../experts/tables.js';
import { recordDecision, sortedLineDigest } from '../ledger/service.js';
import { notifyAssignedExperts } from '../messages/audience.js';
import { projects, projectTopics } from '../projects/tables.js';
import { teamUnits, units } from '../teams/tables.js';
import { claimRound, discardRun, releaseRound, settleRoundRun, stillHolding } from './assignment-runs.js';
import { assertNotClosed, enrollQualifiedProjects, findRound, type RoundRow } from './rounds.js';
import { assignments, roundProjects, scores } from './tables.js';

/**
 * Automatic assignment (issue 12: 20,000 projects × 5 experts). The run is several transactions,
 * so that on the embedded database, whose one session a transaction holds to its end, the other
 * requests and the job's progress get their turn between them:
 * 1. the round is claimed (`auto_assignment_runs`) and, for the preliminary, its projects enrolled;
 * 2. the plan is made from what is committed (no transaction: nothing else writes the round's
 *    assignments while it is claimed);
 * 3. the assignments are written and committed a chunk at a time, each row naming its run;
 * 4. the ledger entry and the notifications are written and the claim is released, together.
 * A run that fails deletes what it wrote (./assignment-runs.ts); one whose process ended is undone
 * by the round's next writer. While it runs, organizers see the rows already written, as the
 * progress of a job, and experts do not (`settledAssignment`); the ledger records the run once,
 * when it is complete.
 */

/** How often a run waiting for the round's current run looks again, and for how long at most. */
const RUN_WAIT_STEP_MS = 50;
const RUN_WAIT_LIMIT_MS = 60_000;

/** A run: its id (which its rows name) and its instant (their `created_at` and its ledger entry's). */
interface AutoRun {
  id: string;
  roundId: string;
  startedAt: Date;
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

/**
 * The shared conflict-free algorithm over the active experts and the round's projects, on top of
 * what exists. The projects' keys are dropped with the plan made (the pairs keep their ids only).
 */
async function planAssignments(tx: Db, round: RoundRow, progress: AutoAssignProgress) {
  const roundProjectList = await assignableProjects(tx, round.id);
  await progress({ phase: 'planning', total: roundProjectList.length });
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
  return { plan, experts: expertKeys.size, projects: roundProjectList.length };
}

/**
 * Assignments written per transaction: each chunk goes as three array parameters (ids, projects,
 * experts) in one statement the conflict trigger checks once (AFTER STATEMENT). On the embedded
 * database a chunk is how long another request waits at most (~0.1 s on a quiet machine).
 * A run's rows leave `created_by` empty: who ran it is its ledger entry's actor, found by the
 * rows' `auto_run_id` (the entry's `run`). The column's foreign key is checked row by row, for the
 * same user 100,000 times: 14% of the embedded database's CPU time for the run.
 */
const CHUNK = 5_000;

/**
 * Version-4 UUIDs for the run's new rows, in ascending order, made a chunk at a time: the ledger
 * digest hashes its lines sorted, which rows written in the order of their ids already are, so it
 * is hashed as the chunks go. Only the ids' first halves are held (8 bytes each, drawn at random,
 * sorted, distinct); each chunk draws its ids' second halves. 100,000 id strings made at once and
 * sorted allocated ~55 MB.
 */
function ascendingIds(count: number): (from: number, to: number) => string[] {
  const firstHalves = sortedDistinctFirstHalves(count);
  return (from, to) => {
    const secondHalves = randomBytes(8 * (to - from));
    return Array.from(firstHalves.subarray(from, to), (first, position) =>
      uuidOf(first, secondHalves.subarray(8 * position, 8 * position + 8)),
    );
  };
}

/** `count` random first halves of version-4 UUIDs (the version nibble set), ascending, none twice. */
function sortedDistinctFirstHalves(count: number): BigUint64Array {
  for (;;) {
    const halves = randomFillSync(new BigUint64Array(count));
    for (let index = 0; index < count; index++) halves[index] = (halves[index]! & ~0xf000n) | 0x4000n;
    halves.sort();
    // Two equal halves (odds ~1e-10 for 100,000) would leave the order to the second halves: draw again.
    if (halves.every((half, index) => index === 0 || half !== halves[index - 1])) return halves;
  }
}

/** The UUID of a first half and 8 random bytes, whose variant bits this sets (RFC 9562). */
function uuidOf(firstHalf: bigint, secondHalf: Buffer): string {
  secondHalf[0] = (secondHalf[0]! & 0x3f) | 0x80;
  const first = firstHalf.toString(16).padStart(16, '0');
  const second = secondHalf.toString('hex');
  return `${first.slice(0, 8)}-${first.slice(8, 12)}-${first.slice(12)}-${second.slice(0, 4)}-${second.slice(4)}`;
}

/** Writes the plan's pairs, a chunk per transaction; the digest of the (id, project, expert) lines. */
async function insertAutoAssignments(
  deps: Deps,
  run: AutoRun,
  pairs: readonly AssignmentPair[],
  progress: AutoAssignProgress,
) {
  const idsFor = ascendingIds(pairs.length);
  const digest = sortedLineDigest();
  for (let index = 0; index < pairs.length; index += CHUNK) {
    await progress({ phase: 'assigning', done: index, total: pairs.length });
    const chunk = pairs.slice(index, index + CHUNK);
    const chunkIds = idsFor(index, index + chunk.length);
    await inRunningRun(deps, run, async (tx) => {
      await tx.execute(sql`
        insert into ${assignments} (id, round_id, project_id, expert_user_id, source, created_at, auto_run_id)
        select pair.id, ${run.roundId}::uuid, pair.project_id, pair.expert_id, 'auto', ${run.startedAt}::timestamptz, ${run.id}::uuid
          from unnest(${sql.param(chunkIds)}::uuid[],
                      ${sql.param(chunk.map((pair) => pair.projectId))}::uuid[],
                      ${sql.param(chunk.map((pair) => pair.expertId))}::uuid[]) as pair (id, project_id, expert_id)`);
    });
    chunk.forEach((pair, position) => digest.add(`${chunkIds[position]}:${pair.projectId}:${pair.expertId}`));
  }
  return digest.result();
}

/**
 * Runs `work` in a transaction of the run: the round locked and still open, the run still holding
 * it (and seen alive by the others).
 */
async function inRunningRun<T>(deps: Deps, run: AutoRun, work: (tx: Db, round: RoundRow) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, run.roundId, { lock: true });
    assertNotClosed(round);
    if (!(await stillHolding(tx, run.id, deps.clock.now()))) throw new DomainError('AUTO_ASSIGNMENT_RUNNING', 409);
    return work(tx, round);
  });
}

/**
 * Told how far an automatic assignment has come: `enrolling` (preliminary: the qualified projects
 * join the round), `planning` (`total` projects), `assigning` (`done` of `total` assignments
 * written), `recording` (the ledger entry). Called between the run's transactions but for
 * `enrolling`, inside the claim's: a report must not wait for a transaction of its own (the job's
 * are queued, never awaited by the run).
 */
export type AutoAssignProgress = (step: { phase: string; done?: number; total?: number }) => Promise<void>;

/**
 * Claims the round for the run (and enrolls the preliminary's projects), waiting while another
 * run holds it, as a second request used to wait for the first's lock on the round.
 */
async function startRun(deps: Deps, run: AutoRun, actor: Actor, progress: AutoAssignProgress) {
  const giveUpAt = Date.now() + RUN_WAIT_LIMIT_MS;
  for (;;) {
    const round = await deps.db.transaction(async (tx) => {
      const locked = await findRound(tx, run.roundId, { lock: true });
      assertNotClosed(locked);
      if ((await settleRoundRun(tx, run.roundId, deps.clock.now())) === 'running') return undefined;
      await claimRound(tx, run, run.startedAt);
      if (locked.kind === 'preliminary') {
        await progress({ phase: 'enrolling' });
        await enrollQualifiedProjects(tx, locked, actor, run.startedAt);
      }
      return locked;
    });
    if (round) return round;
    if (Date.now() > giveUpAt) throw new DomainError('AUTO_ASSIGNMENT_RUNNING', 409);
    await new Promise((resolve) => setTimeout(resolve, RUN_WAIT_STEP_MS));
  }
}

/**
 * Assigns N experts to every project of the round with the shared conflict-free algorithm, on
 * top of the assignments already made; the run is one ledger entry with the count and digest of
 * the new (assignment, project, expert) rows: small however many there are, and the run's id,
 * which its rows name (`auto_run_id`).
 */
export async function autoAssign(
  deps: Deps,
  roundId: string,
  actor: Actor,
  progress: AutoAssignProgress = async () => {},
) {
  const run: AutoRun = { id: randomUUID(), roundId, startedAt: deps.clock.now() };
  const round = await startRun(deps, run, actor, progress);
  try {
    const { plan, experts, projects } = await planAssignments(deps.db, round, progress);
    const perExpert = new Map<string, number>();
    for (const pair of plan.assignments) perExpert.set(pair.expertId, (perExpert.get(pair.expertId) ?? 0) + 1);
    const created = await insertAutoAssignments(deps, run, plan.assignments, progress);
    await progress({ phase: 'recording', done: created.count, total: plan.assignments.length });
    await inRunningRun(deps, run, async (tx, current) => {
      if (created.count > 0) {
        await recordDecision(
          tx,
          actor,
          {
            action: 'assignments.auto',
            subjectType: 'review_round',
            subjectId: roundId,
            payload: {
              run: run.id,
              expertsPerProject: round.expertsPerProject,
              fieldMatched: plan.fieldMatched,
              topicMatched: plan.topicMatched,
              created,
            },
          },
          run.startedAt,
        );
      }
      await notifyAssignedExperts(deps, tx, current, perExpert);
      await releaseRound(tx, run.id);
    });
    const quality = (matched: number) => ({
      matched,
      assignments: plan.assignments.length,
      share: plan.assignments.length === 0 ? 0 : Math.round((matched / plan.assignments.length) * 1e4) / 1e4,
    });
    return {
      created: created.count,
      projects,
      experts,
      shortfalls: plan.shortfalls,
      fieldMatch: quality(plan.fieldMatched),
      topicMatch: quality(plan.topicMatched),
    };
  } catch (error) {
    // Undone at once; if even this fails, the round's next writer undoes the run once it is stale.
    await deps.db.transaction((tx) => discardRun(tx, run)).catch(() => {});
    throw error;
  }
}
