import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FIELD_CODES, UNIT_TYPES } from '@saishi/shared';
import { DateTime, IdParams, Page, PageQuery, problemResponses } from '../../lib/http-schemas.js';
import { forbidden } from '../../lib/errors.js';
import * as expertsService from './service.js';

const FieldCode = Type.Union(FIELD_CODES.map((code) => Type.Literal(code)));
const AffiliationType = Type.Union(
  [...UNIT_TYPES, 'investment_institution', 'other'].map((code) => Type.Literal(code)),
);
const CreditCode = Type.String({
  pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$',
  description: 'Unified social credit code (18 chars)',
});

const Expert = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The expert’s user id' }),
  email: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  active: Type.Boolean(),
  affiliationName: Type.String({ description: 'Unit or university (单位/高校)' }),
  affiliationCreditCode: Type.Union([Type.String(), Type.Null()]),
  affiliationType: Type.String(),
  title: Type.String(),
  fieldCodes: Type.Array(Type.String()),
});

const ProfileFields = {
  affiliationName: Type.String({ minLength: 1, maxLength: 200 }),
  affiliationCreditCode: Type.Optional(Type.Union([CreditCode, Type.Null()])),
  affiliationType: Type.Optional(AffiliationType),
  title: Type.Optional(Type.String({ maxLength: 100 })),
  fieldCodes: Type.Optional(Type.Array(FieldCode, { uniqueItems: true, maxItems: 12 })),
};

const InviteBody = Type.Union([
  Type.Object({ userId: Type.String({ format: 'uuid' }), ...ProfileFields }, { additionalProperties: false }),
  Type.Object(
    {
      email: Type.String({ format: 'email', maxLength: 200 }),
      displayName: Type.String({ minLength: 1, maxLength: 100 }),
      password: Type.Optional(
        Type.String({
          minLength: 8,
          maxLength: 128,
          description: 'Initial password handed to the expert; without it the account cannot log in yet',
        }),
      ),
      ...ProfileFields,
    },
    { additionalProperties: false },
  ),
]);

const UpdateBody = Type.Partial(Type.Object(ProfileFields), { additionalProperties: false });

const Conflict = Type.Object({
  id: Type.String({ format: 'uuid' }),
  expertId: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('project'), Type.Literal('team'), Type.Literal('unit')]),
  subjectId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  declaredBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: DateTime,
});

const ConflictBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('project'), Type.Literal('team'), Type.Literal('unit')]),
    subjectId: Type.Optional(Type.String({ format: 'uuid' })),
    creditCode: Type.Optional(CreditCode),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

/** The expert committee (专家委员会): organizers invite experts; experts and organizers declare conflicts. */
const expertsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['experts'], security: [{ bearerAuth: [] }] };

  app.post(
    '/experts',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary:
          'Invite an expert (a new account of role expert, or an existing account by id) with affiliation and fields',
        body: InviteBody,
        response: { 201: Expert, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await expertsService.inviteExpert(app.db, request.body)),
  );

  app.get(
    '/experts',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary: 'List experts',
        querystring: Type.Object({ ...PageQuery.properties, field: Type.Optional(FieldCode) }),
        response: { 200: Page(Expert), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => expertsService.listExperts(app.db, request.query),
  );

  app.get(
    '/experts/:id',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        summary: 'One expert (an expert sees only themself)',
        params: IdParams,
        response: { 200: Expert, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      if (request.user.role === 'expert' && request.user.sub !== request.params.id) throw forbidden();
      return expertsService.getExpert(app.db, request.params.id);
    },
  );

  app.patch(
    '/experts/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary: 'Update an expert’s affiliation, title or fields',
        params: IdParams,
        body: UpdateBody,
        response: { 200: Expert, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => expertsService.updateExpert(app.db, request.params.id, request.body, app.clock.now()),
  );

  app.get(
    '/experts/:id/conflicts',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        summary: 'Declared conflicts of interest',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Conflict) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      if (request.user.role === 'expert' && request.user.sub !== request.params.id) throw forbidden();
      return { items: await expertsService.listConflicts(app.db, request.params.id) };
    },
  );

  app.post(
    '/experts/:id/conflicts',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        summary:
          'Declare a conflict of interest (回避) with a project, team or unit; withdraws pending assignments it forbids',
        params: IdParams,
        body: ConflictBody,
        response: { 201: Conflict, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (request.user.role === 'expert' && request.user.sub !== request.params.id) throw forbidden();
      return reply
        .code(201)
        .send(
          await expertsService.declareConflict(
            app.db,
            request.params.id,
            request.body,
            request.user.sub,
            app.clock.now(),
          ),
        );
    },
  );
};

export default expertsRoutes;
