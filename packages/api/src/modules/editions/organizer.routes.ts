import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EditionParams, IdParams, problemResponses } from '../../lib/http-schemas.js';
import { StageDatesBody, StageParams, Timeline, Topic, TopicBody, TopicUpdateBody } from './schemas.js';
import * as editions from './service.js';
import { operations } from './operations.js';

/** The organizers' edits of an edition: topics and stage dates. */
const organizerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const adminWrite = { tags: ['editions'], security: [{ bearerAuth: [] }] };
  const editionOf = (request: { params: { edition: string } }) =>
    editions.resolveEdition(app.deps.db, request.params.edition);

  app.post(
    '/editions/:edition/topics',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        ...operations.createTopic,
        params: EditionParams,
        body: TopicBody,
        response: { 201: Topic, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await editions.createTopic(app.deps, (await editionOf(request)).id, request.body)),
  );

  app.patch(
    '/topics/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        ...operations.updateTopic,
        params: IdParams,
        body: TopicUpdateBody,
        response: { 200: Topic, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => editions.updateTopic(app.deps, request.params.id, request.body),
  );

  app.delete(
    '/topics/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        ...operations.deleteTopic,
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await editions.deleteTopic(app.deps, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/editions/:edition/stages/:stage',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        ...operations.updateStage,
        params: StageParams,
        body: StageDatesBody,
        response: { 200: Timeline, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      editions.updateStageDates(app.deps, await editionOf(request), request.params.stage, request.body),
  );
};

export default organizerRoutes;
