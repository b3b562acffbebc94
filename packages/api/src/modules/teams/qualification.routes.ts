import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses, WholeList, wholeList } from '../../lib/http-schemas.js';
import * as qualification from './qualification.js';
import { BulkDecisionBody, BulkDecisionResult, DecisionBody, Team, Transition } from './schemas.js';
import { operations } from './operations.js';

/** The qualification review (资格审核): submission, organizers' decisions and the history. */
const qualificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams/:id/submit',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.submitTeam,
        params: IdParams,
        response: { 200: Team, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => qualification.submitTeam(app.deps, request.params.id, request.user),
  );

  app.post(
    '/teams/:id/qualification',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.decideQualification,
        params: IdParams,
        body: DecisionBody,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => qualification.decide(app.deps, request.params.id, request.body, request.user),
  );

  app.post(
    '/teams/qualification',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.decideQualifications,
        body: BulkDecisionBody,
        response: { 200: BulkDecisionResult, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => qualification.decideMany(app.deps, request.body, request.user),
  );

  app.get(
    '/teams/:id/transitions',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.listTeamTransitions,
        params: IdParams,
        response: { 200: WholeList(Transition), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await qualification.listTransitions(app.deps, request.params.id, request.user)),
  );
};

export default qualificationRoutes;
