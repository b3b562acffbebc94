import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, IdParams, Page, PageQuery, problemResponses } from '../../lib/http-schemas.js';
import { resolveEdition } from '../editions/service.js';
import { sendStoredFile } from '../files/http.js';
import * as reviewService from './service.js';

const EditionParams = Type.Object({
  edition: Type.String({ minLength: 1, maxLength: 64, description: '`current`, an edition code or id' }),
});
const RoundKind = Type.Union([Type.Literal('preliminary'), Type.Literal('final')]);
const RoundStatus = Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('closed')]);
const DirectionCode = Type.Union([Type.Literal('modeling'), Type.Literal('product_innovation')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const Round = Type.Object({
  id: Type.String({ format: 'uuid' }),
  editionId: Type.String({ format: 'uuid' }),
  kind: RoundKind,
  status: RoundStatus,
  expertsPerProject: Type.Integer(),
  normalize: Type.Boolean({ description: 'Rank on per-expert z-score normalized totals' }),
  openedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
});

const Criterion = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    maxScore: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);
const Rubric = Type.Object({ directionCode: Type.String(), criteria: Type.Array(Criterion), updatedAt: DateTime });

const ScoreState = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  total: Type.Number(),
});
const Assignment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  roundId: Type.String({ format: 'uuid' }),
  projectId: Type.String({ format: 'uuid' }),
  expertId: Type.String({ format: 'uuid' }),
  source: Type.Union([Type.Literal('auto'), Type.Literal('manual')]),
  reason: Type.String(),
  createdAt: DateTime,
  score: Nullable(ScoreState),
});
/** An assignment as organizers list it: with the project's title and the expert's name (not blind). */
const AssignmentListItem = Type.Object({
  ...Assignment.properties,
  projectTitle: Type.String(),
  expertName: Type.String(),
});

const Score = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  values: Type.Record(Type.String(), Type.Number()),
  comments: Type.Record(Type.String(), Type.String()),
  comment: Type.String(),
  total: Type.Number({ description: 'Σ weight × score / maxScore' }),
  submittedAt: Nullable(DateTime),
  reopenedAt: Nullable(DateTime),
  reopenReason: Nullable(Type.String()),
});

/** The blind project view: an allowlist without team, member or unit. */
const BlindProject = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    title: Type.String(),
    summary: Type.String(),
    trackCode: Type.String(),
    directionCode: Type.String(),
    categoryCode: Type.String(),
    publicComponentKind: Nullable(Type.String()),
    completeBeforeNationalFinal: Type.Boolean(),
    latestVersion: Type.Integer(),
    fieldCodes: Type.Array(Type.String()),
    topics: Type.Array(
      Type.Object({ id: Type.String({ format: 'uuid' }), title: Type.String(), fieldCode: Type.String() }),
    ),
    files: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        kind: Type.String(),
        mimeType: Type.String(),
        sizeBytes: Type.Integer(),
      }),
      { description: 'Download with GET /assignments/{id}/files/{fileId}/content; original names are withheld' },
    ),
  },
  { additionalProperties: false },
);
const RoundRef = Type.Object({ id: Type.String({ format: 'uuid' }), kind: RoundKind, status: RoundStatus });
const MyAssignment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  round: RoundRef,
  project: BlindProject,
  score: Nullable(Score),
});
const AssignmentDetail = Type.Object({ ...MyAssignment.properties, rubric: Type.Array(Criterion) });

const RankingEntry = Type.Object({
  projectId: Type.String({ format: 'uuid' }),
  title: Type.String(),
  rank: Type.Integer(),
  result: Type.Number({ description: 'Trimmed mean (≥ 5 scores: highest and lowest dropped) or mean' }),
  median: Type.Number(),
  count: Type.Integer(),
  trimmed: Type.Boolean(),
  kept: Type.Array(Type.Number()),
});
const Ranking = Type.Object({
  roundId: Type.String({ format: 'uuid' }),
  normalize: Type.Boolean(),
  groups: Type.Array(
    Type.Object({ trackCode: Type.String(), categoryCode: Type.String(), entries: Type.Array(RankingEntry) }),
  ),
});

const Reason = Type.String({ minLength: 1, maxLength: 1000 });
const ScoreBody = Type.Object(
  {
    values: Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0 })),
    comments: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 5000 }))),
    comment: Type.Optional(Type.String({ maxLength: 10000 })),
  },
  { additionalProperties: false },
);

