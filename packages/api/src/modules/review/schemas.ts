import { Type } from 'typebox';
import {
  ASSIGNMENT_SOURCES,
  DIRECTION_CODES,
  LOST_ASSIGNMENT_CAUSES,
  ROUND_KINDS,
  ROUND_STATUSES,
  SCORE_CONFIDENCES,
  SCORE_STATUSES,
  SPREAD_MEASURES,
} from '@saishi/shared';
import { DateTime, Nullable, PageQuery, StageOverrideFields, Uuid, WholeList } from '../../lib/http-schemas.js';
import { FieldCodeSchema } from '../editions/schemas.js';
import * as X from './examples.js';

const RoundKind = Type.Enum(ROUND_KINDS);
export const RoundStatus = Type.Enum(ROUND_STATUSES);
const ScoreStatus = Type.Enum(SCORE_STATUSES);
const ScoreConfidence = Type.Enum(SCORE_CONFIDENCES, {
  description: 'How sure the expert is of the score: 1 low, 2 medium, 3 high',
});

export const Round = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    kind: RoundKind,
    status: RoundStatus,
    expertsPerProject: Type.Integer(),
    normalize: Type.Boolean({ description: 'Rank on per-expert z-score normalized totals' }),
    spreadMeasure: Type.Enum(SPREAD_MEASURES, {
      description: 'How the experts’ disagreement on a project is measured: range (max − min) or sd',
    }),
    spreadThreshold: Nullable(Type.Number(), {
      description: 'Projects whose spread of submitted totals is above it are flagged (分差复评); null flags none',
    }),
    confidenceWeighting: Type.Boolean({
      description: 'Weigh each expert’s total by the confidence given with it (Σ confidence × total / Σ confidence)',
    }),
    openedAt: Nullable(DateTime),
    closedAt: Nullable(DateTime),
  },
  { examples: [X.ROUND_EXAMPLE] },
);
export const RoundList = WholeList(Round);

const ExpertsPerProject = Type.Integer({ minimum: 1, maximum: 50 });
const SpreadSettingFields = {
  spreadMeasure: Type.Optional(Type.Enum(SPREAD_MEASURES)),
  // One schema with two types rather than a union: ajv's type coercion would turn 0 into null.
  spreadThreshold: Type.Optional(
    Type.Unsafe<number | null>({
      type: ['number', 'null'],
      exclusiveMinimum: 0,
      maximum: 100,
      description: 'On the totals’ 0–100 scale, above 0; null turns the flag off',
    }),
  ),
};
export const CreateRoundBody = Type.Object(
  {
    kind: RoundKind,
    expertsPerProject: Type.Optional(ExpertsPerProject),
    normalize: Type.Optional(Type.Boolean()),
    confidenceWeighting: Type.Optional(Type.Boolean()),
    ...SpreadSettingFields,
  },
  { additionalProperties: false, examples: [X.CREATE_ROUND_EXAMPLE] },
);
export const UpdateRoundBody = Type.Object(
  {
    expertsPerProject: Type.Optional(ExpertsPerProject),
    normalize: Type.Optional(Type.Boolean()),
    confidenceWeighting: Type.Optional(Type.Boolean()),
    ...SpreadSettingFields,
  },
  { additionalProperties: false, minProperties: 1, examples: [X.UPDATE_ROUND_EXAMPLE] },
);

/** Opening and closing a round: outside its stage only with `override` and a reason (R-TIME-4). */
export const RoundStageBody = Type.Object(StageOverrideFields, {
  additionalProperties: false,
  examples: [X.STAGE_OVERRIDE_EXAMPLE],
});

