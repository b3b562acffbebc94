import { Type } from 'typebox';
import { AGGREGATION_METHODS, SPREAD_MEASURES, SPREAD_RESOLUTIONS } from '@saishi/shared';
import { DateTime, Nullable, StageOverrideFields, Uuid } from '../../lib/http-schemas.js';
import * as X from './examples.js';
import { Reason, RoundStatus } from './schemas.js';

// The ranking of a round, the resolutions of wide spreads (re-review, panel decision) and the
// advancement to the final: what organizers decide from the scores.

const AggregationMethod = Type.Enum(AGGREGATION_METHODS, {
  description:
    'trimmed_mean: highest and lowest dropped, used when every project of the group has ≥ 5 scores; mean otherwise',
});
const AggregationRule = Type.Object({
  method: AggregationMethod,
  normalize: Type.Boolean(),
  confidenceWeighted: Type.Boolean({ description: 'Each kept total weighed by its expert’s confidence' }),
  minScores: Type.Integer({ description: 'The fewest scores any project of the group has' }),
});
export const SpreadResolutionSchema = Type.Object(
  {
    kind: Type.Enum(SPREAD_RESOLUTIONS),
    reason: Type.String(),
    spread: Type.Number({ description: 'The spread that flagged the project when it was decided' }),
    panelScore: Nullable(Type.Number(), { description: 'The panel’s score (panel decisions)' }),
    expertIds: Type.Array(Uuid, { description: 'The experts a re-review added' }),
    decidedAt: DateTime,
  },
  { examples: [X.PANEL_DECISION_EXAMPLE] },
);
const RankingEntry = Type.Object({
  projectId: Uuid,
  title: Type.String(),
  rank: Type.Integer(),
  result: Type.Number({
    description:
      'Aggregated with the group’s rule (see `method`), over every submitted total including a re-review’s; a panel decision’s score when `resolvedBy` is `panel`',
  }),
  method: AggregationMethod,
  scoredResult: Type.Number({ description: 'What the experts’ totals aggregate to (equals `result` without a panel)' }),
  median: Type.Number(),
  count: Type.Integer(),
  trimmed: Type.Boolean(),
  kept: Type.Array(Type.Number()),
  spread: Type.Number({ description: 'Spread of the submitted raw totals with the round’s measure' }),
  flagged: Type.Boolean({ description: 'Spread above the round’s threshold' }),
  resolvedBy: Nullable(Type.Enum(SPREAD_RESOLUTIONS), {
    description: 'null: the group rule; re_review: all totals, original and added; panel: the panel’s score',
  }),
  resolutions: Type.Array(SpreadResolutionSchema),
});
/** How each group's entries are ordered: by rank, by spread (largest first) or by title. */
export const RANKING_SORTS = ['rank', 'spread', 'title'] as const;
export const RankingQuery = Type.Object({
  sort: Type.Enum(RANKING_SORTS, {
    default: 'rank',
    description:
      '`rank` (the ranking’s order), `spread` (largest spread first, to see what to re-review) or `title` (in Chinese collation); ranks stay as ranked',
  }),
});

export const Ranking = Type.Object(
  {
    roundId: Uuid,
    normalize: Type.Boolean(),
    spread: Type.Object({ measure: Type.Enum(SPREAD_MEASURES), threshold: Nullable(Type.Number()) }),
    groups: Type.Array(
      Type.Object({
        trackCode: Type.String(),
        categoryCode: Type.String(),
        rule: AggregationRule,
        entries: Type.Array(RankingEntry),
      }),
    ),
  },
  { examples: [X.RANKING_EXAMPLE] },
);

const AdvanceRuleFields = {
  topK: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
};
export const AdvancePreviewQuery = Type.Object(AdvanceRuleFields, { additionalProperties: false });
/** The digest a preview returns: a commit carrying it is refused when the outcome changed since. */
export const PreviewDigest = Type.String({
  pattern: '^[0-9a-f]{64}$',
  minLength: 64,
  maxLength: 64,
  description: 'The `digest` of the preview',
});
export const AdvanceBody = Type.Object(
  {
    ...AdvanceRuleFields,
    adjustments: Type.Optional(
      Type.Array(
        Type.Object(
          {
            projectId: Uuid,
            advance: Type.Boolean({ description: 'true: advance a project the rule leaves out; false: hold one back' }),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    ),
    previewDigest: Type.Optional(PreviewDigest),
    ...StageOverrideFields,
  },
  { additionalProperties: false, examples: [X.ADVANCE_EXAMPLE] },
);
const AdvancedEntry = Type.Object({
  projectId: Uuid,
  group: Type.String(),
  rank: Type.Integer(),
  result: Type.Number(),
});
export const AdvancementPreview = Type.Object(
  {
    rule: Type.Object(AdvanceRuleFields),
    roundStatus: RoundStatus,
    digest: PreviewDigest,
    items: Type.Array(
      Type.Object({
        ...AdvancedEntry.properties,
        title: Type.String(),
        trackCode: Type.String(),
        categoryCode: Type.String(),
        method: AggregationMethod,
        alreadyAdvanced: Type.Boolean(),
      }),
    ),
  },
  { examples: [X.ADVANCEMENT_PREVIEW_EXAMPLE] },
);
export const Advancement = Type.Object(
  {
    finalRoundId: Uuid,
    advanced: Type.Array(
      Type.Object({
        ...AdvancedEntry.properties,
        manual: Type.Boolean({ description: 'Added by hand, with a reason' }),
      }),
    ),
    heldBack: Type.Array(AdvancedEntry, { description: 'Advanced by the rule, held back by hand with a reason' }),
  },
  { examples: [X.ADVANCEMENT_EXAMPLE] },
);

export const ResolutionParams = Type.Object({ id: Uuid, projectId: Uuid });
export const ReReviewBody = Type.Object(
  {
    experts: Type.Integer({ minimum: 1, maximum: 10, description: 'How many additional experts review the project' }),
    reason: Reason,
  },
  { additionalProperties: false, examples: [X.RE_REVIEW_BODY_EXAMPLE] },
);
export const ReReview = Type.Object(
  {
    ...SpreadResolutionSchema.properties,
    assignments: Type.Array(Type.Object({ id: Uuid, expertId: Uuid })),
  },
  { examples: [X.RE_REVIEW_EXAMPLE] },
);
export const PanelDecisionBody = Type.Object(
  {
    score: Type.Number({ minimum: 0, maximum: 100, description: 'The panel’s score on the totals’ 0–100 scale' }),
    reason: Reason,
  },
  { additionalProperties: false, examples: [X.PANEL_DECISION_BODY_EXAMPLE] },
);
