import { Type } from 'typebox';
import { AWARD_CATEGORY_CODES, FIELD_CODES, GRADE_CODES, TRACK_CODES } from '@saishi/shared';
import { DateTime, EditionRef, PageQuery, Uuid } from '../../lib/http-schemas.js';
import { RESULT_DETAIL_EXAMPLE, RESULT_EXAMPLE } from '../../lib/examples.js';

const Edition = EditionRef({ default: 'current', description: '`current`, an edition code or id' });

const filters = {
  edition: Edition,
  field: Type.Optional(Type.Enum(FIELD_CODES)),
  track: Type.Optional(Type.Enum(TRACK_CODES)),
  grade: Type.Optional(Type.Enum(GRADE_CODES)),
  awardCategory: Type.Optional(Type.Enum(AWARD_CATEGORY_CODES)),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'Search in title, summary and team name' }),
  ),
};
/** How the library is ordered; each order pages with its own keyset. */
export const RESULT_SORTS = ['award', 'title', 'team'] as const;
export const ResultQuery = Type.Object({
  ...PageQuery.properties,
  sort: Type.Enum(RESULT_SORTS, {
    default: 'award',
    description: '`award` (grades first, then track, award category and rank), or `title` or `team` name (A→Z)',
  }),
  ...filters,
});
export const FilterQuery = Type.Object(filters);
export const EditionQuery = Type.Object({ edition: Edition });

export const Result = Type.Object(
  {
    projectId: Uuid,
    editionId: Uuid,
    title: Type.String(),
    summary: Type.String(),
    trackCode: Type.String(),
    trackName: Type.String(),
    directionCode: Type.String(),
    categoryCode: Type.String(),
    awardCategoryCode: Type.String(),
    awardCategoryName: Type.String(),
    gradeCode: Type.String(),
    gradeName: Type.String(),
    teamName: Type.String(),
    units: Type.Array(Type.Object({ name: Type.String(), isLead: Type.Boolean() })),
    fields: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String() })),
    publishedAt: DateTime,
  },
  { examples: [RESULT_EXAMPLE] },
);
export const ResultDetail = Type.Object(
  {
    ...Result.properties,
    directionName: Type.String(),
    topics: Type.Array(Type.Object({ title: Type.String(), fieldCode: Type.String() })),
  },
  { examples: [RESULT_DETAIL_EXAMPLE] },
);
