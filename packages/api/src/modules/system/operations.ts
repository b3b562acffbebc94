import { defineOperations } from '../../lib/http-schemas.js';

/** How the system operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  getHealth: {
    summary: 'The process is alive',
  },
  getReadiness: {
    summary: 'The database answers',
  },
});
