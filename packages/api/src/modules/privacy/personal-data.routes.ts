import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../lib/http-schemas.js';
import { archiveOfPersonalData, copyOfPersonalData } from './copy.js';
import { erasePersonalData } from './erasure.js';
import { operations } from './operations.js';
import { Erasure, PersonalDataCopy } from './schemas.js';

/** An OpenAPI binary response (not a TypeBox schema: the body is a stream). */
const ZIP_ARCHIVE = {
  description: 'A ZIP archive',
  content: { 'application/zip': { schema: { type: 'string' as string, format: 'binary' } } },
};

/** A person's access to, and copy of, everything held about them. */
const personalDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const secured = { tags: ['privacy'], security: [{ bearerAuth: [] }] };

  app.get(
    '/me/personal-data',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.getMyPersonalData,
        response: { 200: PersonalDataCopy, ...problemResponses(401) },
      },
    },
    async (request) => copyOfPersonalData(app.deps, request.user),
  );

  app.get(
    '/me/personal-data/archive',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.downloadMyPersonalData,
        response: {
          200: ZIP_ARCHIVE,
          ...problemResponses(401),
        },
      },
    },
    async (request, reply) => {
      const archive = await archiveOfPersonalData(app.deps, request.user);
      reply.header('content-disposition', 'attachment; filename="personal-data.zip"');
      return reply.type('application/zip').send(archive);
    },
  );

  app.delete(
    '/me',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.deleteMe,
        response: { 200: Erasure, ...problemResponses(401, 404, 409) },
      },
    },
    async (request) => erasePersonalData(app.deps, request.user),
  );
};

export default personalDataRoutes;
