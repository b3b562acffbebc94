import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, problemResponses } from '../../lib/http-schemas.js';
import { Entry, LedgerQuery, Verification } from './schemas.js';
import * as ledgerService from './service.js';
import { operations } from './operations.js';

/** The hash-chained audit ledger: organizers read it and verify the chain. */
const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['ledger'], security: [{ bearerAuth: [] }] };

  app.get(
    '/ledger/verify',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.verifyLedger,
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
        ...operations.listLedgerEntries,
        querystring: LedgerQuery,
        response: { 200: Page(Entry), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ledgerService.listLedger(app.deps, request.query),
  );
};

export default ledgerRoutes;
