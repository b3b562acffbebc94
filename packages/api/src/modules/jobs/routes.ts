import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, problemResponses } from '../../lib/http-schemas.js';
import { Job, JobDetail, JobListQuery, JobParams, JobSummary } from './schemas.js';
import * as jobsService from './service.js';
import { operations } from './operations.js';

/** The background jobs, for organizers: what waits, runs or failed (and why), and retrying a failed one. */
const jobsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['jobs'], security: [{ bearerAuth: [] }] };
  const onRequest = [app.requireRole('admin')];

  app.get(
    '/jobs',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.listJobs,
        querystring: JobListQuery,
        response: { 200: Page(Job), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => jobsService.listJobs(app.deps, request.query),
  );

  app.get(
    '/jobs/summary',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.getJobsSummary,
        response: { 200: JobSummary, ...problemResponses(401, 403) },
      },
    },
    async () => jobsService.summarizeJobs(app.deps),
  );

  app.get(
    '/jobs/:id',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.getJob,
        params: JobParams,
        response: { 200: JobDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => jobsService.getJob(app.deps, request.params.id),
  );

  app.post(
    '/jobs/:id/retry',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.retryJob,
        params: JobParams,
        response: { 202: JobDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await jobsService.retryJob(app.deps, app.jobs, request.params.id)),
  );
};

export default jobsRoutes;
