import { defineOperations } from '../../lib/http-schemas.js';

/** How the results operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  exportResultsXlsx: {
    summary: 'The results compilation (成果汇编) as XLSX',
  },
  exportResultsPdf: {
    summary: 'The results compilation (成果汇编) as PDF (503 without a CJK font)',
  },
  listResults: {
    summary: 'Published awarded projects, filtered by field, track, award category and grade, with search',
  },
  getResult: {
    summary: 'One published result (by project id)',
  },
});
