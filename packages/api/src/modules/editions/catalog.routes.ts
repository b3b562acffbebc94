import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { AwardCategories, Direction, Field, List, Topic, TopicQuery, Track } from './schemas.js';
import * as editions from './service.js';
import { cachePublicReads } from '../../plugins/http-cache.js';
import { operations } from './operations.js';

/** Public reads of an edition's catalogue: tracks, directions, fields, topics, award categories (R-EDITION-1). */
const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  cachePublicReads(app);
  const publicRead = { tags: ['editions'] };
  const editionOf = (request: { params: { edition: string } }) =>
    editions.resolveEdition(app.deps.db, request.params.edition);

  app.get(
    '/editions/:edition/tracks',
    {
      schema: {
        ...publicRead,
        ...operations.listTracks,
        params: EditionParams,
        response: { 200: List(Track), ...problemResponses(404) },
      },
    },
    async (request) => wholeList(await editions.listTracks(app.deps, (await editionOf(request)).id)),
  );

  app.get(
    '/editions/:edition/directions',
    {
      schema: {
        ...publicRead,
        ...operations.listDirections,
        params: EditionParams,
        response: { 200: List(Direction), ...problemResponses(404) },
      },
    },
    async (request) => wholeList(await editions.listDirections(app.deps, (await editionOf(request)).id)),
  );

  app.get(
    '/editions/:edition/fields',
    {
      schema: {
        ...publicRead,
        ...operations.listFields,
        params: EditionParams,
        response: { 200: List(Field), ...problemResponses(404) },
      },
    },
    async (request) => wholeList(await editions.listFields(app.deps, (await editionOf(request)).id)),
  );

  app.get(
    '/editions/:edition/topics',
    {
      schema: {
        ...publicRead,
        ...operations.listTopics,
        params: EditionParams,
        querystring: TopicQuery,
        response: { 200: List(Topic), ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      wholeList(await editions.listTopics(app.deps, (await editionOf(request)).id, request.query.field)),
  );

  app.get(
    '/editions/:edition/award-categories',
    {
      schema: {
        ...publicRead,
        ...operations.listAwardCategories,
        params: EditionParams,
        response: { 200: AwardCategories, ...problemResponses(404) },
      },
    },
    async (request) => editions.listAwardCategories(app.deps, (await editionOf(request)).id),
  );
};

export default catalogRoutes;
