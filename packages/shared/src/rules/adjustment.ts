import type { GradeCode } from '../domain/competition.js';
import { awardCategoryFor, type AwardAllocation, type RankedFinalist } from './awards.js';
import { categoriesForTrack } from './category.js';
import type { RuleViolation } from './violation.js';

/**
 * Decisions with a preview (issue 16.7): advancement and award allocation are computed by their
 * rule, shown to the organizer, then adjusted by hand, each change with a reason, before they
 * are committed. These functions apply the adjustments to the rule's outcome and say why an
 * adjustment cannot apply (paths are relative to `/adjustments`).
 */

export interface AdvancementAdjustment {
  projectId: string;
  /** true: advance a project the rule leaves out; false: hold back one the rule advances. */
  advance: boolean;
  reason: string;
}

/** Common refusals: the same project twice, a project not ranked in the round. */
function checkTargets<Adjustment extends { projectId: string }>(
  adjustments: readonly Adjustment[],
  known: (projectId: string) => boolean,
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const seen = new Set<string>();
  adjustments.forEach((adjustment, index) => {
    const path = `/adjustments/${index}/projectId`;
    if (seen.has(adjustment.projectId)) violations.push({ code: 'ADJUSTMENT_DUPLICATE', path });
    seen.add(adjustment.projectId);
    if (!known(adjustment.projectId)) violations.push({ code: 'ADJUSTMENT_NOT_RANKED', path });
  });
  return violations;
}

/**
 * The rule's selection with the adjustments applied: held-back projects removed, added ones
 * appended in ranking order. An adjustment that changes nothing is refused, so that every
 * recorded adjustment is a real departure from the rule.
 */
export function adjustAdvancement<Project extends { projectId: string }>(
  ranked: readonly Project[],
  selected: readonly Project[],
  adjustments: readonly AdvancementAdjustment[],
): { advancing: Project[]; violations: RuleViolation[] } {
  const byId = new Map(ranked.map((project) => [project.projectId, project]));
  const chosen = new Set(selected.map((project) => project.projectId));
  const violations = checkTargets(adjustments, (id) => byId.has(id));
  adjustments.forEach((adjustment, index) => {
    if (!byId.has(adjustment.projectId)) return;
    if (chosen.has(adjustment.projectId) === adjustment.advance)
      violations.push({ code: 'ADJUSTMENT_NO_CHANGE', path: `/adjustments/${index}/advance` });
  });
  if (violations.length > 0) return { advancing: [...selected], violations };
  const held = new Set(adjustments.filter((entry) => !entry.advance).map((entry) => entry.projectId));
  const added = new Set(adjustments.filter((entry) => entry.advance).map((entry) => entry.projectId));
  return {
    advancing: ranked.filter(
      (project) => (chosen.has(project.projectId) && !held.has(project.projectId)) || added.has(project.projectId),
    ),
    violations,
  };
}

export interface AwardAdjustment {
  projectId: string;
  /** The grade to give, or null to give none. */
  gradeCode: GradeCode | null;
  reason: string;
}

/**
 * The rule's allocation with the adjustments applied: a finalist gets the given grade (in its
 * track × award category, R-CAT-1 respected) or none. Quotas are checked afterwards by the
 * caller (checkAllocationWithinQuotas), so a hand-given grade never exceeds them either.
 */
export function adjustAwards(
  finalists: readonly RankedFinalist[],
  allocations: readonly AwardAllocation[],
  adjustments: readonly AwardAdjustment[],
): { allocations: AwardAllocation[]; violations: RuleViolation[] } {
  const byId = new Map(finalists.map((finalist) => [finalist.projectId, finalist]));
  const current = new Map(allocations.map((allocation) => [allocation.projectId, allocation]));
  const violations = checkTargets(adjustments, (id) => byId.has(id));
  adjustments.forEach((adjustment, index) => {
    const finalist = byId.get(adjustment.projectId);
    if (!finalist) return;
    if ((current.get(adjustment.projectId)?.gradeCode ?? null) === adjustment.gradeCode)
      violations.push({ code: 'ADJUSTMENT_NO_CHANGE', path: `/adjustments/${index}/gradeCode` });
    else if (adjustment.gradeCode !== null && !categoriesForTrack(finalist.trackCode).includes(finalist.categoryCode))
      violations.push({
        code: 'AWARD_CATEGORY_NOT_FOR_TRACK',
        ruleId: 'R-CAT-1',
        path: `/adjustments/${index}/gradeCode`,
        params: { track: finalist.trackCode, awardCategory: awardCategoryFor(finalist.categoryCode) },
      });
  });
  if (violations.length > 0) return { allocations: [...allocations], violations };
  const result = new Map(current);
  for (const adjustment of adjustments) {
    const finalist = byId.get(adjustment.projectId)!;
    if (adjustment.gradeCode === null) result.delete(adjustment.projectId);
    else
      result.set(adjustment.projectId, {
        projectId: finalist.projectId,
        trackCode: finalist.trackCode,
        awardCategoryCode: awardCategoryFor(finalist.categoryCode),
        gradeCode: adjustment.gradeCode,
        rank: finalist.rank,
        result: finalist.result,
      });
  }
  return { allocations: [...result.values()], violations };
}
