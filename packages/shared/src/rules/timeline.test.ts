import { describe, expect, it } from 'vitest';
import { checkCollectionOpen, checkStageOrder, currentStage, nextStage, type StageWindow } from './timeline.js';

const at = (iso: string) => new Date(iso);
const stages: StageWindow[] = [
  { code: 'collection', startsAt: at('2024-06-24T00:00:00+08:00'), endsAt: at('2024-08-16T00:00:00+08:00') },
  { code: 'preliminary', startsAt: at('2024-08-16T00:00:00+08:00'), endsAt: at('2024-09-01T00:00:00+08:00') },
  { code: 'final', startsAt: at('2024-09-01T00:00:00+08:00'), endsAt: at('2024-10-01T00:00:00+08:00') },
  { code: 'promotion', startsAt: at('2024-10-01T00:00:00+08:00'), endsAt: null },
];

describe('the stage open at a time (R-TIME-1)', () => {
  it('is collection until the last second of 2024-08-15 in Asia/Shanghai', () => {
    expect(currentStage(stages, at('2024-08-15T23:59:59+08:00'))?.code).toBe('collection');
    expect(currentStage(stages, at('2024-08-16T00:00:00+08:00'))?.code).toBe('preliminary');
  });

  it('is none before the first stage, and promotion is open-ended', () => {
    expect(currentStage(stages, at('2024-01-01T00:00:00+08:00'))).toBeNull();
    expect(nextStage(stages, at('2024-01-01T00:00:00+08:00'))?.code).toBe('collection');
    expect(currentStage(stages, at('2030-01-01T00:00:00+08:00'))?.code).toBe('promotion');
  });

  it('accepts submissions during collection and refuses them after, naming the stage', () => {
    expect(checkCollectionOpen(stages, at('2024-07-01T12:00:00+08:00'))).toEqual([]);
    expect(checkCollectionOpen(stages, at('2024-08-20T12:00:00+08:00'))).toEqual([
      { code: 'COLLECTION_CLOSED', ruleId: 'R-TIME-1', params: { stage: 'preliminary' } },
    ]);
  });
});

describe('stage dates', () => {
  it('accepts the 2024 timeline', () => {
    expect(checkStageOrder(stages)).toEqual([]);
  });

  it('refuses a stage that ends before it starts and overlapping stages', () => {
    const broken: StageWindow[] = [
      { code: 'collection', startsAt: at('2024-08-01T00:00:00Z'), endsAt: at('2024-07-01T00:00:00Z') },
      { code: 'preliminary', startsAt: at('2024-07-15T00:00:00Z'), endsAt: null },
      { code: 'final', startsAt: at('2024-09-01T00:00:00Z'), endsAt: null },
    ];
    expect(checkStageOrder(broken).map((v) => v.code)).toEqual(['STAGE_ENDS_BEFORE_START', 'STAGES_OVERLAP']);
  });
});
