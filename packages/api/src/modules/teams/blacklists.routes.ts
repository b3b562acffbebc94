import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { readFilePart } from '../files/http.js';
import * as blacklists from './blacklists.js';
import { BlacklistEntry, BlacklistQuery, ImportReport, ImportResult } from './schemas.js';
import { operations } from './operations.js';

/** Organizers' 信用中国 lists (R-SOC-3): entries, the preview and import of list files, removals. */
const blacklistsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['teams'], security: [{ bearerAuth: [] }] };
  const upload = { ...schema, consumes: ['multipart/form-data'] };

  app.get(
    '/blacklists',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.listBlacklistEntries,
        querystring: BlacklistQuery,
        response: { 200: Page(BlacklistEntry), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => blacklists.listEntries(app.deps, request.query),
  );

  app.post(
    '/blacklists/preview',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...upload,
        ...operations.previewBlacklistImport,
        response: { 200: ImportReport, ...problemResponses(400, 401, 403, 413) },
      },
    },
    async (request) =>
      blacklists.previewImport(app.deps, await readFilePart(request, blacklists.MAX_IMPORT_BYTES), request.locale),
  );

  app.post(
    '/blacklists/import',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...upload,
        ...operations.importBlacklist,
        response: { 200: ImportResult, ...problemResponses(400, 401, 403, 413) },
      },
    },
    async (request) =>
      blacklists.importList(
        app.deps,
        await readFilePart(request, blacklists.MAX_IMPORT_BYTES),
        request.locale,
        request.user,
      ),
  );

  app.delete(
    '/blacklists/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.deleteBlacklistEntry,
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await blacklists.deleteEntry(app.deps, request.params.id, request.user);
      return reply.code(204).send(null);
    },
  );
};

export default blacklistsRoutes;
