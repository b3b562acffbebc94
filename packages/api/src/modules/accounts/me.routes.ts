import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../../lib/errors.js';
import { problemResponses } from '../../lib/http-schemas.js';
import { confirmContactChange, correctMe } from './correction.js';
import { ContactVerificationBody, MeCorrection, MeUpdateBody, User } from './schemas.js';
import * as accounts from './service.js';
import { accountLimiter, type AccountLimits } from './throttle.js';
import { operations } from './operations.js';

/** The caller's own profile, which they correct themselves (个人信息保护法 §46). */
const meRoutes: FastifyPluginAsyncTypebox<AccountLimits> = async (app, options) => {
  const secured = { tags: ['accounts'], security: [{ bearerAuth: [] }] };
  // Wrong codes count against the account, whichever address they come from.
  const codeAttempts = accountLimiter(app, 'contact-verification', (request) => request.user.sub, options);

  app.get(
    '/me',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.getMe,
        response: { 200: User, ...problemResponses(401, 404) },
      },
    },
    async (request) => accounts.currentUser(app.deps, request.user),
  );

  app.patch(
    '/me',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.correctMe,
        body: MeUpdateBody,
        response: { 200: MeCorrection, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => correctMe(app.deps, app.verificationSender, request.user, request.body, request.locale),
  );

  app.post(
    '/me/contact-verification',
    {
      onRequest: [app.authenticate],
      config: { idempotency: false },
      schema: {
        ...secured,
        ...operations.confirmContactChange,
        body: ContactVerificationBody,
        response: { 200: User, ...problemResponses(400, 401, 409, 429) },
      },
    },
    async (request, reply) => {
      await codeAttempts.check(request, reply);
      try {
        return await confirmContactChange(app.deps, request.user, request.body);
      } catch (error) {
        if (error instanceof DomainError) await codeAttempts.count(request);
        throw error;
      }
    },
  );
};

export default meRoutes;
