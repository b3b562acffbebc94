/** The vocabulary of the background job runner (pg-boss) as organizers see it. */

/** Where a job is: waiting, waiting to be tried again, running, done, given up, or cancelled. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
