import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../../lib/errors.js';
import { problemResponses } from '../../lib/http-schemas.js';
import { LoginBody, Session, SignUpBody } from './schemas.js';
import * as accounts from './service.js';
import { accountLimiter, type AccountLimits } from './throttle.js';

export interface AuthRoutesOptions extends AccountLimits {
  refreshTtlDays: number;
  authRateLimitMax: number;
}

/**
 * Sign-up and login, limited per client address and per account; they open a session
 * (`./session.routes.ts` refreshes and ends it).
 */
const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const settings: accounts.TokenSettings = {
    sign: (claims) => app.jwt.sign(claims),
    refreshTtlDays: options.refreshTtlDays,
  };
  const rateLimit = { max: options.authRateLimitMax, timeWindow: '1 minute' };
  const loginAttempts = accountLimiter(app, 'login', (request) => (request.body as { login: string }).login, options);
  const signUpAttempts = accountLimiter(
    app,
    'signup',
    (request) => {
      const body = request.body as { email?: string; mobile?: string };
      return body.email ?? body.mobile ?? '';
    },
    options,
  );
  const tags = ['accounts'];

  app.post(
    '/auth/signup',
    {
      config: { rateLimit, idempotency: false },
      schema: {
        tags,
        summary: 'Create a participant account with an email or a mobile number, and log in',
        body: SignUpBody,
        response: { 201: Session, ...problemResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      await signUpAttempts.check(request, reply);
      await signUpAttempts.count(request);
      const user = await accounts.createUser(app.deps, request.body);
      return reply.code(201).send(await accounts.issueSession(app.deps, user, settings));
    },
  );

  app.post(
    '/auth/login',
    {
      config: { rateLimit, idempotency: false },
      schema: {
        tags,
        summary: 'Log in with an email or a mobile number and the password',
        body: LoginBody,
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await loginAttempts.check(request, reply);
      const user = await accounts.authenticate(app.deps, request.body).catch(async (error: unknown) => {
        if (error instanceof DomainError && error.code === 'INVALID_CREDENTIALS') await loginAttempts.count(request);
        throw error;
      });
      return accounts.issueSession(app.deps, user, settings);
    },
  );
};

export default authRoutes;
