import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Download, IdParams, problemResponses } from '../../lib/http-schemas.js';
import { readFilePart, sendStoredFile } from '../files/http.js';
import * as documents from './documents.js';
import { PledgeBody, Team } from './schemas.js';
import { operations } from './operations.js';

/** The pledge and the commitment letter a team hands in (R-ALL-3): acceptance, upload, download. */
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
        ...operations.acceptPledge,
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
        ...operations.uploadCommitmentLetter,
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
        ...operations.downloadCommitmentLetter,
        params: IdParams,
        response: { 200: Download('The stored file'), ...problemResponses(401, 403, 404, 416) },
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
};

export default documentsRoutes;
