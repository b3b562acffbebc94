import { defineOperations } from '../../lib/http-schemas.js';

/** How the system operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  getHealth: {
    summary: 'The process is alive',
    description:
      'Liveness for orchestrators: answers while the database is unavailable, since restarting would not help.',
  },
  getReadiness: {
    summary: 'The database answers',
    description:
      'Readiness for load balancers: 503 `SERVICE_UNAVAILABLE` while the database does not answer; `database` says which engine serves.',
  },
});
