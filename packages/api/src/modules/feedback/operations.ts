import { defineOperations } from '../../lib/http-schemas.js';

/** How the feedback operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  publishRoundFeedback: {
    summary: 'Publish a closed round’s feedback to its teams',
    description:
      'Chooses what teams may read of the round (the outcome only, also the scores, also the anonymized expert comments), once: 409 `FEEDBACK_ALREADY_PUBLISHED` after that. The round must be closed, and its outcome decided: the preliminary’s advancement (409 `ADVANCEMENT_NOT_DECIDED`), the final’s awards published (409 `RESULTS_NOT_PUBLISHED`). Every member of each team of the round is told its outcome (`round_results`); recorded in the ledger. Organizers only.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: [
        'ADVANCEMENT_NOT_DECIDED',
        'FEEDBACK_ALREADY_PUBLISHED',
        'LEDGER_BROKEN',
        'RESULTS_NOT_PUBLISHED',
        'ROUND_NOT_CLOSED',
      ],
    },
  },
  changeRoundFeedback: {
    summary: 'Change what teams may read of a round’s published feedback',
    description:
      'Widens or narrows the visibility (outcome only, also the scores, also the anonymized comments) after publication, with a reason; teams’ reads follow at once. Recorded in the ledger with the visibility before and after; choosing the current one changes nothing. 404 `FEEDBACK_NOT_PUBLISHED` before publication. Organizers only.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'FEEDBACK_NOT_PUBLISHED', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: ['LEDGER_BROKEN'],
    },
  },
  getRoundFeedback: {
    summary: 'A round’s published feedback',
    description: 'The visibility chosen and when; 404 `FEEDBACK_NOT_PUBLISHED` before. Organizers only.',
    errors: { 404: ['EDITION_NOT_FOUND', 'FEEDBACK_NOT_PUBLISHED', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'] },
  },
  listTeamFeedback: {
    summary: 'What a team may read of its rounds',
    description:
      'One item per round its project took part in whose feedback is published (nothing before): the outcome, and at the visibility chosen the result, rank, rubric and numbered scores, and the experts’ comments, never who wrote them. Members of the team and organizers.',
    errors: { 403: ['NOT_TEAM_MEMBER'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'TEAM_NOT_FOUND'] },
  },
});
