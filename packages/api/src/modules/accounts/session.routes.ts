import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../lib/http-schemas.js';
import type { AuthRoutesOptions } from './auth.routes.js';
import { RefreshBody, Session } from './schemas.js';
import * as accounts from './service.js';
import { operations } from './operations.js';

/**
 * Token refresh and logout. Access tokens carry the role; a role change or a disabled account
 * takes effect at the next refresh (at most ACCESS_TOKEN_TTL later).
 */
const sessionRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const settings: accounts.TokenSettings = {
    sign: (claims) => app.jwt.sign(claims),
    refreshTtlDays: options.refreshTtlDays,
  };
  const tags = ['accounts'];

  app.post(
    '/auth/refresh',
    {
      config: { rateLimit: { max: options.authRateLimitMax * 6, timeWindow: '1 minute' }, idempotency: false },
      schema: {
        tags,
        ...operations.refreshTokens,
        body: RefreshBody,
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => accounts.refreshSession(app.deps, request.body.refreshToken, settings),
  );

  app.post(
    '/auth/logout',
    {
      config: { idempotency: false },
      schema: {
        tags,
        ...operations.logout,
        body: RefreshBody,
        response: { 204: Type.Null(), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      await accounts.revokeFamily(app.deps, request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );
};

export default sessionRoutes;
