import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { CreateTeamBody, Team, TeamListQuery, UpdateTeamBody, teamPathNote } from './schemas.js';
import * as teams from './teams.js';

/** Teams: registration by the leader, the organizers' list, the caller's teams, changes. */
const teamsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary: 'Create a team in a track and become its leader (R-TIME-1, R-SOC-1..3, R-UNI-1, R-ALL-2)',
        description: `The first request of a team. ${teamPathNote('complete_members')}`,
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
        summary: 'Teams for organizers: the qualification queue, with filters (least recently changed first)',
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
        summary: 'The teams of the logged-in user',
        response: { 200: Type.Object({ items: Type.Array(Team) }), ...problemResponses(401) },
      },
    },
    async (request) => ({ items: await teams.myTeams(app.deps, request.user) }),
  );

  app.get(
    '/teams/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary: 'One team (its members and organizers), with its next steps in `missing`',
        description: teamPathNote('complete_members').replace(/\*\*/g, ''),
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
        summary: 'Rename the team or change its units (leader, draft or returned, during collection)',
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => teams.updateTeam(app.deps, request.params.id, request.body, request.user),
  );
};

export default teamsRoutes;
