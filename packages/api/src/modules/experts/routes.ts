import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import conflictRoutes from './conflicts.routes.js';
import { Expert, ExpertListQuery, ExpertUpdateBody, InvitationSent, InviteBody } from './schemas.js';
import * as experts from './service.js';
import { operations } from './operations.js';

/** The expert committee (专家委员会): organizers invite experts; experts and organizers declare conflicts. */
const expertsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['experts'], security: [{ bearerAuth: [] }] };

  app.post(
    '/experts',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.inviteExpert,
        body: InviteBody,
        response: { 201: Expert, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await experts.inviteExpert(app.deps, request.body)),
  );

  app.post(
    '/experts/:id/invitation',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.resendExpertInvitation,
        params: IdParams,
        response: { 200: InvitationSent, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => experts.resendInvitation(app.deps, request.params.id),
  );

  app.get(
    '/experts',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.listExperts,
        querystring: ExpertListQuery,
        response: { 200: Page(Expert), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => experts.listExperts(app.deps, request.query),
  );

  app.get(
    '/experts/:id',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        ...operations.getExpert,
        params: IdParams,
        response: { 200: Expert, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => experts.getExpert(app.deps, request.params.id, request.user),
  );

  app.patch(
    '/experts/:id',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        ...operations.updateExpert,
        params: IdParams,
        body: ExpertUpdateBody,
        response: { 200: Expert, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => experts.updateExpert(app.deps, request.params.id, request.body, request.user),
  );

  await app.register(conflictRoutes);
};

export default expertsRoutes;
