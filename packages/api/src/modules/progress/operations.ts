import { defineOperations } from '../../lib/http-schemas.js';

/** How the progress operation reads in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  getEditionProgress: {
    summary:
      'What organizers have to do now: teams awaiting qualification, flagged teams, review progress per round and expert',
    description:
      'Counts for the admin dashboard: submitted teams awaiting a decision, teams flagged by a blacklist and not cleared (R-SOC-3), and per review round its projects, how many have their N scores, and the counting assignments and scores. An assignment still counts when its expert is active or submitted before being disabled, as the round summary counts.',
    errors: {},
  },
});
