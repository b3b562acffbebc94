import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DEFAULT_TIME_ZONE } from '@saishi/shared';
import { DateTime, Page, PageQuery, problemResponses } from '../../lib/http-schemas.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import * as ledgerService from './service.js';
import { isoInZone } from '../../lib/time.js';

const Verification = Type.Object({
  valid: Type.Boolean(),
  entries: Type.Integer({ description: 'Entries verified before the first broken link (all of them when valid)' }),
  headHash: Type.String({ description: 'Hash of the last verified entry' }),
  firstBroken: Type.Union([
    Type.Object({
      seq: Type.Integer(),
      reason: Type.Union([
        Type.Literal('seq_gap'),
        Type.Literal('prev_hash_mismatch'),
        Type.Literal('hash_mismatch'),
        Type.Literal('head_mismatch'),
      ]),
    }),
    Type.Null(),
  ]),
});

const Entry = Type.Object({
  seq: Type.Integer(),
  prevHash: Type.String(),
  hash: Type.String(),
  action: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  subjectType: Type.String(),
  subjectId: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
  at: DateTime,
});

/** The hash-chained audit ledger: organizers read it and verify the chain. */
const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['ledger'], security: [{ bearerAuth: [] }] };

  app.get(
    '/ledger/verify',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary: 'Recompute the hash chain and report the first broken link',
        response: { 200: Verification, ...problemResponses(401, 403) },
      },
    },
    async () => ledgerService.verifyLedger(app.db),
  );

  app.get(
    '/ledger',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary: 'Ledger entries in order',
        querystring: PageQuery,
        response: { 200: Page(Entry), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const afterSeq = cursor ? Number(decodeCursor(cursor, 1)[0]) : 0;
      const rows = await ledgerService.listLedger(app.db, { limit, afterSeq });
      // Ledger entries span editions (and some have none): presented in the platform's default zone.
      return toPage(
        rows,
        limit,
        (row) => ({ ...row, at: isoInZone(row.at, DEFAULT_TIME_ZONE) }),
        (row) => [row.seq],
      );
    },
  );
};

export default ledgerRoutes;
