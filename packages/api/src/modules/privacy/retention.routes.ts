import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, problemResponses } from '../../lib/http-schemas.js';
import { operations } from './operations.js';
import * as retention from './retention.js';
import { RetentionPolicy, RetentionPolicyBody, RetentionReport } from './schemas.js';

/** An edition's retention periods (organizers) and what the retention job would delete now. */
const retentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const secured = { tags: ['privacy'], security: [{ bearerAuth: [] }] };
  const organizer = [app.requireRole('admin')];

  app.get(
    '/editions/:edition/retention-policy',
    {
      onRequest: organizer,
      schema: {
        ...secured,
        ...operations.getRetentionPolicy,
        params: EditionParams,
        response: { 200: RetentionPolicy, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => retention.getPolicy(app.deps, request.params.edition),
  );

  app.put(
    '/editions/:edition/retention-policy',
    {
      onRequest: organizer,
      schema: {
        ...secured,
        ...operations.setRetentionPolicy,
        params: EditionParams,
        body: RetentionPolicyBody,
        response: { 200: RetentionPolicy, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => retention.setPolicy(app.deps, request.params.edition, request.body, request.user),
  );

  app.get(
    '/editions/:edition/retention-policy/report',
    {
      onRequest: organizer,
      schema: {
        ...secured,
        ...operations.getRetentionReport,
        params: EditionParams,
        response: { 200: RetentionReport, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => retention.retentionReport(app.deps, request.params.edition),
  );
};

export default retentionRoutes;
