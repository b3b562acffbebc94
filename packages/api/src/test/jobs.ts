import type { JobState } from '@saishi/shared';
import { getJob } from '../modules/jobs/service.js';
import type { TestApp } from './app.js';

/** How long a test waits for a background job before giving up (a busy machine is slow). */
const JOB_WAIT_MS = 30_000;

/**
 * Waits until the job reaches the state and returns it; throws with the state it is in after
 * JOB_WAIT_MS. Waiting, not timing: no assertion depends on how long it took.
 */
export async function waitForJob(t: Pick<TestApp, 'app'>, id: string, state: JobState = 'completed') {
  const until = Date.now() + JOB_WAIT_MS;
  for (;;) {
    const job = await getJob(t.app.deps, id);
    if (job.state === state) return job;
    if (Date.now() > until) throw new Error(`job ${id} is ${job.state}, not ${state}: ${job.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
