import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, emptyBodyAsObject, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { AllocateBody, AllocationPreview, Awards, PublishBody, QuotaList, QuotasBody, Shortlist } from './schemas.js';
import * as awardsService from './service.js';
import { operations } from './operations.js';

const schema = { tags: ['awards'], security: [{ bearerAuth: [] }], params: EditionParams };

/** Award quotas per track × award category × grade, set by organizers. */
const quotaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/editions/:edition/award-quotas',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.listAwardQuotas,
        response: { 200: QuotaList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await awardsService.listQuotas(app.deps, request.params.edition)),
  );

  app.put(
    '/editions/:edition/award-quotas',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.setAwardQuotas,
        body: QuotasBody,
        response: { 200: QuotaList, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => wholeList(await awardsService.putQuotas(app.deps, request.params.edition, request.body.quotas)),
  );
};

/** Award allocation after the final, publication and the national shortlist. */
const allocationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/editions/:edition/awards',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.listAwards,
        response: { 200: Awards, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => awardsService.listAwards(app.deps, request.params.edition),
  );

  app.post(
    '/editions/:edition/awards/allocate',
    {
      onRequest: admin,
      preValidation: emptyBodyAsObject,
      schema: {
        ...schema,
        ...operations.allocateAwards,
        body: AllocateBody,
        response: { 200: Awards, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => awardsService.allocate(app.deps, request.params.edition, request.user, request.body),
  );

  app.post(
    '/editions/:edition/awards/publish',
    {
      onRequest: admin,
      preValidation: emptyBodyAsObject,
      schema: {
        ...schema,
        ...operations.publishAwards,
        body: PublishBody,
        response: { 200: Awards, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => awardsService.publish(app.deps, request.params.edition, request.user, request.body),
  );

  app.get(
    '/editions/:edition/national-shortlist',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.getNationalShortlist,
        response: { 200: Shortlist, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => awardsService.shortlist(app.deps, request.params.edition),
  );
};

/** What award allocation would give, before it is decided. */
const allocationPreviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/editions/:edition/awards/preview',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.previewAwards,
        response: { 200: AllocationPreview, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => awardsService.previewAllocation(app.deps, request.params.edition),
  );
};

/** Quotas, award allocation after the final, publication and the national shortlist (SPEC §6–§7). */
const awardsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(quotaRoutes);
  await app.register(allocationRoutes);
  await app.register(allocationPreviewRoutes);
};

export default awardsRoutes;
