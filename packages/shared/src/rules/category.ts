import { CATEGORY_DIRECTION, type CategoryCode, type DirectionCode, type TrackCode } from '../domain/competition.js';
import type { RuleViolation } from './violation.js';

const CATEGORIES_BY_TRACK: Record<TrackCode, readonly CategoryCode[]> = {
  society: ['modeling', 'data_product', 'public_component'],
  university: ['modeling', 'data_product'],
};

/** R-CAT-1: the categories a team of this track may enter. */
export function categoriesForTrack(track: TrackCode): readonly CategoryCode[] {
  return CATEGORIES_BY_TRACK[track];
}

/** R-CAT-1: a university-track team cannot enter `public_component`; the category must belong to the direction. */
export function checkCategory(input: {
  track: TrackCode;
  direction: DirectionCode;
  category: CategoryCode;
}): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (CATEGORY_DIRECTION[input.category] !== input.direction) {
    violations.push({
      code: 'CATEGORY_NOT_IN_DIRECTION',
      path: '/category',
      params: { category: input.category, direction: input.direction },
    });
  }
  if (!CATEGORIES_BY_TRACK[input.track].includes(input.category)) {
    violations.push({
      code: 'CATEGORY_NOT_ALLOWED_FOR_TRACK',
      ruleId: 'R-CAT-1',
      path: '/category',
      params: { category: input.category, track: input.track },
    });
  }
  return violations;
}
