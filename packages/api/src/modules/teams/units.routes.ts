import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { Unit, UnitBody, UnitListQuery } from './schemas.js';
import * as units from './units.js';
import { operations } from './operations.js';

/** Units (参赛单位) of an edition, registered by participants with their credit code (R-SOC-1). */
const unitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/editions/:edition/units',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.createUnit,
        params: EditionParams,
        body: UnitBody,
        response: { 201: Unit, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await units.createUnit(app.deps, request.params.edition, request.body, request.user)),
  );

  app.get(
    '/editions/:edition/units',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.listUnits,
        params: EditionParams,
        querystring: UnitListQuery,
        response: { 200: Page(Unit), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => units.listUnits(app.deps, request.params.edition, request.query, request.user),
  );

  app.get(
    '/units/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.getUnit,
        params: IdParams,
        response: { 200: Unit, ...problemResponses(401, 404) },
      },
    },
    async (request) => units.getUnit(app.deps, request.params.id, request.user),
  );
};

export default unitsRoutes;
