import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, emptyBodyAsObject, IdParams, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { JobDetail } from '../jobs/schemas.js';
import { autoAssign } from './auto-assignment.js';
import {
  AUTO_ASSIGN_QUEUE,
  AUTO_ASSIGN_SETTINGS,
  getAutoAssignJob,
  queueAutoAssign,
  runAutoAssignJob,
  type AutoAssignJob,
} from './assignment-jobs.js';
import { advance, getRoundRanking, previewAdvance } from './ranking.js';
import * as rounds from './rounds.js';
import { listRubrics, putRubric } from './rubrics.js';
import { decideByPanel, requestReReview } from './spread.js';
import { roundArchiveEntries, sendBlindArchive } from './blind-archive.js';
import { roundSummary } from './summary.js';
import {
  AutoAssignHeaders,
  AutoAssignJobParams,
  AutoAssignResult,
  BlindArchive,
  CreateRoundBody,
  Round,
  RoundList,
  RoundStageBody,
  RoundProjectList,
  RoundSummary,
  Rubric,
  RubricBody,
  RubricList,
  RubricParams,
  UpdateRoundBody,
} from './schemas.js';
import {
  Advancement,
  AdvanceBody,
  AdvancementPreview,
  AdvancePreviewQuery,
  Ranking,
  RankingQuery,
  PanelDecisionBody,
  ReReview,
  ReReviewBody,
  ResolutionParams,
  SpreadResolutionSchema,
} from './ranking-schemas.js';
import { operations } from './operations.js';

const schema = { tags: ['review'], security: [{ bearerAuth: [] }] };

/** Whether the client asked for an asynchronous answer (RFC 7240 `Prefer: respond-async`). */
const respondAsync = (prefer: string | undefined) =>
  (prefer ?? '').split(',').some((preference) => preference.trim().toLowerCase() === 'respond-async');

