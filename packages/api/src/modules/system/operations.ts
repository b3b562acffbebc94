import { defineOperations } from '../../lib/http-schemas.js';

/** How the system operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  getHealth: {
    summary: 'The process is alive',
    description:
      'Liveness for orchestrators: answers while the database is unavailable, since restarting would not help.',
    errors: {},
  },
  getClientSettings: {
    summary: 'What the admin shows before login',
    description:
      'Whether the login page may show the demo accounts: only where the demo data is loaded (`SEED_DEMO`) outside production, so a production login page never shows a password.',
    errors: {},
  },
  getReadiness: {
    summary: 'The database answers',
    description:
      'Readiness for load balancers: 503 `SERVICE_UNAVAILABLE` while the database does not answer; `database` says which engine serves.',
    errors: { 503: ['SERVICE_UNAVAILABLE'] },
  },
});
