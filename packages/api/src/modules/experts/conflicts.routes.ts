import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses, WholeList, wholeList } from '../../lib/http-schemas.js';
import { Conflict, ConflictBody } from './schemas.js';
import * as experts from './service.js';
import { operations } from './operations.js';

/** Declared conflicts of interest (回避) of an expert, by the expert or an organizer. */
const conflictsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['experts'], security: [{ bearerAuth: [] }] };

  app.get(
    '/experts/:id/conflicts',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        ...operations.listExpertConflicts,
        params: IdParams,
        response: { 200: WholeList(Conflict), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await experts.listConflicts(app.deps, request.params.id, request.user)),
  );

  app.post(
    '/experts/:id/conflicts',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        ...operations.declareExpertConflict,
        params: IdParams,
        body: ConflictBody,
        response: { 201: Conflict, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await experts.declareConflict(app.deps, request.params.id, request.body, request.user)),
  );
};

export default conflictsRoutes;
