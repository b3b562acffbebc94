import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EditionParams, IdParams, problemResponses } from '../../lib/http-schemas.js';
import { cloneEdition } from './clone.js';
import { createEvent, deleteEvent, updateEvent } from './events.js';
import { createEdition, replaceStageDates, transitionEdition, updateEdition } from './lifecycle.js';
import { resolveEdition } from './resolve.js';
import {
  CloneEditionBody,
  CreateEditionBody,
  Edition,
  Event,
  EventBody,
  EventUpdateBody,
  StagesBody,
  Timeline,
  UpdateEditionBody,
} from './schemas.js';
import { operations } from './operations.js';

const adminWrite = { tags: ['editions'], security: [{ bearerAuth: [] }] };

/** The organizers' season work: create or clone an edition, publish it, archive it. */
const seasonRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = [app.requireRole('admin')];
  const editionOf = (request: { params: { edition: string } }) => resolveEdition(app.deps.db, request.params.edition);

  app.post(
    '/editions',
    {
      onRequest,
      schema: {
        ...adminWrite,
        ...operations.createEdition,
        body: CreateEditionBody,
        response: { 201: Edition, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await createEdition(app.deps, request.body)),
  );

  app.post(
    '/editions/:edition/clone',
    {
      onRequest,
      schema: {
        ...adminWrite,
        ...operations.cloneEdition,
        params: EditionParams,
        body: CloneEditionBody,
        response: { 201: Edition, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cloneEdition(app.deps, await editionOf(request), request.body)),
  );

  for (const action of ['publish', 'archive'] as const)
    app.post(
      `/editions/:edition/${action}`,
      {
        onRequest,
        schema: {
          ...adminWrite,
          ...(action === 'publish' ? operations.publishEdition : operations.archiveEdition),
          params: EditionParams,
          // Only publishing checks the timeline (422).
          response: { 200: Edition, ...problemResponses(401, 403, 404, 409, ...(action === 'publish' ? [422] : [])) },
        },
      },
      async (request) => transitionEdition(app.deps, await editionOf(request), action),
    );
};

/** The settings of an edition: its details, its whole timeline at once, its events. */
const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = [app.requireRole('admin')];
  const editionOf = (request: { params: { edition: string } }) => resolveEdition(app.deps.db, request.params.edition);

  app.patch(
    '/editions/:edition',
    {
      onRequest,
      schema: {
        ...adminWrite,
        ...operations.updateEdition,
        params: EditionParams,
        body: UpdateEditionBody,
        response: { 200: Edition, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateEdition(app.deps, await editionOf(request), request.body),
  );

  app.put(
    '/editions/:edition/stages',
    {
      onRequest,
      schema: {
        ...adminWrite,
        ...operations.replaceStageDates,
        params: EditionParams,
        body: StagesBody,
        response: { 200: Timeline, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => replaceStageDates(app.deps, await editionOf(request), request.body),
  );
};

const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = [app.requireRole('admin')];
  const editionOf = (request: { params: { edition: string } }) => resolveEdition(app.deps.db, request.params.edition);

  app.post(
    '/editions/:edition/events',
    {
      onRequest,
      schema: {
        ...adminWrite,
        ...operations.createEvent,
        params: EditionParams,
        body: EventBody,
        response: { 201: Event, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createEvent(app.deps, await editionOf(request), request.body)),
  );

  app.patch(
    '/events/:id',
    {
      onRequest,
      schema: {
        ...adminWrite,
        ...operations.updateEvent,
        params: IdParams,
        body: EventUpdateBody,
        response: { 200: Event, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateEvent(app.deps, request.params.id, request.body),
  );

  app.delete(
    '/events/:id',
    {
      onRequest,
      schema: {
        ...adminWrite,
        ...operations.deleteEvent,
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteEvent(app.deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

/** An edition's lifecycle: seasons, settings, events. */
const lifecycleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(seasonRoutes);
  await app.register(settingsRoutes);
  await app.register(eventRoutes);
};

export default lifecycleRoutes;
