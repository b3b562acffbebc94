import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Download, problemResponses } from '../../lib/http-schemas.js';
import { exportTeams } from './export.js';
import { operations } from './operations.js';
import { TeamExportQuery } from './schemas.js';

/** The organizers' teams as a spreadsheet, with whom to call. */
const teamExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.get(
    '/teams/export',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.exportTeams,
        querystring: TeamExportQuery,
        response: { 200: Download('text/csv or XLSX'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await exportTeams(app.deps, request.query, request.user);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.type(file.contentType).send(file.body);
    },
  );
};

export default teamExportRoutes;
