import { defineOperations } from '../../lib/http-schemas.js';

/** How the recommendation operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  recommendToNational: {
    summary: "Send the division's eligible winners to the national final (R-DIV-2)",
    description:
      'Recommends every project of the R-PROJ-1 shortlist (eligible winners, as submitted) to the national edition the division edition belongs to; a project already recommended is not sent twice. Answers the division’s recommendations. 422 `EDITION_HAS_NO_NATIONAL` for an edition outside a national one; 409 `FINAL_ROUND_MISSING` before the division’s final exists.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      409: ['FINAL_ROUND_MISSING'],
      422: ['EDITION_HAS_NO_NATIONAL'],
    },
  },
  listRecommendations: {
    summary: "Recommendations to the national final: a national edition's from every division, or a division's own",
    description:
      'Each with the project, the version and grade it was recommended with, and the national decision. A division organizer sees their division’s only.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  acceptRecommendation: {
    summary: "Accept a recommended project into the national final's review",
    description:
      'The project joins the national edition’s final round as it is (its submitted version and files, never a copy). 409 `FINAL_ROUND_MISSING` before the national final round exists; 409 `RECOMMENDATION_DECIDED` when already decided.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'RECOMMENDATION_NOT_FOUND'],
      409: ['FINAL_ROUND_MISSING', 'RECOMMENDATION_DECIDED'],
    },
  },
  declineRecommendation: {
    summary: 'Decline a recommended project, with a reason told to the division',
    description: '409 `RECOMMENDATION_DECIDED` when already decided.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'RECOMMENDATION_NOT_FOUND'],
      409: ['FINAL_ROUND_MISSING', 'RECOMMENDATION_DECIDED'],
    },
  },
});
