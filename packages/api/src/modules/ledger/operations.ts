import { defineOperations } from '../../lib/http-schemas.js';

/** How the ledger operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  verifyLedger: {
    summary:
      'Recompute the hash chain and the live certified rows; report the first broken link and each row that disagrees',
    description:
      'Walks every entry, recomputes each hash from the previous one, and compares the certified rows (scores, decisions, awards) with the live tables; `valid` is false with the first broken link and the disagreeing rows when anything was altered outside the API.',
    errors: {},
  },
  listLedgerEntries: {
    summary: 'Ledger entries in order: who did what, filtered by action, actor, subject and time',
    description:
      'Entries in chain order with their actor, action, subject and hash, filtered by `action`, `actorId`, `subjectType`, `subjectId` and a `from`/`to` time range, in keyset pages.',
    errors: {},
  },
});
