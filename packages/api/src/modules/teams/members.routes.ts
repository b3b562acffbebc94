import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../lib/http-schemas.js';
import * as members from './members.js';
import { JoinBody, MemberParams, MemberUpdateBody, Team, teamPathNote } from './schemas.js';

/** Members and invitations: joining by invite code, student numbers, leaving or being removed. */
const membersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams/join',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary:
          'Accept an invitation: join the team of the invite code (R-SOC-4, R-UNI-1, R-UNI-2, R-ALL-2, R-TIME-1/2)',
        description: teamPathNote('complete_members'),
        body: JoinBody,
        response: { 200: Team, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request) => members.joinTeam(app.deps, request.body, request.user),
  );

  app.patch(
    '/teams/:id/members/:userId',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary: 'Set a member’s student number (the member or the leader, R-UNI-1)',
        params: MemberParams,
        body: MemberUpdateBody,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      members.updateMember(app.deps, request.params.id, request.params.userId, request.body, request.user),
  );

  app.delete(
    '/teams/:id/members/:userId',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary: 'Remove a member (leader) or leave the team (member), during collection (R-TIME-1/2)',
        params: MemberParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await members.removeMember(app.deps, request.params.id, request.params.userId, request.user);
      return reply.code(204).send(null);
    },
  );
};

export default membersRoutes;
