import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../lib/http-schemas.js';
import * as annotations from './annotations.js';
import { Annotation, AnnotationBody, ClearFlagBody, Team } from './schemas.js';

/** Organizers' oversight of a team: clearing a blacklist flag (R-SOC-3) and notes. */
const annotationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams/:id/flag/clear',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary:
          'Clear the blacklist flag of a team, with a reason (R-SOC-3); refused while a unit of the team is still listed',
        description:
          'The clearing is recorded in the team’s annotations and in the ledger (who, when, why); the team joins a preliminary that is open (a draft one enrolls it on opening). 409 `TEAM_NOT_FLAGGED` when there is no flag, 409 `TEAM_UNIT_STILL_BLACKLISTED` (R-SOC-3) while a unit is on a list.',
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
        summary: 'Organizers’ notes on a team',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Annotation) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await annotations.listAnnotations(app.deps, request.params.id) }),
  );

  app.post(
    '/teams/:id/annotations',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary: 'Add a note to a team (possible at any stage, also after the roster is frozen)',
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
