import { defineOperations } from '../../lib/http-schemas.js';

/** How the results operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  exportResultsXlsx: {
    summary: 'The results compilation (成果汇编) as XLSX',
    description: 'The published results with the same filters as the list, one row per awarded project, as a workbook.',
  },
  exportResultsPdf: {
    summary: 'The results compilation (成果汇编) as PDF (503 without a CJK font)',
    description:
      'The published results with the same filters as the list, as a typeset PDF. 503 when the server has no CJK font to typeset it.',
  },
  listResults: {
    summary: 'Published awarded projects, filtered by field, track, award category and grade, with search',
    description:
      'Only published awards: before the results of the edition are published the list is empty. Filtered by `field`, `track`, `awardCategory`, `grade` (codes) and searched by `q`, in keyset pages; cacheable (ETag).',
  },
  getResult: {
    summary: 'One published result (by project id)',
    description:
      'The published, submitted version of an awarded project: title, summary, team, units, fields, topics, award. Never contacts or files.',
  },
});
