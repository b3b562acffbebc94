import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, problemResponses } from '../../lib/http-schemas.js';
import { readFilePart, sendStoredFile } from '../files/http.js';
import * as documents from './documents.js';
import { MemberParams, PledgeBody, Team } from './schemas.js';

const multipartNote = 'multipart/form-data with one file field';
const Binary = Type.Unsafe({ type: 'string', format: 'binary' });

/** The pledge and the documents a team hands in (R-ALL-3, R-UNI-1): uploads and downloads. */
const documentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };
  const upload = { ...schema, consumes: ['multipart/form-data'] };
  const readDocument = (request: Parameters<typeof readFilePart>[0]) => () =>
    readFilePart(request, documents.DOCUMENT_POLICY.maxBytes);

  app.post(
    '/teams/:id/pledge',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary: 'Accept the IP and single-division pledge (leader, R-ALL-3)',
        params: IdParams,
        body: PledgeBody,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => documents.acceptPledge(app.deps, request.params.id, request.user),
  );

  app.put(
    '/teams/:id/commitment-letter',
    {
      onRequest: [app.authenticate],
      schema: {
        ...upload,
        summary: 'Upload the signed commitment letter 参赛承诺书 (leader; PDF, JPEG or PNG, 10 MiB, R-ALL-3)',
        description: multipartNote,
        params: IdParams,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) =>
      documents.uploadCommitmentLetter(app.deps, request.params.id, readDocument(request), request.user),
  );

  app.get(
    '/teams/:id/commitment-letter',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary: 'Download the commitment letter (team members and organizers)',
        params: IdParams,
        response: { 200: Binary, ...problemResponses(401, 403, 404, 416) },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        app.deps,
        request,
        reply,
        await documents.commitmentLetter(app.deps, request.params.id, request.user),
      ),
  );

  app.put(
    '/teams/:id/members/:userId/student-id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...upload,
        summary: 'Upload a student ID card (the member or the leader; PDF, JPEG or PNG, 10 MiB, R-UNI-1)',
        description: multipartNote,
        params: MemberParams,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) =>
      documents.uploadStudentId(
        app.deps,
        request.params.id,
        request.params.userId,
        readDocument(request),
        request.user,
      ),
  );

  app.get(
    '/teams/:id/members/:userId/student-id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...schema,
        summary: 'Download a student ID card (team members and organizers)',
        params: MemberParams,
        response: { 200: Binary, ...problemResponses(401, 403, 404, 416) },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        app.deps,
        request,
        reply,
        await documents.studentIdCard(app.deps, request.params.id, request.params.userId, request.user),
      ),
  );
};

export default documentsRoutes;
