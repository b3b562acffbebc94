import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Download, problemResponses } from '../../lib/http-schemas.js';
import { readFilePart, sendStoredFile } from '../files/http.js';
import * as documents from './documents.js';
import { MemberParams, Team } from './schemas.js';
import { operations } from './operations.js';

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
        ...operations.uploadStudentId,
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
        ...operations.downloadStudentId,
        params: MemberParams,
        response: { 200: Download('The stored file'), ...problemResponses(401, 403, 404, 416) },
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
