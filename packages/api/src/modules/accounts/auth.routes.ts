import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { problemResponses } from '../../lib/http-schemas.js';
import { LoginBody, Session, SignUpBody } from './schemas.js';
import * as accounts from './service.js';

export interface AuthRoutesOptions {
  refreshTtlDays: number;
  authRateLimitMax: number;
  accountAttemptsMax: number;
  accountLockoutMinutes: number;
}

/**
 * A limit per account (email or mobile), whatever address the attempts come from: after `max`
 * counted attempts within the window the account answers 429 with Retry-After until the window
 * ends. Keys are hashed, so the store holds no login names.
 */
function accountLimiter(
  app: FastifyInstance,
  kind: string,
  login: (request: FastifyRequest) => string,
  options: AuthRoutesOptions,
) {
  const limiter = app.createRateLimit({
    max: options.accountAttemptsMax,
    timeWindow: options.accountLockoutMinutes * 60_000,
    keyGenerator: (request) =>
      `${kind}:${createHash('sha256')
        .update(accounts.normalizeLogin(login(request)))
        .digest('hex')}`,
  });
  return {
    /** Refuses the request while the account is locked. */
    async check(request: FastifyRequest, reply: FastifyReply) {
      const status = await limiter(request, { increment: false });
      if (!status.isAllowed && status.remaining === 0 && status.ttl > 0) {
        void reply.header('retry-after', String(status.ttlInSeconds));
        throw new DomainError('ACCOUNT_LOCKED', 429, { params: { seconds: status.ttlInSeconds } });
      }
    },
    /** Counts one attempt against the account. */
    async count(request: FastifyRequest) {
      await limiter(request);
    },
  };
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
