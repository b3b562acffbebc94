import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, Page, problemResponses } from '../../lib/http-schemas.js';
import {
  AwardCategories,
  Direction,
  Edition,
  Event,
  Field,
  List,
  Timeline,
  Topic,
  TopicQuery,
  Track,
} from './schemas.js';
import * as editions from './service.js';

/** Public reads of the competition model, without login (R-EDITION-1). */
const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const publicRead = { tags: ['editions'] };
  const editionOf = (request: { params: { edition: string } }) =>
    editions.resolveEdition(app.deps.db, request.params.edition);

  app.get(
    '/editions',
    { schema: { ...publicRead, summary: 'List editions', response: { 200: Page(Edition) } } },
    async () => ({ items: await editions.listEditions(app.deps), nextCursor: null }),
  );

  app.get(
    '/editions/:edition',
    {
      schema: {
        ...publicRead,
        summary: 'One edition (`current` for the current one)',
        params: EditionParams,
        response: { 200: Edition, ...problemResponses(404) },
      },
    },
    async (request) => editions.getEdition(app.deps, request.params.edition),
  );

  app.get(
    '/editions/:edition/tracks',
    {
      schema: {
        ...publicRead,
        summary: 'Tracks of an edition',
        params: EditionParams,
        response: { 200: List(Track), ...problemResponses(404) },
      },
    },
    async (request) => ({ items: await editions.listTracks(app.deps, (await editionOf(request)).id) }),
  );

  app.get(
    '/editions/:edition/directions',
    {
      schema: {
        ...publicRead,
        summary: 'Directions with their categories',
        params: EditionParams,
        response: { 200: List(Direction), ...problemResponses(404) },
      },
    },
    async (request) => ({ items: await editions.listDirections(app.deps, (await editionOf(request)).id) }),
  );

  app.get(
    '/editions/:edition/fields',
    {
      schema: {
        ...publicRead,
        summary: 'The industry fields, in order',
        params: EditionParams,
        response: { 200: List(Field), ...problemResponses(404) },
      },
    },
    async (request) => ({ items: await editions.listFields(app.deps, (await editionOf(request)).id) }),
  );

  app.get(
    '/editions/:edition/topics',
    {
      schema: {
        ...publicRead,
        summary: 'Topics, optionally of one field',
        params: EditionParams,
        querystring: TopicQuery,
        response: { 200: List(Topic), ...problemResponses(400, 404) },
      },
    },
    async (request) => ({
      items: await editions.listTopics(app.deps, (await editionOf(request)).id, request.query.field),
    }),
  );

  app.get(
    '/editions/:edition/stages',
    {
      schema: {
        ...publicRead,
        summary: 'The timeline and the stage open now',
        params: EditionParams,
        response: { 200: Timeline, ...problemResponses(404) },
      },
    },
    async (request) => editions.timeline(app.deps, await editionOf(request)),
  );

  app.get(
    '/editions/:edition/award-categories',
    {
      schema: {
        ...publicRead,
        summary: 'Award categories per track, and the grades',
        params: EditionParams,
        response: { 200: AwardCategories, ...problemResponses(404) },
      },
    },
    async (request) => editions.listAwardCategories(app.deps, (await editionOf(request)).id),
  );

  app.get(
    '/editions/:edition/events',
    {
      schema: {
        ...publicRead,
        summary: 'Events such as the recommendation meeting',
        params: EditionParams,
        response: { 200: List(Event), ...problemResponses(404) },
      },
    },
    async (request) => ({ items: await editions.listEvents(app.deps, await editionOf(request)) }),
  );
};

export default publicRoutes;
