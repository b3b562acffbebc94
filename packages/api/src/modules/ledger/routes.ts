import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, problemResponses } from '../../lib/http-schemas.js';
import { Entry, LedgerQuery, Verification } from './schemas.js';
import * as ledgerService from './service.js';

/** The hash-chained audit ledger: organizers read it and verify the chain. */
const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['ledger'], security: [{ bearerAuth: [] }] };

  app.get(
    '/ledger/verify',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary:
          'Recompute the hash chain and the live certified rows; report the first broken link and each row that disagrees',
        response: { 200: Verification, ...problemResponses(401, 403) },
      },
    },
    async () => ledgerService.verifyLedger(app.deps.db),
  );

  app.get(
    '/ledger',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary: 'Ledger entries in order: who did what, filtered by action, actor, subject and time',
        querystring: LedgerQuery,
        response: { 200: Page(Entry), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ledgerService.listLedger(app.deps, request.query),
  );
};

export default ledgerRoutes;