export const Criterion = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', maxLength: 40 }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    maxScore: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export const Rubric = Type.Object(
  {
    directionCode: Type.String(),
    criteria: Type.Array(Criterion),
    updatedAt: DateTime,
  },
  { examples: [X.RUBRIC_EXAMPLE] },
);
export const RubricList = WholeList(Rubric);
export const RubricParams = Type.Object({ id: Uuid, direction: Type.Enum(DIRECTION_CODES) });
export const RubricBody = Type.Object(
  { criteria: Type.Array(Criterion, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false, examples: [{ criteria: X.CRITERIA_EXAMPLE }] },
);

export const RoundProjectList = WholeList(
  Type.Object(
    {
      projectId: Uuid,
      title: Type.String(),
      advancedWith: Nullable(Type.Object({ result: Type.Number(), rank: Type.Integer(), group: Type.String() })),
      assigned: Type.Integer({
        description: 'Assignments that still count (active expert, or score submitted), as on the dashboard',
      }),
      submitted: Type.Integer({ description: 'Submitted scores' }),
    },
    { examples: [X.ROUND_PROJECT_EXAMPLE] },
  ),
);

export const AutoAssignHeaders = Type.Object({
  prefer: Type.Optional(
    Type.String({ maxLength: 200, description: '`respond-async`: answer at once with a background job (202)' }),
  ),
});

export const AutoAssignJobParams = Type.Object({ id: Uuid, jobId: Uuid });

/** The share of a run's new assignments with a match of one kind. */
const MatchQuality = (kind: string, matchedWhen: string) =>
  Type.Object(
    {
      matched: Type.Integer({ description: `New assignments whose expert ${matchedWhen}` }),
      assignments: Type.Integer({ description: 'New assignments' }),
      share: Type.Number({ minimum: 0, maximum: 1, description: 'matched / assignments (0 when none)' }),
    },
    { description: `Match quality of this run: the share of new assignments with a ${kind}` },
  );

export const AutoAssignResult = Type.Object(
  {
    created: Type.Integer(),
    projects: Type.Integer(),
    experts: Type.Integer(),
    shortfalls: Type.Array(Type.Object({ projectId: Uuid, missing: Type.Integer() })),
    fieldMatch: MatchQuality('field match', 'shares a field with the project'),
    topicMatch: MatchQuality('topic match (preferred to a field)', 'declared one of the project’s topics'),
  },
  { examples: [X.AUTO_ASSIGN_EXAMPLE] },
);

export const RoundSummary = Type.Object(
  {
    roundId: Uuid,
    status: RoundStatus,
    expertsPerProject: Type.Integer(),
    projects: Type.Integer(),
    assignments: Type.Integer({ description: 'Assignments that still count (active expert, or score submitted)' }),
    submitted: Type.Integer(),
    shortfallProjects: Type.Integer({ description: 'Projects with fewer than N counting assignments' }),
    shortfalls: Type.Array(
      Type.Object({
        projectId: Uuid,
        title: Type.String(),
        assigned: Type.Integer(),
        submitted: Type.Integer(),
        missing: Type.Integer(),
        lost: Type.Array(
          Type.Object({
            expertId: Uuid,
            expertName: Type.String(),
            cause: Type.Enum(LOST_ASSIGNMENT_CAUSES),
            reason: Type.String(),
            at: DateTime,
          }),
        ),
      }),
      { description: 'The first 500 short projects, each with the reviewers it lost and why' },
    ),
  },
  { examples: [X.SUMMARY_EXAMPLE] },
);

const ScoreState = Type.Object({ id: Uuid, status: ScoreStatus, total: Type.Number() });
export const Assignment = Type.Object(
  {
    id: Uuid,
    roundId: Uuid,
    projectId: Uuid,
    expertId: Uuid,
    source: Type.Enum(ASSIGNMENT_SOURCES),
    reason: Type.String(),
    createdAt: DateTime,
    score: Nullable(ScoreState),
  },
  { examples: [X.ASSIGNMENT_EXAMPLE] },
);
/** An assignment as organizers list it: with the project's title and the expert's name (not blind). */
export const AssignmentListItem = Type.Object(
  {
    ...Assignment.properties,
    projectTitle: Type.String(),
    expertName: Type.String(),
  },
  { examples: [X.ASSIGNMENT_ITEM_EXAMPLE] },
);
/** How the organizers' list of assignments is ordered: grouped by project or by expert. */
export const ASSIGNMENT_SORTS = ['project', 'expert'] as const;
export const AssignmentQuery = Type.Object({
  ...PageQuery.properties,
  sort: Type.Enum(ASSIGNMENT_SORTS, {
    default: 'project',
    description:
      '`project`: grouped by project, by title (A→Z); `expert`: grouped by expert, by name (A→Z); each page keeps a group’s rows together',
  }),
  roundId: Type.Optional(Uuid),
  expertId: Type.Optional(Uuid),
  projectId: Type.Optional(Uuid),
});

export const CandidateParams = Type.Object({ id: Uuid, projectId: Uuid });
export const AssignmentCandidates = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        id: Uuid,
        displayName: Type.String(),
        affiliationName: Type.String(),
        fieldCodes: Type.Array(FieldCodeSchema),
        load: Type.Integer({ description: 'Assignments of the expert in this round' }),
        matchingFields: Type.Array(FieldCodeSchema, { description: 'The expert’s fields among the project’s' }),
      }),
      { description: 'Matching fields first, then the least loaded' },
    ),
    conflicted: Type.Integer({ description: 'Active experts left out for a conflict of interest' }),
    assigned: Type.Integer({ description: 'Active experts already assigned to the project' }),
  },
  { examples: [X.CANDIDATES_EXAMPLE] },
);

