import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EditionParams,
  IdParams,
  StageOverrideBody,
  emptyBodyAsObject,
  problemResponses,
} from '../../lib/http-schemas.js';
import { autoAssign } from './assignment.js';
import { advance, getRoundRanking, previewAdvance } from './ranking.js';
import * as rounds from './rounds.js';
import { listRubrics, putRubric } from './rubrics.js';
import { roundSummary } from './summary.js';
import {
  Advancement,
  AdvanceBody,
  AdvancementPreview,
  AdvancePreviewQuery,
  AutoAssignResult,
  CreateRoundBody,
  Ranking,
  Round,
  RoundList,
  RoundProjectList,
  RoundSummary,
  Rubric,
  RubricBody,
  RubricList,
  RubricParams,
  UpdateRoundBody,
} from './schemas.js';

const schema = { tags: ['review'], security: [{ bearerAuth: [] }] };

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
        summary: 'Review rounds of an edition',
        params: EditionParams,
        response: { 200: RoundList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await rounds.listRounds(app.deps, request.params.edition) }),
  );

  app.post(
    '/editions/:edition/review-rounds',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Create the preliminary or final round (draft); N defaults to 5 and 7',
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
        summary: 'One review round',
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
        summary: 'Change N or the normalization of a round',
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
          summary:
            to === 'open'
              ? 'Open a draft round in its stage (needs both rubrics); the preliminary enrolls every qualified, submitted project'
              : 'Close an open round in its stage',
          description: 'Outside the round’s stage only with `override: true` and a reason (R-TIME-4).',
          params: IdParams,
          body: StageOverrideBody,
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
        summary: 'Rubrics of a round per direction',
        params: IdParams,
        response: { 200: RubricList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await listRubrics(app.deps, request.params.id) }),
  );

  app.put(
    '/review-rounds/:id/rubrics/:direction',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        summary: 'Set the rubric of a direction (weights total 100); only while the round is a draft',
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
        summary: 'Projects the round reviews (for the final: advanced ones with their preliminary result)',
        params: IdParams,
        response: { 200: RoundProjectList, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await rounds.listRoundProjects(app.deps, request.params.id) }),
  );
};

/** The organizers' decisions on a round: assigning experts, ranking, advancing to the final. */
export const decisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.post(
    '/review-rounds/:id/assignments/auto',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Assign N conflict-free experts to every project of the round, balancing load and matching fields',
        params: IdParams,
        response: { 200: AutoAssignResult, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => autoAssign(app.deps, request.params.id, request.user),
  );

  app.get(
    '/review-rounds/:id/summary',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Progress of a round and every project short of N reviewers, with the reviewers it lost and why',
        description:
          'A reviewer is lost when a conflict is declared, an organizer removes the assignment, or the expert is disabled before submitting; auto-assignment tops such projects up.',
        params: IdParams,
        response: { 200: RoundSummary, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => roundSummary(app.deps, request.params.id),
  );

  app.get(
    '/review-rounds/:id/ranking',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Aggregated results ranked per track × category (submitted scores only)',
        params: IdParams,
        response: { 200: Ranking, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getRoundRanking(app.deps, request.params.id),
  );

  app.post(
    '/review-rounds/:id/advance',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary:
          'Advance the top K per track × category, or everyone at or above a threshold, of a closed preliminary to the final',
        description:
          '`adjustments` depart from the rule by hand, each with a reason: `advance: false` holds back a project the rule advances (ledger `decision.adjusted`), `advance: true` adds a ranked one (its `project.advanced` entry carries the reason).',
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
        summary: 'Who the rule (top K per track × category, or a threshold) would advance, before deciding',
        description:
          'Send the answer’s `digest` back as `previewDigest` with POST /advance: the commit is refused (409) if the outcome changed since.',
        params: IdParams,
        querystring: AdvancePreviewQuery,
        response: { 200: AdvancementPreview, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => previewAdvance(app.deps, request.params.id, request.query),
  );
};
