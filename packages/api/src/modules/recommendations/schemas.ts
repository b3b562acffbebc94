import { Type } from 'typebox';
import { GRADE_CODES, RECOMMENDATION_STATUSES } from '@saishi/shared';
import { DateTime, Nullable, NullableDateTime, Uuid, WholeList } from '../../lib/http-schemas.js';
import { ACCEPT_RECOMMENDATION_EXAMPLE, DECLINE_RECOMMENDATION_EXAMPLE, RECOMMENDATION_EXAMPLE } from './examples.js';

/** A division's winner recommended to the national final (R-DIV-2). */
export const Recommendation = Type.Object(
  {
    id: Uuid,
    projectId: Uuid,
    title: Type.String(),
    divisionEdition: Type.String({ description: 'Code of the division edition that recommended the project' }),
    versionNumber: Type.Integer({ minimum: 0, description: 'The submitted version the division reviewed' }),
    gradeCode: Type.Enum(GRADE_CODES),
    status: Type.Enum(RECOMMENDATION_STATUSES),
    recommendedAt: DateTime,
    decidedAt: NullableDateTime,
    reason: Nullable(Type.String(), { description: 'Why it was declined (or a note on acceptance)' }),
  },
  { examples: [RECOMMENDATION_EXAMPLE] },
);

export const RecommendationList = WholeList(Recommendation);

export const DecisionBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) },
  { additionalProperties: false, examples: [ACCEPT_RECOMMENDATION_EXAMPLE] },
);

export const DeclineBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Told to the division' }) },
  { additionalProperties: false, examples: [DECLINE_RECOMMENDATION_EXAMPLE] },
);
