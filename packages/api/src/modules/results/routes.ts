import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { EditionQuery, FilterQuery, Result, ResultDetail, ResultQuery } from './schemas.js';
import * as resultsService from './service.js';
import { cachePublicReads } from '../../plugins/http-cache.js';
import { operations } from './operations.js';

/** The two downloads of the results compilation (成果汇编). */
const COMPILATIONS = {
  xlsx: {
    format: 'xlsx',
    operation: operations.exportResultsXlsx,
    body: 'XLSX workbook',
    problems: [400, 404],
  },
  pdf: {
    format: 'pdf',
    operation: operations.exportResultsPdf,
    body: 'PDF document',
    problems: [400, 404, 503],
  },
} as const;

/**
 * A compilation as a response, declared with the media type it is sent with (not JSON), so the
 * OpenAPI document shows a PDF or XLSX download rather than a JSON body.
 */
const compiledFile = (format: keyof typeof resultsService.CONTENT_TYPES, description: string) => ({
  description,
  content: { [resultsService.CONTENT_TYPES[format]]: { schema: { type: 'string', format: 'binary' } } },
});

/** The public results library (项目成果库) and the results compilation (成果汇编), SPEC §7. */
const resultsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  cachePublicReads(app);
  const schema = { tags: ['results'] };

  app.get(
    '/results',
    {
      schema: {
        ...schema,
        ...operations.listResults,
        querystring: ResultQuery,
        response: { 200: Page(Result), ...problemResponses(400, 404) },
      },
    },
    async (request) => resultsService.listResults(app.deps, request.query),
  );

  for (const [format, compilation] of Object.entries(COMPILATIONS)) {
    app.get(
      `/results/export.${format}`,
      {
        schema: {
          ...schema,
          ...compilation.operation,
          querystring: FilterQuery,
          response: {
            200: compiledFile(compilation.format, compilation.body),
            ...problemResponses(...compilation.problems),
          },
        },
      },
      async (request, reply) => {
        const file = await resultsService.compileResults(app.deps, request.query, compilation.format);
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(file.body);
      },
    );
  }

  app.get(
    '/results/:id',
    {
      schema: {
        ...schema,
        ...operations.getResult,
        params: IdParams,
        querystring: EditionQuery,
        response: { 200: ResultDetail, ...problemResponses(404) },
      },
    },
    async (request) => resultsService.getResult(app.deps, request.query.edition, request.params.id),
  );
};

export default resultsRoutes;
