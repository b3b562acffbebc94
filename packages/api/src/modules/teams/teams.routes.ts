import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses, WholeList, wholeList } from '../../lib/http-schemas.js';
import { CreateTeamBody, Team, TeamListQuery, UpdateTeamBody } from './schemas.js';
import * as teams from './teams.js';
import { operations } from './operations.js';

/** Teams: registration by the leader, the organizers' list, the caller's teams, changes. */
const teamsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.createTeam,
        body: CreateTeamBody,
        response: { 201: Team, ...problemResponses(400, 401, 404, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await teams.createTeam(app.deps, request.body, request.user)),
  );

  app.get(
    '/teams',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.listTeams,
        querystring: TeamListQuery,
        response: { 200: Page(Team), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => teams.listTeams(app.deps, request.query),
  );

  app.get(
    '/me/teams',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.listMyTeams,
        response: { 200: WholeList(Team), ...problemResponses(401) },
      },
    },
    async (request) => wholeList(await teams.myTeams(app.deps, request.user)),
  );

  app.get(
    '/teams/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.getTeam,
        params: IdParams,
        response: { 200: Team, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => teams.getTeam(app.deps, request.params.id, request.user),
  );

  app.patch(
    '/teams/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.updateTeam,
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => teams.updateTeam(app.deps, request.params.id, request.body, request.user),
  );
};

export default teamsRoutes;
