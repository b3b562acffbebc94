import { describe, expect, it } from 'vitest';
import {
  allocateAwards,
  checkAllocationWithinQuotas,
  checkQuotas,
  type AwardQuota,
  type RankedFinalist,
} from './awards.js';

const quotas: AwardQuota[] = [
  { trackCode: 'society', awardCategoryCode: 'modeling_award', gradeCode: 'first', quota: 1 },
  { trackCode: 'society', awardCategoryCode: 'modeling_award', gradeCode: 'second', quota: 1 },
  { trackCode: 'society', awardCategoryCode: 'modeling_award', gradeCode: 'third', quota: 2 },
  { trackCode: 'university', awardCategoryCode: 'modeling_award', gradeCode: 'first', quota: 1 },
];

const finalist = (
  projectId: string,
  rank: number,
  trackCode: RankedFinalist['trackCode'] = 'society',
): RankedFinalist => ({
  projectId,
  trackCode,
  categoryCode: 'modeling',
  rank,
  result: 100 - rank,
});

describe('award allocation with quotas', () => {
  it('gives grades in rank order and nothing past the quotas: 1 first, 1 second, 2 third of 5', () => {
    const allocations = allocateAwards(
      [finalist('p5', 5), finalist('p1', 1), finalist('p3', 3), finalist('p2', 2), finalist('p4', 4)],
      quotas,
    );
    expect(allocations.map((allocation) => [allocation.projectId, allocation.gradeCode])).toEqual([
      ['p1', 'first'],
      ['p2', 'second'],
      ['p3', 'third'],
      ['p4', 'third'],
    ]);
    expect(checkAllocationWithinQuotas(allocations, quotas)).toEqual([]);
  });

  it('allocates per track', () => {
    const allocations = allocateAwards([finalist('u1', 1, 'university'), finalist('u2', 2, 'university')], quotas);
    expect(allocations.map((allocation) => [allocation.projectId, allocation.gradeCode])).toEqual([['u1', 'first']]);
  });

  it('refuses a 公共组件奖 quota for the university track (R-CAT-1)', () => {
    const violations = checkQuotas([
      { trackCode: 'university', awardCategoryCode: 'component_award', gradeCode: 'first', quota: 1 },
    ]);
    expect(violations).toEqual([expect.objectContaining({ code: 'AWARD_CATEGORY_NOT_FOR_TRACK', ruleId: 'R-CAT-1' })]);
  });

  it('skips a university project in public_component (R-CAT-1)', () => {
    const allocations = allocateAwards(
      [{ projectId: 'x', trackCode: 'university', categoryCode: 'public_component', rank: 1, result: 90 }],
      [...quotas, { trackCode: 'university', awardCategoryCode: 'component_award', gradeCode: 'first', quota: 1 }],
    );
    expect(allocations).toEqual([]);
  });

  it('reports an allocation above its quota', () => {
    const allocations = allocateAwards([finalist('p1', 1), finalist('p2', 2)], [{ ...quotas[0]!, quota: 2 }]);
    expect(checkAllocationWithinQuotas(allocations, quotas).map((v) => v.code)).toEqual(['AWARD_QUOTA_EXCEEDED']);
  });
});