/** Review rounds of an edition, created as drafts by organizers. */
export const roundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];
  const adminOrExpert = [app.requireRole('admin', 'expert')];

  app.get(
    '/editions/:edition/review-rounds',
    {
      onRequest: adminOrExpert,
      schema: {
        ...schema,
        ...operations.listReviewRounds,
        params: EditionParams,
        response: { 200: RoundList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await rounds.listRounds(app.deps, request.params.edition)),
  );

  app.post(
    '/editions/:edition/review-rounds',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.createReviewRound,
        params: EditionParams,
        body: CreateRoundBody,
        response: { 201: Round, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await rounds.createRound(app.deps, request.params.edition, request.body)),
  );

  app.get(
    '/review-rounds/:id',
    {
      onRequest: adminOrExpert,
      schema: {
        ...schema,
        ...operations.getReviewRound,
        params: IdParams,
        response: { 200: Round, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => rounds.getRound(app.deps, request.params.id),
  );
};

/** Organizers change a round: its N and normalization, then open and close it. */
export const roundChangeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.patch(
    '/review-rounds/:id',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.updateReviewRound,
        params: IdParams,
        body: UpdateRoundBody,
        response: { 200: Round, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => rounds.updateRound(app.deps, request.params.id, request.body),
  );

  for (const to of ['open', 'closed'] as const) {
    app.post(
      `/review-rounds/:id/${to === 'open' ? 'open' : 'close'}`,
      {
        onRequest: admin,
        preValidation: emptyBodyAsObject,
        schema: {
          ...schema,
          ...(to === 'open' ? operations.openReviewRound : operations.closeReviewRound),
          params: IdParams,
          body: RoundStageBody,
          response: { 200: Round, ...problemResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => rounds.transitionRound(app.deps, request.params.id, to, request.user, request.body),
    );
  }
};

/** A round's rubrics per direction, and the projects it reviews. */
export const rubricRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/review-rounds/:id/rubrics',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        ...operations.listRubrics,
        params: IdParams,
        response: { 200: RubricList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await listRubrics(app.deps, request.params.id)),
  );

  app.put(
    '/review-rounds/:id/rubrics/:direction',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.setRubric,
        params: RubricParams,
        body: RubricBody,
        response: { 200: Rubric, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => putRubric(app.deps, request.params.id, request.params.direction, request.body),
  );

  app.get(
    '/review-rounds/:id/projects',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.listRoundProjects,
        params: IdParams,
        response: { 200: RoundProjectList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await rounds.listRoundProjects(app.deps, request.params.id)),
  );
};

/**
 * Automatic assignment, at once (200) or as a background job with progress (202), and the job's
 * worker in this instance.
 */
export const autoAssignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];
  await app.jobs.work<AutoAssignJob>(AUTO_ASSIGN_QUEUE, (job) => runAutoAssignJob(app.deps, job), AUTO_ASSIGN_SETTINGS);

  app.post(
    '/review-rounds/:id/assignments/auto',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.autoAssignExperts,
        params: IdParams,
        headers: AutoAssignHeaders,
        response: { 200: AutoAssignResult, 202: JobDetail, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      if (!respondAsync(request.headers.prefer)) return autoAssign(app.deps, request.params.id, request.user);
      const job = await queueAutoAssign(app.deps, app.jobs, request.params.id, request.user);
      return reply
        .code(202)
        .header('preference-applied', 'respond-async')
        .header('location', `${app.prefix}/review-rounds/${request.params.id}/assignments/auto/${job.id}`)
        .send(job);
    },
  );

  app.get(
    '/review-rounds/:id/assignments/auto/:jobId',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.getAutoAssignJob,
        params: AutoAssignJobParams,
        response: { 200: JobDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getAutoAssignJob(app.deps, request.params.id, request.params.jobId),
  );
};

/** The organizers' decisions on a round: ranking, advancing to the final. */
export const decisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/review-rounds/:id/summary',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.getRoundSummary,
        params: IdParams,
        response: { 200: RoundSummary, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => roundSummary(app.deps, request.params.id),
  );

  app.get(
    '/review-rounds/:id/blind-files',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.downloadRoundBlindFiles,
        params: IdParams,
        response: { 200: BlindArchive, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendBlindArchive(
        app.deps,
        reply,
        `round-${request.params.id.slice(0, 8)}-files`,
        await roundArchiveEntries(app.deps.db, request.params.id),
      ),
  );

  app.get(
    '/review-rounds/:id/ranking',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.getRoundRanking,
        params: IdParams,
        querystring: RankingQuery,
        response: { 200: Ranking, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getRoundRanking(app.deps, request.params.id, request.query.sort),
  );

  app.post(
    '/review-rounds/:id/advance',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.advanceProjects,
        params: IdParams,
        body: AdvanceBody,
        response: { 200: Advancement, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => advance(app.deps, request.params.id, request.body, request.user),
  );
};

/** What a decision on a round would be, before it is taken. */
export const decisionPreviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/review-rounds/:id/advance/preview',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.previewAdvancement,
        params: IdParams,
        querystring: AdvancePreviewQuery,
        response: { 200: AdvancementPreview, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => previewAdvance(app.deps, request.params.id, request.query),
  );
};

/** What organizers do about a project whose experts disagree beyond the round's threshold (分差复评). */
export const spreadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.post(
    '/review-rounds/:id/projects/:projectId/re-review',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.requestReReview,
        params: ResolutionParams,
        body: ReReviewBody,
        response: { 201: ReReview, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await requestReReview(app.deps, request.params.id, request.params.projectId, request.body, request.user)),
  );

  app.post(
    '/review-rounds/:id/projects/:projectId/panel-decision',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.decideByPanel,
        params: ResolutionParams,
        body: PanelDecisionBody,
        response: { 201: SpreadResolutionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await decideByPanel(app.deps, request.params.id, request.params.projectId, request.body, request.user)),
  );
};
