/** The vocabulary of the background job runner (pg-boss) as organizers see it. */

/** Where a job is: waiting, waiting to be tried again, running, done, given up, or cancelled. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * The platform's queues: each module's work, named for the organizers' jobs screen. A module's
 * queue constant `satisfies JobQueueName`, so a new queue is added here (and labelled) first.
 */
export const JOB_QUEUES = [
  'messages.deliver',
  'messages.reminders',
  'webhooks.deliver',
  'review.auto-assign',
  'privacy-retention',
] as const;
export type JobQueueName = (typeof JOB_QUEUES)[number];
