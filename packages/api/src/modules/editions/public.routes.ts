import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, WholeList, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { Division, Edition, EditionListQuery, Event, List, Timeline } from './schemas.js';
import * as editions from './service.js';
import { cachePublicReads } from '../../plugins/http-cache.js';
import { draftVisibility } from '../../lib/scope.js';
import { operations } from './operations.js';

/** Public reads of editions and their timeline and events, without login (R-EDITION-1). */
const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  cachePublicReads(app);
  const publicRead = { tags: ['editions'] };
  const editionOf = (request: { params: { edition: string } }) =>
    editions.resolveEdition(app.deps.db, request.params.edition);

  app.get(
    '/divisions',
    {
      schema: {
        ...publicRead,
        ...operations.listDivisions,
        response: { 200: List(Division) },
      },
    },
    async () => wholeList(await editions.listDivisions(app.deps)),
  );

  app.get(
    '/editions',
    {
      onRequest: [app.identifyIfPossible],
      schema: {
        ...publicRead,
        ...operations.listEditions,
        querystring: EditionListQuery,
        response: { 200: WholeList(Edition), ...problemResponses(400, 401) },
      },
    },
    async (request) =>
      wholeList(await editions.listEditions(app.deps, request.query, await draftVisibility(app.deps.db, request.user))),
  );

  app.get(
    '/editions/:edition',
    {
      schema: {
        ...publicRead,
        ...operations.getEdition,
        params: EditionParams,
        response: { 200: Edition, ...problemResponses(404) },
      },
    },
    async (request) => editions.presentResolvedEdition(app.deps, await editionOf(request)),
  );

  app.get(
    '/editions/:edition/stages',
    {
      // The timeline says which stage is open now: its answer changes with the clock.
      config: { keepAnswers: false },
      schema: {
        ...publicRead,
        ...operations.getTimeline,
        params: EditionParams,
        response: { 200: Timeline, ...problemResponses(404) },
      },
    },
    async (request) => editions.timeline(app.deps, await editionOf(request)),
  );

  app.get(
    '/editions/:edition/events',
    {
      schema: {
        ...publicRead,
        ...operations.listEvents,
        params: EditionParams,
        response: { 200: List(Event), ...problemResponses(404) },
      },
    },
    async (request) => wholeList(await editions.listEvents(app.deps, await editionOf(request))),
  );
};

export default publicRoutes;
