import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, problemResponses, WholeList, wholeList } from '../../lib/http-schemas.js';
import * as annotations from './annotations.js';
import { Annotation, AnnotationBody, ClearFlagBody, Team } from './schemas.js';
import { operations } from './operations.js';

/** Organizers' oversight of a team: clearing a blacklist flag (R-SOC-3) and notes. */
const annotationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams/:id/flag/clear',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.clearTeamFlag,
        params: IdParams,
        body: ClearFlagBody,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => annotations.clearFlag(app.deps, request.params.id, request.body, request.locale, request.user),
  );

  app.get(
    '/teams/:id/annotations',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.listTeamAnnotations,
        params: IdParams,
        response: { 200: WholeList(Annotation), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await annotations.listAnnotations(app.deps, request.params.id)),
  );

  app.post(
    '/teams/:id/annotations',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.createTeamAnnotation,
        params: IdParams,
        body: AnnotationBody,
        response: { 201: Annotation, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await annotations.addAnnotation(app.deps, request.params.id, request.body, request.user)),
  );
};

export default annotationsRoutes;
