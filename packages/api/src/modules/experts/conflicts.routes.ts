import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses, WholeList, wholeList } from '../../lib/http-schemas.js';
import * as conflicts from './conflicts.js';
import { operations } from './operations.js';
import {
  Conflict,
  ConflictBody,
  ConflictListItem,
  ConflictListQuery,
  ConflictParams,
  ConflictReviewBody,
  ConflictSubjectList,
  ConflictSubjectQuery,
  ConflictWithdrawBody,
} from './schemas.js';

/** Conflicts of interest (回避) experts declare and withdraw, and organizers record and review. */
export const conflictsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['experts'], security: [{ bearerAuth: [] }] };
  const adminOrExpert = [app.requireRole('admin', 'expert')];

  app.get(
    '/experts/:id/conflicts',
    {
      onRequest: adminOrExpert,
      schema: {
        ...schema,
        ...operations.listExpertConflicts,
        params: IdParams,
        response: { 200: WholeList(Conflict), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => wholeList(await conflicts.listConflicts(app.deps, request.params.id, request.user)),
  );

  app.post(
    '/experts/:id/conflicts',
    {
      onRequest: adminOrExpert,
      schema: {
        ...schema,
        ...operations.declareExpertConflict,
        params: IdParams,
        body: ConflictBody,
        response: { 201: Conflict, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await conflicts.declareConflict(app.deps, request.params.id, request.body, request.user)),
  );

  app.post(
    '/experts/:id/conflicts/:conflictId/withdraw',
    {
      onRequest: adminOrExpert,
      schema: {
        ...schema,
        ...operations.withdrawExpertConflict,
        params: ConflictParams,
        body: ConflictWithdrawBody,
        response: { 200: Conflict, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      conflicts.withdrawConflict(app.deps, request.params.id, request.params.conflictId, request.body, request.user),
  );

  app.post(
    '/experts/:id/conflicts/:conflictId/review',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.reviewExpertConflict,
        params: ConflictParams,
        body: ConflictReviewBody,
        response: { 200: Conflict, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      conflicts.reviewConflict(app.deps, request.params.id, request.params.conflictId, request.body, request.user),
  );
};

/** Organizers review declared conflicts; experts find what to declare a conflict with by name. */
export const conflictReviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['experts'], security: [{ bearerAuth: [] }] };

  app.get(
    '/expert-conflicts',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...schema,
        ...operations.listAllExpertConflicts,
        querystring: ConflictListQuery,
        response: { 200: Page(ConflictListItem), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => conflicts.listAllConflicts(app.deps, request.query),
  );

  app.get(
    '/conflict-subjects',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        ...operations.searchConflictSubjects,
        querystring: ConflictSubjectQuery,
        response: { 200: ConflictSubjectList, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => conflicts.searchConflictSubjects(app.deps, request.query),
  );
};

/** Every conflicts route, registered by the experts plugin. */
const allConflictRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(conflictsRoutes);
  await app.register(conflictReviewRoutes);
};
export default allConflictRoutes;
