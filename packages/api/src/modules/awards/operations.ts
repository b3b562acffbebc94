import { defineOperations } from '../../lib/http-schemas.js';

/** How the awards operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listAwardQuotas: {
    summary: 'Award quotas per track × award category × grade',
    description: 'How many awards of each grade each award category of each track may give (SPEC §6).',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  setAwardQuotas: {
    summary: 'Set quotas (no 公共组件奖 in the university track, R-CAT-1)',
    description:
      'Replaces every quota of the edition at once. A 公共组件奖 quota in the university track is refused (422, R-CAT-1).',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      409: ['AWARDS_ALREADY_PUBLISHED'],
      422: ['AWARD_CATEGORY_NOT_FOR_TRACK', 'AWARD_QUOTA_INVALID'],
    },
  },
  listAwards: {
    summary: 'Allocated awards and whether they are published',
    description: 'The grade each finalist was given, with `publishedAt` null until the results are published.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  allocateAwards: {
    summary: 'Allocate grades from the closed final’s ranking within the quotas, with adjustments by hand',
    description:
      'In the final or promotion stage, otherwise only with `override: true` and a reason (R-TIME-4). `adjustments` give a finalist another grade or none, each with a reason, within the quotas; recorded in the ledger.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: [
        'STAGE_GATE_CLOSED',
        'ADJUSTMENT_DUPLICATE',
        'ADJUSTMENT_NOT_RANKED',
        'ADJUSTMENT_NO_CHANGE',
        'AWARDS_ALREADY_PUBLISHED',
        'AWARD_CATEGORY_NOT_FOR_TRACK',
        'AWARD_QUOTA_EXCEEDED',
        'DECISION_PREVIEW_STALE',
        'FINAL_ROUND_MISSING',
        'LEDGER_BROKEN',
        'ROUND_NOT_CLOSED',
      ],
      422: [
        'ADJUSTMENT_DUPLICATE',
        'ADJUSTMENT_NOT_RANKED',
        'ADJUSTMENT_NO_CHANGE',
        'AWARD_CATEGORY_NOT_FOR_TRACK',
        'OVERRIDE_REASON_REQUIRED',
      ],
    },
  },
  publishAwards: {
    summary: 'Publish the results (the public results library opens)',
    description: 'In the promotion stage, otherwise only with `override: true` and a reason (R-TIME-4).',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'],
      409: ['AWARDS_ALREADY_PUBLISHED', 'NO_AWARDS_TO_PUBLISH', 'STAGE_GATE_CLOSED'],
      422: ['OVERRIDE_REASON_REQUIRED'],
    },
  },
  getNationalShortlist: {
    summary: 'Finalists recommended to the national final (R-PROJ-1) and why the others are not',
    description:
      'R-PROJ-1: only the edition’s final winners qualify, and only in `product_innovation`, or in `modeling` when declared complete before the national final. Each other finalist comes with the code and rule it breaks.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'], 409: ['FINAL_ROUND_MISSING'] },
  },
  previewAwards: {
    summary: 'What allocation from the closed final’s ranking within the quotas would give, before deciding',
    description:
      'Send the answer’s `digest` back as `previewDigest` with POST /awards/allocate: the commit is refused (409) if the outcome changed since.',
    errors: {
      404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'ROUND_NOT_FOUND'],
      409: ['AWARDS_ALREADY_PUBLISHED', 'FINAL_ROUND_MISSING', 'ROUND_NOT_CLOSED'],
    },
  },
});
