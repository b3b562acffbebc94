import { defineOperations } from '../../lib/http-schemas.js';

/** How the results operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  exportResultsXlsx: {
    summary: 'The results compilation (成果汇编) as XLSX',
    description: 'The published results with the same filters as the list, one row per awarded project, as a workbook.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  exportResultsPdf: {
    summary: 'The results compilation (成果汇编) as PDF (503 without a CJK font)',
    description:
      'The published results with the same filters as the list, as a typeset PDF. 503 when the server has no CJK font to typeset it.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'], 503: ['CJK_FONT_UNAVAILABLE'] },
  },
  listResults: {
    summary: 'Published awarded projects, filtered by field, track, award category and grade, with search',
    description:
      'Only published awards: before the results of the edition are published the list is empty. Filtered by `field`, `track`, `awardCategory`, `grade` (codes) and searched by `q`, in keyset pages; cacheable (ETag).',
    errors: { 400: ['INVALID_CURSOR'], 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION'] },
  },
  getResult: {
    summary: 'One published result (by project id)',
    description:
      'The published, submitted version of an awarded project: title, summary, team, units, fields, topics, award. Never contacts or files.',
    errors: { 404: ['EDITION_NOT_FOUND', 'NO_CURRENT_EDITION', 'RESULT_NOT_FOUND'] },
  },
});
