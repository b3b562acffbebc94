import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, WholeList, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { operations } from './operations.js';
import { ChangeFeedbackBody, PublishFeedbackBody, RoundFeedback, TeamFeedback } from './schemas.js';
import * as service from './service.js';

/** Feedback to teams: organizers publish a closed round's, teams read theirs. */
const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];
  const schema = { tags: ['review'], security: [{ bearerAuth: [] }] };

  app.post(
    '/review-rounds/:id/feedback',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.publishRoundFeedback,
        params: IdParams,
        body: PublishFeedbackBody,
        response: { 201: RoundFeedback, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.publishFeedback(app.deps, request.params.id, request.body.visibility, request.user)),
  );

  app.patch(
    '/review-rounds/:id/feedback',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.changeRoundFeedback,
        params: IdParams,
        body: ChangeFeedbackBody,
        response: { 200: RoundFeedback, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.changeFeedbackVisibility(app.deps, request.params.id, request.body, request.user),
  );

  app.get(
    '/review-rounds/:id/feedback',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.getRoundFeedback,
        params: IdParams,
        response: { 200: RoundFeedback, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getRoundFeedback(app.deps, request.params.id),
  );

  app.get(
    '/teams/:id/feedback',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        tags: ['teams'],
        ...operations.listTeamFeedback,
        params: IdParams,
        response: { 200: WholeList(TeamFeedback), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => wholeList(await service.teamFeedback(app.deps, request.params.id, request.user)),
  );
};

export default feedbackRoutes;
