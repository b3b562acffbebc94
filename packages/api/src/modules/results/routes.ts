import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AWARD_CATEGORY_CODES, FIELD_CODES, GRADE_CODES, TRACK_CODES } from '@saishi/shared';
import { DateTime, IdParams, Page, PageQuery, problemResponses } from '../../lib/http-schemas.js';
import { resolveEdition } from '../editions/service.js';
import * as resultsService from './service.js';

const Filters = {
  edition: Type.String({
    minLength: 1,
    maxLength: 64,
    default: 'current',
    description: '`current`, an edition code or id',
  }),
  field: Type.Optional(Type.Union(FIELD_CODES.map((code) => Type.Literal(code)))),
  track: Type.Optional(Type.Union(TRACK_CODES.map((code) => Type.Literal(code)))),
  grade: Type.Optional(Type.Union(GRADE_CODES.map((code) => Type.Literal(code)))),
  awardCategory: Type.Optional(Type.Union(AWARD_CATEGORY_CODES.map((code) => Type.Literal(code)))),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'Search in title, summary and team name' }),
  ),
};

const Result = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  editionId: Type.String({ format: 'uuid' }),
  title: Type.String(),
  summary: Type.String(),
  trackCode: Type.String(),
  trackName: Type.String(),
  directionCode: Type.String(),
  categoryCode: Type.String(),
  awardCategoryCode: Type.String(),
  awardCategoryName: Type.String(),
  gradeCode: Type.String(),
  gradeName: Type.String(),
  teamName: Type.String(),
  units: Type.Array(Type.Object({ name: Type.String(), isLead: Type.Boolean() })),
  fields: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String() })),
  publishedAt: DateTime,
});
const ResultDetail = Type.Object({
  ...Result.properties,
  directionName: Type.String(),
  topics: Type.Array(Type.Object({ title: Type.String(), fieldCode: Type.String() })),
});

/** A download; the handler sends a Buffer with its own content type. */
const binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The public results library (项目成果库) and the results compilation (成果汇编), SPEC §7. */
const resultsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['results'] };
  const FilterQuery = Type.Object(Filters);

  app.get(
    '/results',
    {
      schema: {
        ...schema,
        summary: 'Published awarded projects, filtered by field, track, award category and grade, with search',
        querystring: Type.Object({ ...PageQuery.properties, ...Filters }),
        response: { 200: Page(Result), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { limit, cursor, edition, ...filters } = request.query;
      const editionRow = await resolveEdition(app.db, edition);
      return resultsService.listResults(app.db, editionRow.id, filters, { limit, cursor });
    },
  );

  const title = (name: string) => `${name} 成果汇编`;

  app.get(
    '/results/export.xlsx',
    {
      schema: {
        ...schema,
        summary: 'The results compilation (成果汇编) as XLSX',
        querystring: FilterQuery,
        response: { 200: binary('XLSX workbook'), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { edition, ...filters } = request.query;
      const editionRow = await resolveEdition(app.db, edition);
      const results = await resultsService.allResults(app.db, editionRow.id, filters);
      const body = await resultsService.resultsWorkbook(results, title(editionRow.name));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="results-${editionRow.code}.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/results/export.pdf',
    {
      schema: {
        ...schema,
        summary: 'The results compilation (成果汇编) as PDF (503 without a CJK font)',
        querystring: FilterQuery,
        response: { 200: binary('PDF document'), ...problemResponses(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const { edition, ...filters } = request.query;
      const editionRow = await resolveEdition(app.db, edition);
      const results = await resultsService.allResults(app.db, editionRow.id, filters);
      const body = await resultsService.resultsPdf(results, title(editionRow.name));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="results-${editionRow.code}.pdf"`)
        .send(body);
    },
  );

  app.get(
    '/results/:id',
    {
      schema: {
        ...schema,
        summary: 'One published result (by project id)',
        params: IdParams,
        querystring: Type.Object({ edition: Filters.edition }),
        response: { 200: ResultDetail, ...problemResponses(404) },
      },
    },
    async (request) => {
      const editionRow = await resolveEdition(app.db, request.query.edition);
      return resultsService.getResult(app.db, editionRow.id, request.params.id);
    },
  );
};

export default resultsRoutes;