/** Review rounds, rubrics, conflict-free assignment, blind scoring, ranking and advancement (SPEC §6). */
const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['review'], security: [{ bearerAuth: [] }] };
  const admin = [app.requireRole('admin')];

  app.get(
    '/editions/:edition/review-rounds',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        summary: 'Review rounds of an edition',
        params: EditionParams,
        response: { 200: Type.Object({ items: Type.Array(Round) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const edition = await resolveEdition(app.db, request.params.edition);
      return { items: await reviewService.listRounds(app.db, edition.id) };
    },
  );

  app.post(
    '/editions/:edition/review-rounds',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Create the preliminary or final round (draft); N defaults to 5 and 7',
        params: EditionParams,
        body: Type.Object(
          {
            kind: RoundKind,
            expertsPerProject: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
            normalize: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Round, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const edition = await resolveEdition(app.db, request.params.edition);
      return reply.code(201).send(await reviewService.createRound(app.db, edition.id, request.body));
    },
  );

  app.get(
    '/review-rounds/:id',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        summary: 'One review round',
        params: IdParams,
        response: { 200: Round, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => reviewService.getRound(app.db, request.params.id),
  );

  app.patch(
    '/review-rounds/:id',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Change N or the normalization of a round',
        params: IdParams,
        body: Type.Object(
          {
            expertsPerProject: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
            normalize: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Round, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reviewService.updateRound(app.db, request.params.id, request.body),
  );

  for (const to of ['open', 'closed'] as const) {
    app.post(
      `/review-rounds/:id/${to === 'open' ? 'open' : 'close'}`,
      {
        onRequest: admin,
        schema: {
          ...schema,
          summary:
            to === 'open'
              ? 'Open a draft round (needs both rubrics); the preliminary enrolls every qualified, submitted project'
              : 'Close an open round',
          params: IdParams,
          response: { 200: Round, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) =>
        reviewService.transitionRound(app.db, request.params.id, to, request.user.sub, app.clock.now()),
    );
  }

  app.get(
    '/review-rounds/:id/rubrics',
    {
      onRequest: [app.requireRole('admin', 'expert')],
      schema: {
        ...schema,
        summary: 'Rubrics of a round per direction',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Rubric) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await reviewService.listRubrics(app.db, request.params.id) }),
  );

  app.put(
    '/review-rounds/:id/rubrics/:direction',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Set the rubric of a direction (weights total 100); only while the round is a draft',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), direction: DirectionCode }),
        body: Type.Object(
          { criteria: Type.Array(Criterion, { minItems: 1, maxItems: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: Rubric, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      reviewService.putRubric(
        app.db,
        request.params.id,
        request.params.direction,
        request.body.criteria,
        app.clock.now(),
      ),
  );

  app.get(
    '/review-rounds/:id/projects',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Projects the round reviews (for the final: advanced ones with their preliminary result)',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                projectId: Type.String({ format: 'uuid' }),
                title: Type.String(),
                advancedWith: Nullable(
                  Type.Object({ result: Type.Number(), rank: Type.Integer(), group: Type.String() }),
                ),
              }),
            ),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      await reviewService.findRound(app.db, request.params.id);
      return { items: await reviewService.listRoundProjects(app.db, request.params.id) };
    },
  );

  app.post(
    '/review-rounds/:id/assignments/auto',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Assign N conflict-free experts to every project of the round, balancing load and matching fields',
        params: IdParams,
        response: {
          200: Type.Object({
            created: Type.Integer(),
            projects: Type.Integer(),
            experts: Type.Integer(),
            shortfalls: Type.Array(
              Type.Object({ projectId: Type.String({ format: 'uuid' }), missing: Type.Integer() }),
            ),
          }),
          ...problemResponses(401, 403, 404, 409),
        },
      },
    },
    async (request) => reviewService.autoAssign(app.db, request.params.id, request.user.sub, app.clock.now()),
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
    async (request) => (await reviewService.roundRanking(app.db, request.params.id)).ranking,
  );

  app.post(
    '/review-rounds/:id/advance',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary:
          'Advance the top K per track × category, or everyone at or above a threshold, of a closed preliminary to the final',
        params: IdParams,
        body: Type.Object(
          { topK: Type.Optional(Type.Integer({ minimum: 1 })), threshold: Type.Optional(Type.Number({ minimum: 0 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            finalRoundId: Type.String({ format: 'uuid' }),
            advanced: Type.Array(
              Type.Object({
                projectId: Type.String({ format: 'uuid' }),
                group: Type.String(),
                rank: Type.Integer(),
                result: Type.Number(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      reviewService.advance(app.db, request.params.id, request.body, request.user.sub, app.clock.now()),
  );

  app.get(
    '/assignments',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Assignments, filtered by round, expert or project (organizers)',
        querystring: Type.Object({
          ...PageQuery.properties,
          roundId: Type.Optional(Type.String({ format: 'uuid' })),
          expertId: Type.Optional(Type.String({ format: 'uuid' })),
          projectId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        response: { 200: Page(AssignmentListItem), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => reviewService.listAssignments(app.db, request.query),
  );

  app.post(
    '/assignments',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Add an expert to a project by hand, with a reason (conflicts refused, also by a database trigger)',
        body: Type.Object(
          {
            roundId: Type.String({ format: 'uuid' }),
            projectId: Type.String({ format: 'uuid' }),
            expertId: Type.String({ format: 'uuid' }),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 201: Assignment, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reviewService.addAssignment(app.db, request.body, request.user.sub, app.clock.now())),
  );

  app.delete(
    '/assignments/:id',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Remove an expert from a project, with a reason (not once the score is submitted)',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await reviewService.removeAssignment(
        app.db,
        request.params.id,
        request.body.reason,
        request.user.sub,
        app.clock.now(),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/assignments',
    {
      onRequest: [app.requireRole('expert')],
      schema: {
        ...schema,
        summary: 'The signed-in expert’s assignments, with the blind project view',
        querystring: Type.Object({ roundId: Type.Optional(Type.String({ format: 'uuid' })) }),
        response: { 200: Type.Object({ items: Type.Array(MyAssignment) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await reviewService.myAssignments(app.db, request.user.sub, request.query.roundId) }),
  );

  app.get(
    '/assignments/:id',
    {
      onRequest: [app.requireRole('expert')],
      schema: {
        ...schema,
        summary: 'One of the expert’s assignments: blind project, rubric, score so far',
        params: IdParams,
        response: { 200: AssignmentDetail, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => reviewService.assignmentForExpert(app.db, request.params.id, request.user.sub),
  );

  app.get(
    '/assignments/:id/files/:fileId/content',
    {
      onRequest: [app.requireRole('expert')],
      schema: {
        ...schema,
        summary: 'Download a file of the assigned project (named after its kind, Range supported)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The whole file' }),
          206: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The requested byte range' }),
          ...problemResponses(401, 403, 404, 416),
        },
      },
    },
    async (request, reply) => {
      const file = await reviewService.blindFileForExpert(
        app.db,
        request.params.id,
        request.params.fileId,
        request.user.sub,
      );
      return sendStoredFile(app.deps, request, reply, file);
    },
  );

  app.put(
    '/assignments/:id/score',
    {
      onRequest: [app.requireRole('expert')],
      schema: {
        ...schema,
        summary: 'Save the score as a draft (criteria may be partial)',
        params: IdParams,
        body: ScoreBody,
        response: { 200: Score, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      reviewService.writeScore(app.db, request.params.id, request.user.sub, request.body, false, app.clock.now()),
  );

  app.post(
    '/assignments/:id/score/submit',
    {
      onRequest: [app.requireRole('expert')],
      schema: {
        ...schema,
        summary:
          'Submit the score (every criterion scored); `{}` submits the saved draft as is. Only an admin can reopen it',
        params: IdParams,
        body: Type.Partial(ScoreBody, { additionalProperties: false }),
        response: { 200: Score, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      reviewService.writeScore(
        app.db,
        request.params.id,
        request.user.sub,
        request.body.values ? { ...request.body, values: request.body.values } : undefined,
        true,
        app.clock.now(),
      ),
  );

  app.get(
    '/scores/:id',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'One score with its criteria values and comments (organizers)',
        params: IdParams,
        response: {
          200: Type.Object({
            ...Score.properties,
            assignmentId: Type.String({ format: 'uuid' }),
            projectId: Type.String({ format: 'uuid' }),
            expertId: Type.String({ format: 'uuid' }),
            roundId: Type.String({ format: 'uuid' }),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => reviewService.getScore(app.db, request.params.id),
  );

  app.post(
    '/scores/:id/reopen',
    {
      onRequest: admin,
      schema: {
        ...schema,
        summary: 'Reopen a submitted score, with a reason',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: Score, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      reviewService.reopenScore(app.db, request.params.id, request.body.reason, request.user.sub, app.clock.now()),
  );
};

export default reviewRoutes;
