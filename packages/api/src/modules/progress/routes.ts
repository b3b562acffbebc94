import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, problemResponses } from '../../lib/http-schemas.js';
import { operations } from './operations.js';
import { EditionProgress } from './schemas.js';
import { editionProgress } from './service.js';

/** The organizers' to-dos and review progress of an edition, for the admin dashboard. */
const progressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/editions/:edition/progress',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        tags: ['progress'],
        security: [{ bearerAuth: [] }],
        ...operations.getEditionProgress,
        params: EditionParams,
        response: { 200: EditionProgress, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => editionProgress(app.deps, request.params.edition),
  );
};

export default progressRoutes;
