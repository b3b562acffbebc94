import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { findRound, type RoundRow } from './rounds.js';
import { assignments, autoAssignmentRuns } from './tables.js';

/**
 * A run silent for this long (no chunk committed) is taken as abandoned: its process ended in the
 * middle. Far above a chunk's time on a loaded machine, so a live run is never taken for one.
 */
export const AUTO_RUN_STALE_MS = 5 * 60_000;

export type RoundRunState = 'free' | 'running';

/**
 * An assignment its expert may see: not written by an automatic run still going on. A run's rows
 * show once it completes (its claim deleted): an expert never opens or scores a row that a failing
 * run then removes.
 */
export const settledAssignment = sql`not exists (select 1 from ${autoAssignmentRuns} where ${autoAssignmentRuns.id} = ${assignments.autoRunId})`;

/**
 * Whether a run is writing the round's assignments, in `tx` with the round locked. An abandoned
 * run is undone here (its rows and its claim deleted), so the round is then free.
 */
export async function settleRoundRun(tx: Db, roundId: string, now: Date): Promise<RoundRunState> {
  const [run] = await tx.select().from(autoAssignmentRuns).where(eq(autoAssignmentRuns.roundId, roundId));
  if (!run) return 'free';
  if (now.getTime() - run.aliveAt.getTime() < AUTO_RUN_STALE_MS) return 'running';
  await discardRun(tx, { id: run.id, roundId });
  return 'free';
}

/**
 * The round, locked for a change to its assignments by hand: refused (409) while an automatic run
 * writes them.
 */
export async function lockRoundForHandChange(tx: Db, roundId: string, now: Date): Promise<RoundRow> {
  const round = await findRound(tx, roundId, { lock: true });
  if ((await settleRoundRun(tx, roundId, now)) === 'running') throw new DomainError('AUTO_ASSIGNMENT_RUNNING', 409);
  return round;
}

/** Claims the round for a run, in `tx` with the round locked and settled 'free'. */
export async function claimRound(tx: Db, run: { id: string; roundId: string }, startedAt: Date): Promise<void> {
  await tx.insert(autoAssignmentRuns).values({ id: run.id, roundId: run.roundId, startedAt, aliveAt: startedAt });
}

/**
 * Whether the run still holds its round (a run taken for abandoned and discarded by another must
 * stop), and its sign of life for the others, in the transaction of one of its chunks.
 */
export async function stillHolding(tx: Db, runId: string, now: Date): Promise<boolean> {
  const touched = await tx
    .update(autoAssignmentRuns)
    .set({ aliveAt: now })
    .where(eq(autoAssignmentRuns.id, runId))
    .returning({ id: autoAssignmentRuns.id });
  return touched.length === 1;
}

/** Ends a completed run: its rows stay, the round is free. */
export async function releaseRound(tx: Db, runId: string): Promise<void> {
  await tx.delete(autoAssignmentRuns).where(eq(autoAssignmentRuns.id, runId));
}

/** Undoes a run: the rows it committed and its claim (a failed run leaves no assignment behind). */
export async function discardRun(tx: Db, run: { id: string; roundId: string }): Promise<void> {
  await tx.delete(assignments).where(and(eq(assignments.roundId, run.roundId), eq(assignments.autoRunId, run.id)));
  await releaseRound(tx, run.id);
}
