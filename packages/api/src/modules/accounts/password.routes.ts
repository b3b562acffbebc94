import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../lib/http-schemas.js';
import type { AuthRoutesOptions } from './auth.routes.js';
import { operations } from './operations.js';
import { RESET_LINK_MINUTES, requestPasswordReset, setPasswordWithToken } from './password-links.js';
import { PasswordResetAccepted, PasswordResetBody, SetPasswordBody } from './schemas.js';
import { accountLimiter } from './throttle.js';

/** A forgotten password: a one-time link by e-mail or SMS, and choosing the password with it (invitations too). */
const passwordRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const rateLimit = { max: options.authRateLimitMax, timeWindow: '1 minute' };
  const resetRequests = accountLimiter(app, 'reset', (request) => (request.body as { login: string }).login, options);
  const tags = ['accounts'];

  app.post(
    '/auth/password-reset',
    {
      config: { rateLimit, idempotency: false },
      schema: {
        tags,
        ...operations.requestPasswordReset,
        body: PasswordResetBody,
        response: { 202: PasswordResetAccepted, ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await resetRequests.check(request, reply);
      await resetRequests.count(request);
      await requestPasswordReset(app.deps, request.body.login, request.locale);
      return reply.code(202).send({ minutes: RESET_LINK_MINUTES });
    },
  );

  app.post(
    '/auth/password',
    {
      config: { rateLimit, idempotency: false },
      schema: {
        tags,
        ...operations.setPassword,
        body: SetPasswordBody,
        response: { 204: Type.Null({ description: 'The password is set' }), ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await setPasswordWithToken(app.deps, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );
};

export default passwordRoutes;
