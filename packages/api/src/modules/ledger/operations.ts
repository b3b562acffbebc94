import { defineOperations } from '../../lib/http-schemas.js';

/** How the ledger operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  verifyLedger: {
    summary:
      'Recompute the hash chain and the live certified rows; report the first broken link and each row that disagrees',
  },
  listLedgerEntries: {
    summary: 'Ledger entries in order: who did what, filtered by action, actor, subject and time',
  },
});
