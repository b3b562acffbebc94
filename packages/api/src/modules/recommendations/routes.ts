import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, IdParams, emptyBodyAsObject, problemResponses } from '../../lib/http-schemas.js';
import { resolveEdition } from '../editions/resolve.js';
import { operations } from './operations.js';
import { DecisionBody, DeclineBody, Recommendation, RecommendationList } from './schemas.js';
import * as service from './service.js';

/**
 * Recommending division winners to the national final (R-DIV-2): division organizers send their
 * shortlist, national organizers accept or decline (scope: lib/scope.ts, by the edition named).
 */
const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['awards'], security: [{ bearerAuth: [] }] };
  const onRequest = [app.requireRole('admin')];
  const editionOf = (request: { params: { edition: string } }) => resolveEdition(app.deps.db, request.params.edition);

  app.post(
    '/editions/:edition/recommendations',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.recommendToNational,
        params: EditionParams,
        response: { 200: RecommendationList, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => service.recommendToNational(app.deps, await editionOf(request), request.user),
  );

  app.get(
    '/editions/:edition/recommendations',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.listRecommendations,
        params: EditionParams,
        response: { 200: RecommendationList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => service.listRecommendations(app.deps, await editionOf(request)),
  );

  app.post(
    '/recommendations/:id/accept',
    {
      onRequest,
      preValidation: emptyBodyAsObject,
      schema: {
        ...schema,
        ...operations.acceptRecommendation,
        params: IdParams,
        body: DecisionBody,
        response: { 200: Recommendation, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.decideRecommendation(app.deps, request.params.id, 'accept', request.body, request.user),
  );

  app.post(
    '/recommendations/:id/decline',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.declineRecommendation,
        params: IdParams,
        body: DeclineBody,
        response: { 200: Recommendation, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.decideRecommendation(app.deps, request.params.id, 'decline', request.body, request.user),
  );
};

export default recommendationRoutes;
