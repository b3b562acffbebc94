import { defineOperations } from '../../lib/http-schemas.js';

/** How the jobs operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listJobs: {
    summary: 'Background jobs, newest first',
    description: 'Jobs of the background queues, newest first, filtered by `state` and `queue`, in keyset pages.',
    errors: {},
  },
  getJobsSummary: {
    summary: 'How many jobs each queue holds in each state',
    description:
      'Per queue, how many jobs are created, active, retrying, completed, failed or cancelled: a quick health check of the workers.',
    errors: {},
  },
  getJob: {
    summary: 'One background job',
    description: 'A job with its state, tries so far and allowed, times and the error of its last failure.',
    errors: { 404: ['JOB_NOT_FOUND'] },
  },
  retryJob: {
    summary: 'Queue a failed job for one more try',
    description:
      'Only a failed job can be retried (409 `JOB_NOT_FAILED` otherwise); it runs again as soon as a worker is free.',
    errors: { 404: ['JOB_NOT_FOUND'], 409: ['JOB_NOT_FAILED'] },
  },
});
