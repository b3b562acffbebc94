import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Download, IdParams, Page, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { sendBlindFile } from '../files/http.js';
import { addAssignment, listAssignments, removeAssignment } from './assignment.js';
import { assignmentCandidates } from './candidates.js';
import { expertArchiveEntries, sendBlindArchive } from './blind-archive.js';
import { assignmentForExpert, blindFileForExpert, myAssignments } from './expert.js';
import {
  Assignment,
  AssignmentBody,
  AssignmentCandidates,
  AssignmentDetail,
  AssignmentFileParams,
  BlindArchive,
  AssignmentListItem,
  AssignmentQuery,
  CandidateParams,
  MyAssignmentList,
  MyAssignmentQuery,
  MyBlindFilesQuery,
  ReasonBody,
  ReopenBody,
  Score,
  ScoreBody,
  ScoreDetail,
  SubmitScoreBody,
} from './schemas.js';
import { getScore, reopenScore, writeScore } from './scoring.js';
import { operations } from './operations.js';

const schema = { tags: ['review'], security: [{ bearerAuth: [] }] };

/** Organizers' view and changes of who reviews what. */
export const assignmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/assignments',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.listAssignments,
        querystring: AssignmentQuery,
        response: { 200: Page(AssignmentListItem), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAssignments(app.deps, request.query),
  );

  app.post(
    '/assignments',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.createAssignment,
        body: AssignmentBody,
        response: { 201: Assignment, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await addAssignment(app.deps, request.body, request.user)),
  );

  app.get(
    '/review-rounds/:id/projects/:projectId/candidates',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.listAssignmentCandidates,
        params: CandidateParams,
        response: { 200: AssignmentCandidates, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => assignmentCandidates(app.deps, request.params.id, request.params.projectId),
  );

  app.delete(
    '/assignments/:id',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.deleteAssignment,
        params: IdParams,
        body: ReasonBody,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeAssignment(app.deps, request.params.id, request.body.reason, request.user);
      return reply.code(204).send(null);
    },
  );
};

/** The signed-in expert's assignments: blind project views, rubrics and files. */
export const expertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const expert = [app.requireRole('expert')];

  app.get(
    '/me/assignments',
    {
      onRequest: expert,
      schema: {
        ...schema,
        ...operations.listMyAssignments,
        querystring: MyAssignmentQuery,
        response: { 200: MyAssignmentList, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => wholeList(await myAssignments(app.deps, request.user, request.query.roundId)),
  );

  app.get(
    '/me/assignments/blind-files',
    {
      onRequest: expert,
      schema: {
        ...schema,
        ...operations.downloadMyBlindFiles,
        querystring: MyBlindFilesQuery,
        response: { 200: BlindArchive, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendBlindArchive(
        app.deps,
        reply,
        'assigned-files',
        await expertArchiveEntries(app.deps.db, request.query.roundId, request.user),
      ),
  );

  app.get(
    '/assignments/:id',
    {
      onRequest: expert,
      schema: {
        ...schema,
        ...operations.getAssignment,
        params: IdParams,
        response: { 200: AssignmentDetail, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => assignmentForExpert(app.deps, request.params.id, request.user),
  );

  app.get(
    '/assignments/:id/files/:fileId/content',
    {
      onRequest: expert,
      schema: {
        ...schema,
        ...operations.downloadAssignmentFile,
        params: AssignmentFileParams,
        response: {
          200: Download('The whole file'),
          206: Download('The requested byte range'),
          ...problemResponses(401, 403, 404, 416),
        },
      },
    },
    async (request, reply) => {
      const file = await blindFileForExpert(app.deps, request.params.id, request.params.fileId, request.user);
      return sendBlindFile(app.deps, request, reply, file);
    },
  );
};

/** The signed-in expert saves and submits the score of an assignment. */
export const expertScoreRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const expert = [app.requireRole('expert')];

  app.put(
    '/assignments/:id/score',
    {
      onRequest: expert,
      schema: {
        ...schema,
        ...operations.saveScoreDraft,
        params: IdParams,
        body: ScoreBody,
        response: { 200: Score, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => writeScore(app.deps, request.params.id, request.user, request.body, false),
  );

  app.post(
    '/assignments/:id/score/submit',
    {
      onRequest: expert,
      schema: {
        ...schema,
        ...operations.submitScore,
        params: IdParams,
        body: SubmitScoreBody,
        response: { 200: Score, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => writeScore(app.deps, request.params.id, request.user, request.body, true),
  );
};

/** Organizers read any score and reopen a submitted one. */
export const scoreRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/scores/:id',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.getScore,
        params: IdParams,
        response: { 200: ScoreDetail, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getScore(app.deps, request.params.id),
  );

  app.post(
    '/scores/:id/reopen',
    {
      onRequest: admin,
      schema: {
        ...schema,
        ...operations.reopenScore,
        params: IdParams,
        body: ReopenBody,
        response: { 200: Score, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reopenScore(app.deps, request.params.id, request.body.reason, request.user),
  );
};
