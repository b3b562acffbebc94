import { defineOperations } from '../../lib/http-schemas.js';

/** How the progress operation reads in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  getEditionProgress: {
    summary:
      'What organizers have to do now: teams awaiting qualification, flagged teams, review progress per round and expert',
  },
});
