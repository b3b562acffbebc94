import { defineOperations } from '../../lib/http-schemas.js';

/** How the jobs operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listJobs: {
    summary: 'Background jobs, newest first',
  },
  getJobsSummary: {
    summary: 'How many jobs each queue holds in each state',
  },
  getJob: {
    summary: 'One background job',
  },
  retryJob: {
    summary: 'Queue a failed job for one more try',
  },
});
