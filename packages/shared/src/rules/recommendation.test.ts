import { describe, expect, it } from 'vitest';
import { nationalShortlist } from './recommendation.js';

describe('national recommendation shortlist (R-PROJ-1)', () => {
  it('keeps product-innovation winners and complete modeling winners only', () => {
    const { eligible, excluded } = nationalShortlist([
      {
        projectId: 'product-first',
        categoryCode: 'data_product',
        gradeCode: 'first',
        completeBeforeNationalFinal: false,
      },
      {
        projectId: 'component-honorable',
        categoryCode: 'public_component',
        gradeCode: 'honorable',
        completeBeforeNationalFinal: false,
      },
      {
        projectId: 'modeling-complete',
        categoryCode: 'modeling',
        gradeCode: 'second',
        completeBeforeNationalFinal: true,
      },
      {
        projectId: 'modeling-incomplete',
        categoryCode: 'modeling',
        gradeCode: 'first',
        completeBeforeNationalFinal: false,
      },
      { projectId: 'no-award', categoryCode: 'data_product', gradeCode: null, completeBeforeNationalFinal: true },
    ]);
    expect(eligible).toEqual(['product-first', 'component-honorable', 'modeling-complete']);
    expect(excluded.map((entry) => [entry.projectId, entry.violations[0]!.code, entry.violations[0]!.ruleId])).toEqual([
      ['modeling-incomplete', 'MODELING_NOT_COMPLETE_BEFORE_NATIONAL_FINAL', 'R-PROJ-1'],
      ['no-award', 'NOT_A_FINAL_WINNER', 'R-PROJ-1'],
    ]);
  });
});
