import type { JobQueueName } from '@saishi/shared';
import { sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { JOBS_SCHEMA } from '../../db/jobs-schema.js';
import type { Actor, Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import type { JobQueue } from '../../plugins/jobs.js';
import type { JobDetail } from '../jobs/schemas.js';
import { getJob, reportJobProgress, reportJobQueued } from '../jobs/service.js';
import { autoAssign } from './auto-assignment.js';
import { assertNotClosed, findRound } from './rounds.js';

/**
 * Automatic assignment as a background job (`Prefer: respond-async`): a national round (20,000
 * projects × 5 experts) takes longer than a proxy waits for one answer. The job reports its
 * progress (`AutoAssignProgress`) and, once completed, the same result as the synchronous request.
 */
export const AUTO_ASSIGN_QUEUE = 'review.auto-assign' satisfies JobQueueName;

export interface AutoAssignJob {
  roundId: string;
  actor: Actor;
}

/** A failed run is not retried by itself: its reason (a closed round…) needs an organizer's eye. */
export const AUTO_ASSIGN_SETTINGS = { retryLimit: 0, expireInSeconds: 30 * 60 };

/** Checks the round as the synchronous request would (404, 409 at once), then queues the run. */
export async function queueAutoAssign(
  deps: Deps,
  jobs: JobQueue,
  roundId: string,
  actor: Actor,
): Promise<Static<typeof JobDetail>> {
  assertNotClosed(await findRound(deps.db, roundId));
  const data: AutoAssignJob = { roundId, actor: { sub: actor.sub, role: actor.role } };
  const id = await jobs.send(AUTO_ASSIGN_QUEUE, data);
  if (!id) throw new Error('the job runner refused the automatic assignment');
  await reportJobQueued(deps, id);
  return getJob(deps, id);
}

/** The job's handler: the assignment itself, reporting as it goes, then its result. */
export async function runAutoAssignJob(deps: Deps, job: { id: string; data: AutoAssignJob }): Promise<void> {
  // Progress is written in order, but the assignment does not wait for it: on the embedded
  // database every connection shares one session, where a write waits for the end of the run's
  // transaction in progress (the run's chunks are short: the steps show between them). A lost
  // progress write costs a stale progress bar, never the assignment.
  let reported = Promise.resolve();
  const report = async (step: Parameters<typeof reportJobProgress>[2]) => {
    reported = reported.then(() => reportJobProgress(deps, job.id, step)).catch(() => {});
  };
  const result = await autoAssign(deps, job.data.roundId, job.data.actor, report);
  await reported;
  await reportJobProgress(deps, job.id, {
    phase: 'done',
    done: result.created,
    total: result.created,
    result: { ...result },
  });
}

/** An automatic-assignment job of the round (404 for any other job: the round's scope is the check). */
export async function getAutoAssignJob(deps: Deps, roundId: string, jobId: string): Promise<Static<typeof JobDetail>> {
  const result: unknown = await deps.db.execute(
    sql`select 1 from ${sql.raw(`${JOBS_SCHEMA}.job`)}
        where id = ${jobId} and name = ${AUTO_ASSIGN_QUEUE} and data->>'roundId' = ${roundId}`,
  );
  if ((result as { rows: unknown[] }).rows.length === 0) throw notFound('JOB_NOT_FOUND', { id: jobId });
  return getJob(deps, jobId);
}
