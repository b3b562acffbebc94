import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../lib/errors.js';
import { problemResponses } from '../../lib/http-schemas.js';
import { browserSession, type AuthRoutesOptions } from './auth.routes.js';
import { RefreshBody, Session } from './schemas.js';
import * as accounts from './service.js';
import { operations } from './operations.js';

/**
 * Token refresh and logout. Access tokens carry the role; a role change or a disabled account
 * takes effect at the next refresh (at most ACCESS_TOKEN_TTL later).
 * An API client sends its refresh token in the body; a browser session (login with
 * `refreshTokenIn: cookie`) sends none, the cookie carries it, and the `X-CSRF-Token` header must
 * prove that the page of this origin sent the request.
 */
const sessionRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const settings: accounts.TokenSettings = {
    sign: (claims) => app.jwt.sign(claims),
    refreshTtlDays: options.refreshTtlDays,
  };
  const browser = browserSession(app.prefix, options);
  const tags = ['accounts'];

  /** Cookie-borne requests (no token in the body, a refresh cookie) must carry the CSRF token. */
  function csrfForCookie(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
    const { refreshToken } = request.body as { refreshToken?: string };
    if (!refreshToken && browser.refreshToken(request)) app.csrfProtection(request, reply, done);
    else done();
  }

  app.post(
    '/auth/refresh',
    {
      config: { rateLimit: { max: options.authRateLimitMax * 6, timeWindow: '1 minute' }, idempotency: false },
      preHandler: csrfForCookie,
      schema: {
        tags,
        ...operations.refreshTokens,
        body: RefreshBody,
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const fromBody = request.body.refreshToken;
      const presented = fromBody ?? browser.refreshToken(request);
      if (!presented) throw new DomainError('REFRESH_TOKEN_INVALID', 401);
      const session = await accounts.refreshSession(app.deps, presented, settings).catch((error: unknown) => {
        if (!fromBody) browser.end(request, reply);
        throw error;
      });
      if (fromBody) return session;
      const { refreshToken, ...rest } = session;
      return { ...rest, csrfToken: browser.start(request, reply, refreshToken) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { idempotency: false },
      preHandler: csrfForCookie,
      schema: {
        tags,
        ...operations.logout,
        body: RefreshBody,
        response: { 204: Type.Null(), ...problemResponses(400, 403) },
      },
    },
    async (request, reply) => {
      const fromBody = request.body.refreshToken;
      const presented = fromBody ?? browser.refreshToken(request);
      if (presented) await accounts.revokeFamily(app.deps, presented);
      if (!fromBody) browser.end(request, reply);
      return reply.code(204).send(null);
    },
  );
};

export default sessionRoutes;
