import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import * as access from './access.js';
import { operations } from './operations.js';
import { AccessEntry, AccessLogQuery, Contact, PersonalDataRight, RevealBody } from './schemas.js';

/**
 * Minimization: the right to unmask personal contacts (`personalData.view`), the reveal of one
 * contact for a reason, and the log of every such access.
 */
const accessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const secured = { tags: ['privacy'], security: [{ bearerAuth: [] }] };
  const organizer = [app.requireRole('admin')];

  app.put(
    '/users/:id/personal-data-right',
    {
      onRequest: organizer,
      schema: {
        ...secured,
        ...operations.grantPersonalDataRight,
        params: IdParams,
        response: { 200: PersonalDataRight, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => access.grantRight(app.deps, request.params.id, request.user),
  );

  app.delete(
    '/users/:id/personal-data-right',
    {
      onRequest: organizer,
      schema: {
        ...secured,
        ...operations.revokePersonalDataRight,
        params: IdParams,
        response: { 200: PersonalDataRight, ...problemResponses(401, 403) },
      },
    },
    async (request) => access.revokeRight(app.deps, request.params.id, request.user),
  );

  app.post(
    '/users/:id/contact/reveal',
    {
      onRequest: organizer,
      schema: {
        ...secured,
        ...operations.revealContact,
        params: IdParams,
        body: RevealBody,
        response: { 200: Contact, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => access.revealContact(app.deps, request.params.id, request.body.reason, request.user),
  );

  app.get(
    '/personal-data/access-log',
    {
      onRequest: organizer,
      schema: {
        ...secured,
        ...operations.listPersonalDataAccess,
        querystring: AccessLogQuery,
        response: { 200: Page(AccessEntry), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => access.listAccessLog(app.deps, request.query, request.user),
  );
};

export default accessRoutes;
