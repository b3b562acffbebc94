import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../lib/http-schemas.js';
import { LoginBody, RefreshBody, Session, SignUpBody } from './schemas.js';
import * as accounts from './service.js';

export interface AuthRoutesOptions {
  refreshTtlDays: number;
  authRateLimitMax: number;
}

/**
 * Sign-up, login, token refresh and logout. Access tokens carry the role; a role change or a
 * disabled account takes effect at the next refresh (at most ACCESS_TOKEN_TTL later).
 */
const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const settings: accounts.TokenSettings = {
    sign: (claims) => app.jwt.sign(claims),
    refreshTtlDays: options.refreshTtlDays,
  };
  const rateLimit = { max: options.authRateLimitMax, timeWindow: '1 minute' };
  const tags = ['accounts'];

  app.post(
    '/auth/signup',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Create a participant account with an email or a mobile number, and log in',
        body: SignUpBody,
        response: { 201: Session, ...problemResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const user = await accounts.createUser(app.deps, request.body);
      return reply.code(201).send(await accounts.issueSession(app.deps, user, settings));
    },
  );

  app.post(
    '/auth/login',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Log in with an email or a mobile number and the password',
        body: LoginBody,
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => accounts.issueSession(app.deps, await accounts.authenticate(app.deps, request.body), settings),
  );

  app.post(
    '/auth/refresh',
    {
      config: { rateLimit: { max: options.authRateLimitMax * 6, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new access token and a new refresh token',
        body: RefreshBody,
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => accounts.refreshSession(app.deps, request.body.refreshToken, settings),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags,
        summary: 'Revoke the session of the refresh token',
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

export default authRoutes;
