import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AWARD_CATEGORY_CODES, GRADE_CODES, TRACK_CODES } from '@saishi/shared';
import { DateTime, problemResponses } from '../../lib/http-schemas.js';
import { resolveEdition } from '../editions/service.js';
import * as awardsService from './service.js';

const EditionParams = Type.Object({
  edition: Type.String({ minLength: 1, maxLength: 64, description: '`current`, an edition code or id' }),
});

const Quota = Type.Object(
  {
    trackCode: Type.Union(TRACK_CODES.map((code) => Type.Literal(code))),
    awardCategoryCode: Type.Union(AWARD_CATEGORY_CODES.map((code) => Type.Literal(code))),
    gradeCode: Type.Union(GRADE_CODES.map((code) => Type.Literal(code))),
    quota: Type.Integer({ minimum: 0, maximum: 10000 }),
  },
  { additionalProperties: false },
);
const QuotaView = Type.Object({
  trackCode: Type.String(),
  awardCategoryCode: Type.String(),
  gradeCode: Type.String(),
  quota: Type.Integer(),
});
const Award = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  title: Type.String(),
  trackCode: Type.String(),
  awardCategoryCode: Type.String(),
  gradeCode: Type.String(),
  rank: Type.Integer(),
  result: Type.Number(),
});
const Awards = Type.Object({ publishedAt: Type.Union([DateTime, Type.Null()]), items: Type.Array(Award) });

/** Quotas, award allocation after the final, publication and the national shortlist (SPEC §6–§7). */
const awardsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['awards'], security: [{ bearerAuth: [] }] };
  const admin = [app.requireRole('admin')];

  app.get(
    '/editions/:edition/award-quotas',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Award quotas per track × award category × grade',
        params: EditionParams,
        response: { 200: Type.Object({ items: Type.Array(QuotaView) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      items: await awardsService.listQuotas(app.db, (await resolveEdition(app.db, request.params.edition)).id),
    }),
  );

  app.put(
    '/editions/:edition/award-quotas',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Set quotas (no 公共组件奖 in the university track, R-CAT-1)',
        params: EditionParams,
        body: Type.Object({ quotas: Type.Array(Quota, { maxItems: 100 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ items: Type.Array(QuotaView) }),
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => ({
      items: await awardsService.putQuotas(
        app.db,
        (await resolveEdition(app.db, request.params.edition)).id,
        request.body.quotas,
      ),
    }),
  );

  app.get(
    '/editions/:edition/awards',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Allocated awards and whether they are published',
        params: EditionParams,
        response: { 200: Awards, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => awardsService.listAwards(app.db, (await resolveEdition(app.db, request.params.edition)).id),
  );

  app.post(
    '/editions/:edition/awards/allocate',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Allocate grades from the closed final’s ranking within the quotas',
        params: EditionParams,
        response: { 200: Awards, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      awardsService.allocate(
        app.db,
        (await resolveEdition(app.db, request.params.edition)).id,
        request.user.sub,
        app.clock.now(),
      ),
  );

  app.post(
    '/editions/:edition/awards/publish',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Publish the results (the public results library opens)',
        params: EditionParams,
        response: { 200: Awards, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      awardsService.publish(
        app.db,
        (await resolveEdition(app.db, request.params.edition)).id,
        request.user.sub,
        app.clock.now(),
      ),
  );

  app.get(
    '/editions/:edition/national-shortlist',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Finalists recommended to the national final (R-PROJ-1) and why the others are not',
        params: EditionParams,
        response: {
          200: Type.Object({
            eligible: Type.Array(
              Type.Object({
                projectId: Type.String({ format: 'uuid' }),
                title: Type.String(),
                categoryCode: Type.String(),
                gradeCode: Type.String(),
              }),
            ),
            excluded: Type.Array(
              Type.Object({
                projectId: Type.String({ format: 'uuid' }),
                title: Type.String(),
                code: Type.String(),
                ruleId: Type.String(),
              }),
            ),
          }),
          ...problemResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => awardsService.shortlist(app.db, (await resolveEdition(app.db, request.params.edition)).id),
  );
};

export default awardsRoutes;
