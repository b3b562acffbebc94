import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { MULTIPART_FILE_NOTE, readFilePart } from '../files/http.js';
import * as blacklists from './blacklists.js';
import { BlacklistEntry, BlacklistQuery, ImportReport, ImportResult } from './schemas.js';

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
        summary: 'Imported 信用中国 list entries (R-SOC-3)',
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
        summary: 'Validate a CSV or XLSX list file row by row without writing anything',
        description: `${MULTIPART_FILE_NOTE}. Columns: credit_code (统一社会信用代码), name (单位名称), list_kind (名单类型: dishonest_debtor 失信被执行人, major_tax_violation 重大税收违法案件当事人, procurement_dishonesty 政府采购严重违法失信行为记录名单), source_date (来源日期, YYYY-MM-DD).`,
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
        summary: 'Import the valid rows of a list file and flag teams whose unit is listed (R-SOC-3)',
        description: `${MULTIPART_FILE_NOTE}; same columns as the preview. Invalid rows are skipped and reported.`,
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
        summary: 'Remove a list entry (e.g. the unit was delisted)',
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
