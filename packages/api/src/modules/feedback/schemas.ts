import { Type } from 'typebox';
import { AWARD_CATEGORY_CODES, FEEDBACK_VISIBILITIES, GRADE_CODES, ROUND_KINDS, ROUND_OUTCOMES } from '@saishi/shared';
import { DateTime, Nullable, Uuid } from '../../lib/http-schemas.js';
import {
  CHANGE_FEEDBACK_EXAMPLE,
  PUBLISH_FEEDBACK_EXAMPLE,
  ROUND_FEEDBACK_EXAMPLE,
  TEAM_FEEDBACK_EXAMPLE,
} from './examples.js';

const Visibility = Type.Enum(FEEDBACK_VISIBILITIES, {
  description:
    'What teams may read: `status` the outcome only; `scores` also the result, rank and each (numbered, unnamed) expert’s scores; `comments` also the experts’ comments, anonymized',
});

export const PublishFeedbackBody = Type.Object(
  { visibility: Visibility },
  { additionalProperties: false, examples: [PUBLISH_FEEDBACK_EXAMPLE] },
);

export const ChangeFeedbackBody = Type.Object(
  {
    visibility: Visibility,
    reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'Why, for the ledger' }),
  },
  { additionalProperties: false, examples: [CHANGE_FEEDBACK_EXAMPLE] },
);

export const RoundFeedback = Type.Object(
  {
    roundId: Uuid,
    visibility: Visibility,
    publishedAt: DateTime,
    projects: Type.Integer({ description: 'Projects of the round, whose teams were told their outcome' }),
  },
  { examples: [ROUND_FEEDBACK_EXAMPLE] },
);

const Criterion = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  maxScore: Type.Number(),
});

const AnonymousReview = Type.Object({
  reviewer: Type.Integer({ minimum: 1, description: 'A number, never the expert: 1 is the highest total' }),
  total: Type.Number(),
  values: Type.Record(Type.String(), Type.Number(), { description: 'Score per criterion code' }),
  comment: Type.Optional(Type.String({ description: 'With visibility `comments` only' })),
  comments: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: 'Comment per criterion code; `comments` only' }),
  ),
});

export const TeamFeedback = Type.Object(
  {
    roundId: Uuid,
    roundKind: Type.Enum(ROUND_KINDS),
    visibility: Visibility,
    publishedAt: DateTime,
    projectId: Uuid,
    projectTitle: Type.String({ description: 'As submitted' }),
    outcome: Type.Enum(ROUND_OUTCOMES, {
      description: 'Preliminary: `advanced` or `not_advanced` to the final; final: `awarded` or `not_awarded`',
    }),
    award: Nullable(
      Type.Object({ awardCategoryCode: Type.Enum(AWARD_CATEGORY_CODES), gradeCode: Type.Enum(GRADE_CODES) }),
    ),
    result: Nullable(Type.Number({ description: 'The aggregated result as ranked; null at `status`' })),
    rank: Nullable(Type.Integer({ description: 'Rank in its track × category; null at `status`' })),
    groupSize: Nullable(Type.Integer({ description: 'Projects ranked in its track × category; null at `status`' })),
    criteria: Nullable(Type.Array(Criterion, { description: 'The rubric scored; null at `status`' })),
    reviews: Nullable(Type.Array(AnonymousReview, { description: 'Submitted scores, numbered; null at `status`' })),
  },
  { examples: [TEAM_FEEDBACK_EXAMPLE] },
);
