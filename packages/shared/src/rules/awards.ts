import {
  AWARD_CATEGORY_FOR,
  GRADE_CODES,
  type AwardCategoryCode,
  type CategoryCode,
  type GradeCode,
  type TrackCode,
} from '../domain/competition.js';
import { categoriesForTrack } from './category.js';
import type { RuleViolation } from './violation.js';

/**
 * Award allocation after the final (SPEC §2 grades, §6 outcomes): per track × award category,
 * the ranked projects get 一等奖, then 二等奖, 三等奖 and 优胜奖 in order, never more than the
 * organizers' quota of each grade. R-CAT-1: the university track has no 公共组件奖.
 */

export interface AwardQuota {
  trackCode: TrackCode;
  awardCategoryCode: AwardCategoryCode;
  gradeCode: GradeCode;
  quota: number;
}

export interface RankedFinalist {
  projectId: string;
  trackCode: TrackCode;
  categoryCode: CategoryCode;
  /** 1-based rank inside its track × category (see rules/scoring.ts). */
  rank: number;
  result: number;
}

export interface AwardAllocation {
  projectId: string;
  trackCode: TrackCode;
  awardCategoryCode: AwardCategoryCode;
  gradeCode: GradeCode;
  rank: number;
  result: number;
}

/** The award category that recognises a category. */
export function awardCategoryFor(category: CategoryCode): AwardCategoryCode {
  const entry = (Object.entries(AWARD_CATEGORY_FOR) as [AwardCategoryCode, CategoryCode][]).find(
    ([, value]) => value === category,
  );
  return entry![0];
}

/** R-CAT-1: no quota for an award category the track cannot enter; quotas are non-negative integers. */
export function checkQuotas(quotas: readonly AwardQuota[]): RuleViolation[] {
  const violations: RuleViolation[] = [];
  quotas.forEach((quota, index) => {
    if (!categoriesForTrack(quota.trackCode).includes(AWARD_CATEGORY_FOR[quota.awardCategoryCode])) {
      violations.push({
        code: 'AWARD_CATEGORY_NOT_FOR_TRACK',
        ruleId: 'R-CAT-1',
        path: `/quotas/${index}/awardCategoryCode`,
        params: { track: quota.trackCode, awardCategory: quota.awardCategoryCode },
      });
    }
    if (!Number.isInteger(quota.quota) || quota.quota < 0) {
      violations.push({ code: 'AWARD_QUOTA_INVALID', path: `/quotas/${index}/quota`, params: { quota: quota.quota } });
    }
  });
  return violations;
}

/**
 * Grades in rank order within each track × award category; a grade's quota is never exceeded
 * and projects past the sum of the quotas get nothing. Projects in a category their track
 * cannot enter (R-CAT-1) are skipped.
 */
export function allocateAwards(finalists: readonly RankedFinalist[], quotas: readonly AwardQuota[]): AwardAllocation[] {
  const quotaOf = (track: TrackCode, award: AwardCategoryCode, grade: GradeCode) =>
    quotas.find((quota) => quota.trackCode === track && quota.awardCategoryCode === award && quota.gradeCode === grade)
      ?.quota ?? 0;
  const groups = new Map<string, RankedFinalist[]>();
  for (const finalist of finalists) {
    if (!categoriesForTrack(finalist.trackCode).includes(finalist.categoryCode)) continue;
    const key = `${finalist.trackCode}|${finalist.categoryCode}`;
    const list = groups.get(key) ?? [];
    list.push(finalist);
    groups.set(key, list);
  }
  const allocations: AwardAllocation[] = [];
  for (const list of groups.values()) {
    const ordered = [...list].sort((a, b) => a.rank - b.rank || (a.projectId < b.projectId ? -1 : 1));
    const { trackCode, categoryCode } = ordered[0]!;
    const awardCategoryCode = awardCategoryFor(categoryCode);
    let next = 0;
    for (const gradeCode of GRADE_CODES) {
      const quota = quotaOf(trackCode, awardCategoryCode, gradeCode);
      for (let given = 0; given < quota && next < ordered.length; given++, next++) {
        const finalist = ordered[next]!;
        allocations.push({
          projectId: finalist.projectId,
          trackCode,
          awardCategoryCode,
          gradeCode,
          rank: finalist.rank,
          result: finalist.result,
        });
      }
    }
  }
  return allocations;
}

/** Violations when allocations exceed a quota (used to re-check before saving). */
export function checkAllocationWithinQuotas(
  allocations: readonly AwardAllocation[],
  quotas: readonly AwardQuota[],
): RuleViolation[] {
  const counts = new Map<string, number>();
  for (const allocation of allocations) {
    const key = `${allocation.trackCode}|${allocation.awardCategoryCode}|${allocation.gradeCode}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const violations: RuleViolation[] = [];
  for (const [key, count] of counts) {
    const [trackCode, awardCategoryCode, gradeCode] = key.split('|') as [TrackCode, AwardCategoryCode, GradeCode];
    const quota =
      quotas.find(
        (entry) =>
          entry.trackCode === trackCode &&
          entry.awardCategoryCode === awardCategoryCode &&
          entry.gradeCode === gradeCode,
      )?.quota ?? 0;
    if (count > quota) {
      violations.push({
        code: 'AWARD_QUOTA_EXCEEDED',
        path: '/awards',
        params: { track: trackCode, awardCategory: awardCategoryCode, grade: gradeCode, quota },
      });
    }
  }
  return violations;
}