export const Reason = Type.String({ minLength: 1, maxLength: 1000 });
export const ReasonBody = Type.Object(
  { reason: Reason },
  { additionalProperties: false, examples: [X.REASON_EXAMPLE] },
);
/** POST /scores/{id}/reopen: why the submitted score goes back to its expert. */
export const ReopenBody = Type.Object(
  { reason: Reason },
  { additionalProperties: false, examples: [X.REOPEN_EXAMPLE] },
);
export const AssignmentBody = Type.Object(
  { roundId: Uuid, projectId: Uuid, expertId: Uuid, reason: Reason },
  { additionalProperties: false, examples: [X.ASSIGNMENT_BODY_EXAMPLE] },
);

export const Score = Type.Object(
  {
    id: Uuid,
    status: ScoreStatus,
    values: Type.Record(Type.String(), Type.Number()),
    comments: Type.Record(Type.String(), Type.String()),
    comment: Type.String(),
    total: Type.Number({ description: 'Σ weight × score / maxScore' }),
    confidence: Nullable(ScoreConfidence),
    submittedAt: Nullable(DateTime),
    reopenedAt: Nullable(DateTime),
    reopenReason: Nullable(Type.String()),
  },
  { examples: [X.SCORE_EXAMPLE] },
);
export const ScoreDetail = Type.Object(
  {
    ...Score.properties,
    assignmentId: Uuid,
    projectId: Uuid,
    expertId: Uuid,
    roundId: Uuid,
  },
  { examples: [X.SCORE_DETAIL_EXAMPLE] },
);
export const ScoreBody = Type.Object(
  {
    // One value (and comment) per criterion: a rubric has at most 20, each scored at most 1000.
    values: Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 1000 }), {
      maxProperties: 20,
    }),
    comments: Type.Optional(
      Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 5000 }), { maxProperties: 20 }),
    ),
    comment: Type.Optional(Type.String({ maxLength: 10000 })),
    confidence: Type.Optional(ScoreConfidence),
  },
  { additionalProperties: false, examples: [X.SCORE_BODY_EXAMPLE] },
);
/** `{}` submits the saved draft as it is. */
export const SubmitScoreBody = Type.Partial(ScoreBody, {
  additionalProperties: false,
  examples: [{ confidence: 3 }],
});

/** The blind project view: an allowlist without team, member or unit. */
const BlindProject = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    summary: Type.String(),
    trackCode: Type.String(),
    directionCode: Type.String(),
    categoryCode: Type.String(),
    publicComponentKind: Nullable(Type.String()),
    completeBeforeNationalFinal: Type.Boolean(),
    latestVersion: Type.Integer(),
    fieldCodes: Type.Array(Type.String()),
    topics: Type.Array(Type.Object({ id: Uuid, title: Type.String(), fieldCode: Type.String() })),
    files: Type.Array(
      Type.Object({ id: Uuid, kind: Type.String(), mimeType: Type.String(), sizeBytes: Type.Integer() }),
      { description: 'Download with GET /assignments/{id}/files/{fileId}/content; original names are withheld' },
    ),
  },
  { additionalProperties: false },
);
const RoundRef = Type.Object({ id: Uuid, kind: RoundKind, status: RoundStatus });
export const MyAssignment = Type.Object(
  { id: Uuid, round: RoundRef, project: BlindProject, score: Nullable(Score) },
  { examples: [X.MY_ASSIGNMENT_EXAMPLE] },
);
export const MyAssignmentList = WholeList(MyAssignment);
export const MyAssignmentQuery = Type.Object({ roundId: Type.Optional(Uuid) });
export const AssignmentDetail = Type.Object(
  { ...MyAssignment.properties, rubric: Type.Array(Criterion) },
  { examples: [X.ASSIGNMENT_DETAIL_EXAMPLE] },
);
export const AssignmentFileParams = Type.Object({ id: Uuid, fileId: Uuid });

/** The blind copies of a round's files as a ZIP, declared with the media type they are sent with. */
export const BlindArchive = {
  description: 'A ZIP of the blind copies',
  content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
};

export const MyBlindFilesQuery = Type.Object(
  { roundId: Type.String({ format: 'uuid', description: 'The round whose assignments’ files to download' }) },
  { additionalProperties: false },
);
