import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { User, UserListQuery, UserUpdateBody } from './schemas.js';
import * as accounts from './service.js';
import { operations } from './operations.js';

/**
 * Organizers' user management: a role change or a disabled account revokes all the user's
 * refresh tokens at once. The caller's own profile is in ./me.routes.ts.
 */
const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const secured = { tags: ['accounts'], security: [{ bearerAuth: [] }] };

  app.get(
    '/users',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        ...operations.listUsers,
        querystring: UserListQuery,
        response: { 200: Page(User), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => accounts.listUsers(app.deps, request.query),
  );

  app.patch(
    '/users/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        ...operations.updateUser,
        params: IdParams,
        body: UserUpdateBody,
        response: { 200: User, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => accounts.updateUser(app.deps, request.params.id, request.body, request.user),
  );
};

export default usersRoutes;
