import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../../lib/errors.js';
import { problemResponses } from '../../lib/http-schemas.js';
import type { AuthRoutesOptions } from './auth.routes.js';
import { Session, SignUpAccepted, SignUpBody, VerifyBody } from './schemas.js';
import * as accounts from './service.js';
import { accountLimiter } from './throttle.js';
import { confirmSignUp, signUp } from './verification.js';
import { operations } from './operations.js';

/**
 * Sign-up in two steps: the code goes to the email or mobile (the same answer whether or not
 * it is registered), and the account is usable once the code is confirmed.
 */
const signUpRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const settings: accounts.TokenSettings = {
    sign: (claims) => app.jwt.sign(claims),
    refreshTtlDays: options.refreshTtlDays,
  };
  const rateLimit = { max: options.authRateLimitMax, timeWindow: '1 minute' };
  const signUpAttempts = accountLimiter(
    app,
    'signup',
    (request) => {
      const body = request.body as { email?: string; mobile?: string };
      return body.email ?? body.mobile ?? '';
    },
    options,
  );
  const codeAttempts = accountLimiter(app, 'verify', (request) => (request.body as { login: string }).login, options);
  const tags = ['accounts'];

  app.post(
    '/auth/signup',
    {
      config: { rateLimit, idempotency: false },
      schema: {
        tags,
        ...operations.signUp,
        body: SignUpBody,
        response: { 202: SignUpAccepted, ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await signUpAttempts.check(request, reply);
      await signUpAttempts.count(request);
      return reply.code(202).send(await signUp(app.deps, app.verificationSender, request.body, request.locale));
    },
  );

  app.post(
    '/auth/verify',
    {
      config: { rateLimit, idempotency: false },
      schema: {
        tags,
        ...operations.verifySignUp,
        body: VerifyBody,
        response: { 200: Session, ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await codeAttempts.check(request, reply);
      const user = await confirmSignUp(app.deps, request.body).catch(async (error: unknown) => {
        if (error instanceof DomainError) await codeAttempts.count(request);
        throw error;
      });
      return accounts.issueSession(app.deps, user, settings);
    },
  );
};

export default signUpRoutes;
