import { Type } from 'typebox';
import { AWARD_CATEGORY_CODES, GRADE_CODES, TRACK_CODES } from '@saishi/shared';
import { DateTime, Nullable, StageOverrideFields, Uuid, WholeList } from '../../lib/http-schemas.js';
import { PreviewDigest } from '../review/ranking-schemas.js';
import * as X from './examples.js';

export const Quota = Type.Object(
  {
    trackCode: Type.Enum(TRACK_CODES),
    awardCategoryCode: Type.Enum(AWARD_CATEGORY_CODES),
    gradeCode: Type.Enum(GRADE_CODES),
    quota: Type.Integer({ minimum: 0, maximum: 10000 }),
  },
  { additionalProperties: false },
);
export const QuotasBody = Type.Object(
  { quotas: Type.Array(Quota, { maxItems: 100 }) },
  { additionalProperties: false, examples: [X.QUOTAS_BODY_EXAMPLE] },
);

export const QuotaView = Type.Object(
  { trackCode: Type.String(), awardCategoryCode: Type.String(), gradeCode: Type.String(), quota: Type.Integer() },
  { examples: [X.QUOTA_EXAMPLE] },
);
export const QuotaList = WholeList(QuotaView);

export const Award = Type.Object({
  projectId: Uuid,
  title: Type.String(),
  trackCode: Type.String(),
  awardCategoryCode: Type.String(),
  gradeCode: Type.String(),
  rank: Type.Integer(),
  result: Type.Number(),
});
export const Awards = Type.Object(
  { publishedAt: Nullable(DateTime), items: Type.Array(Award) },
  { examples: [X.AWARDS_EXAMPLE] },
);

export const Shortlist = Type.Object(
  {
    eligible: Type.Array(
      Type.Object({ projectId: Uuid, title: Type.String(), categoryCode: Type.String(), gradeCode: Type.String() }),
    ),
    excluded: Type.Array(
      Type.Object({ projectId: Uuid, title: Type.String(), code: Type.String(), ruleId: Type.String() }),
    ),
  },
  { examples: [X.SHORTLIST_EXAMPLE] },
);

export const AllocateBody = Type.Object(
  {
    adjustments: Type.Optional(
      Type.Array(
        Type.Object(
          {
            projectId: Uuid,
            gradeCode: Nullable(Type.Enum(GRADE_CODES), { description: 'The grade to give, or null for none' }),
            reason: Type.String({ minLength: 1, maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    ),
    previewDigest: Type.Optional(PreviewDigest),
    ...StageOverrideFields,
  },
  { additionalProperties: false, examples: [X.ALLOCATE_EXAMPLE] },
);

/** POST /awards/publish: outside its stage only with `override` and a reason (R-TIME-4). */
export const PublishBody = Type.Object(StageOverrideFields, {
  additionalProperties: false,
  examples: [X.PUBLISH_EXAMPLE],
});

export const AllocationPreview = Type.Object(
  {
    digest: PreviewDigest,
    items: Type.Array(Type.Object({ ...Award.properties })),
    unawarded: Type.Array(
      Type.Object({
        projectId: Uuid,
        title: Type.String(),
        trackCode: Type.String(),
        categoryCode: Type.String(),
        rank: Type.Integer(),
        result: Type.Number(),
      }),
      { description: 'Finalists the rule leaves without a grade' },
    ),
  },
  { examples: [X.PREVIEW_EXAMPLE] },
);
