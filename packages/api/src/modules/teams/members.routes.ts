import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../lib/http-schemas.js';
import * as members from './members.js';
import { Invitation, InvitationBody, JoinBody, MemberParams, MemberUpdateBody, Team } from './schemas.js';
import { IdParams } from '../../lib/http-schemas.js';
import { operations } from './operations.js';

/** Members and invitations: joining by invite code, student numbers, leaving or being removed. */
const membersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams/join',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.joinTeam,
        body: JoinBody,
        response: { 200: Team, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request) => members.joinTeam(app.deps, request.body, request.user),
  );

  app.post(
    '/teams/:id/invitations',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.inviteTeamMember,
        params: IdParams,
        body: InvitationBody,
        response: { 201: Invitation, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await members.inviteMember(app.deps, request.params.id, request.body, request.user)),
  );

  app.patch(
    '/teams/:id/members/:userId',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        ...operations.updateTeamMember,
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
        ...operations.removeTeamMember,
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
