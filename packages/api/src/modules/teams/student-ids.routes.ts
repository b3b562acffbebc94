import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Binary, problemResponses } from '../../lib/http-schemas.js';
import { MULTIPART_FILE_NOTE, readFilePart, sendStoredFile } from '../files/http.js';
import * as documents from './documents.js';
import { MemberParams, Team } from './schemas.js';

/** Student ID cards of university-track members (R-UNI-1): upload and download. */
const studentIdsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };
  const upload = { ...schema, consumes: ['multipart/form-data'] };

  app.put(
    '/teams/:id/members/:userId/student-id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...upload,
        summary: 'Upload a student ID card (the member or the leader; PDF, JPEG or PNG, 10 MiB, R-UNI-1)',
        description: MULTIPART_FILE_NOTE,
        params: MemberParams,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) =>
      documents.uploadStudentId(
        app.deps,
        request.params.id,
        request.params.userId,
        () => readFilePart(request, documents.DOCUMENT_POLICY.maxBytes),
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
        response: { 200: Binary('The stored file'), ...problemResponses(401, 403, 404, 416) },
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

export default studentIdsRoutes;
