import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FIELD_CODES, STAGE_CODES } from '@saishi/shared';
import { DateTime, IdParams, NullableDateTime, Page, problemResponses } from '../../lib/http-schemas.js';
import * as editionsService from './service.js';

const EditionParams = Type.Object({
  edition: Type.String({
    minLength: 1,
    maxLength: 64,
    description: '`current`, an edition code such as `2024-guangxi`, or an id',
  }),
});

const Edition = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  year: Type.Integer(),
  division: Type.String(),
  theme: Type.String(),
  timeZone: Type.String(),
  organizers: Type.Object({
    guidance: Type.Array(Type.String()),
    host: Type.Array(Type.String()),
    undertaker: Type.Array(Type.String()),
  }),
  contacts: Type.Array(Type.Object({ name: Type.String(), phone: Type.String() })),
  committees: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), description: Type.String() })),
  nationalFinalAt: NullableDateTime,
  isCurrent: Type.Boolean(),
});

const Named = {
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
};
const Track = Type.Object({ ...Named, description: Type.String() });
const Category = Type.Object({ ...Named, description: Type.String() });
const Direction = Type.Object({ ...Named, description: Type.String(), categories: Type.Array(Category) });
const Field = Type.Object({ ...Named, aliases: Type.Array(Type.String()) });
const Topic = Type.Object({
  id: Type.String({ format: 'uuid' }),
  editionId: Type.String({ format: 'uuid' }),
  fieldId: Type.String({ format: 'uuid' }),
  fieldCode: Type.String(),
  title: Type.String(),
  description: Type.String(),
  isExample: Type.Boolean({ description: 'An illustration in demo data, not part of the official topic guide' }),
  sortOrder: Type.Integer(),
});
const Stage = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  startsAt: DateTime,
  endsAt: NullableDateTime,
  isOpen: Type.Boolean(),
});
const Timeline = Type.Object({
  now: DateTime,
  timeZone: Type.String(),
  currentStage: Type.Union([Type.String(), Type.Null()], {
    description: 'The stage open now (R-TIME-1); null between stages',
  }),
  nextStage: Type.Union([Type.String(), Type.Null()]),
  stages: Type.Array(Stage),
});
const Grade = Type.Object({ ...Named, rank: Type.Integer() });
const AwardCategories = Type.Object({
  grades: Type.Array(Grade),
  tracks: Type.Array(
    Type.Object({
      trackCode: Type.String(),
      awardCategories: Type.Array(Type.Object({ ...Named, categoryCode: Type.String() })),
    }),
  ),
});
const Event = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  mode: Type.String(),
  venue: Type.String(),
  signInAt: NullableDateTime,
  startsAt: DateTime,
  endsAt: NullableDateTime,
  agenda: Type.Array(Type.Object({ time: Type.Optional(Type.String()), title: Type.String() })),
});

const TopicBody = Type.Object(
  {
    fieldCode: Type.Union(FIELD_CODES.map((code) => Type.Literal(code))),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    isExample: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

const list = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

/** Public reads of the competition model (R-EDITION-1) and the organizers' edits of topics and stage dates. */
const editionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const publicRead = { tags: ['editions'] };
  const adminWrite = { tags: ['editions'], security: [{ bearerAuth: [] }] };

  app.get(
    '/editions',
    { schema: { ...publicRead, summary: 'List editions', response: { 200: Page(Edition) } } },
    async () => ({ items: await editionsService.listEditions(app.db), nextCursor: null }),
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
    async (request) =>
      editionsService.presentEdition(await editionsService.resolveEdition(app.db, request.params.edition)),
  );

  app.get(
    '/editions/:edition/tracks',
    {
      schema: {
        ...publicRead,
        summary: 'Tracks of an edition',
        params: EditionParams,
        response: { 200: list(Track), ...problemResponses(404) },
      },
    },
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return { items: await editionsService.listTracks(app.db, edition.id) };
    },
  );

  app.get(
    '/editions/:edition/directions',
    {
      schema: {
        ...publicRead,
        summary: 'Directions with their categories',
        params: EditionParams,
        response: { 200: list(Direction), ...problemResponses(404) },
      },
    },
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return { items: await editionsService.listDirections(app.db, edition.id) };
    },
  );

  app.get(
    '/editions/:edition/fields',
    {
      schema: {
        ...publicRead,
        summary: 'The industry fields, in order',
        params: EditionParams,
        response: { 200: list(Field), ...problemResponses(404) },
      },
    },
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return { items: await editionsService.listFields(app.db, edition.id) };
    },
  );

  app.get(
    '/editions/:edition/topics',
    {
      schema: {
        ...publicRead,
        summary: 'Topics, optionally of one field',
        params: EditionParams,
        querystring: Type.Object({ field: Type.Optional(Type.Union(FIELD_CODES.map((code) => Type.Literal(code)))) }),
        response: { 200: list(Topic), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return { items: await editionsService.listTopics(app.db, edition.id, request.query.field) };
    },
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
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return editionsService.timeline(app.db, edition, app.clock.now());
    },
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
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return editionsService.listAwardCategories(app.db, edition.id);
    },
  );

  app.get(
    '/editions/:edition/events',
    {
      schema: {
        ...publicRead,
        summary: 'Events such as the recommendation meeting',
        params: EditionParams,
        response: { 200: list(Event), ...problemResponses(404) },
      },
    },
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return { items: await editionsService.listEvents(app.db, edition) };
    },
  );

  app.post(
    '/editions/:edition/topics',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        summary: 'Add a topic',
        params: EditionParams,
        body: TopicBody,
        response: { 201: Topic, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return reply.code(201).send(await editionsService.createTopic(app.db, edition.id, request.body));
    },
  );

  app.patch(
    '/topics/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        summary: 'Change a topic',
        params: IdParams,
        body: Type.Partial(TopicBody, { additionalProperties: false, minProperties: 1 }),
        response: { 200: Topic, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => editionsService.updateTopic(app.db, request.params.id, request.body, app.clock.now()),
  );

  app.delete(
    '/topics/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        summary: 'Remove a topic',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await editionsService.deleteTopic(app.db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/editions/:edition/stages/:stage',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...adminWrite,
        summary: 'Change the dates of a stage',
        params: Type.Object({
          edition: EditionParams.properties.edition,
          stage: Type.Union(STAGE_CODES.map((code) => Type.Literal(code))),
        }),
        body: Type.Object(
          { startsAt: Type.Optional(DateTime), endsAt: Type.Optional(NullableDateTime) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Timeline, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const edition = await editionsService.resolveEdition(app.db, request.params.edition);
      return editionsService.updateStageDates(app.db, edition, request.params.stage, request.body, app.clock.now());
    },
  );
};

export default editionsRoutes;
