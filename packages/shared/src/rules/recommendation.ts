import { CATEGORY_DIRECTION, type CategoryCode, type GradeCode } from '../domain/competition.js';
import type { RuleViolation } from './violation.js';

export interface RecommendationCandidate {
  projectId: string;
  categoryCode: CategoryCode;
  /** The Guangxi final award, or null when the project won nothing. */
  gradeCode: GradeCode | null;
  /** For `modeling`: R&D and application complete before the national final (declared). */
  completeBeforeNationalFinal: boolean;
}

/**
 * R-PROJ-1: only Guangxi final winners qualify for the national final, and only in
 * `product_innovation`, or in `modeling` when R&D and application will be complete before the
 * national final. Returns the violations of one candidate (empty = eligible).
 */
export function checkNationalRecommendation(candidate: RecommendationCandidate): RuleViolation[] {
  if (candidate.gradeCode === null) {
    return [{ code: 'NOT_A_FINAL_WINNER', ruleId: 'R-PROJ-1', params: { project: candidate.projectId } }];
  }
  if (CATEGORY_DIRECTION[candidate.categoryCode] === 'modeling' && !candidate.completeBeforeNationalFinal) {
    return [
      {
        code: 'MODELING_NOT_COMPLETE_BEFORE_NATIONAL_FINAL',
        ruleId: 'R-PROJ-1',
        params: { project: candidate.projectId },
      },
    ];
  }
  return [];
}

/** The national recommendation shortlist (R-PROJ-1) and the reason each other candidate is left out. */
export function nationalShortlist(candidates: readonly RecommendationCandidate[]): {
  eligible: string[];
  excluded: { projectId: string; violations: RuleViolation[] }[];
} {
  const eligible: string[] = [];
  const excluded: { projectId: string; violations: RuleViolation[] }[] = [];
  for (const candidate of candidates) {
    const violations = checkNationalRecommendation(candidate);
    if (violations.length === 0) eligible.push(candidate.projectId);
    else excluded.push({ projectId: candidate.projectId, violations });
  }
  return { eligible, excluded };
}
