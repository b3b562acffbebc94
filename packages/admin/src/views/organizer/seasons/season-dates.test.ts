import { describe, expect, it } from 'vitest';
import { nextCode, nextName, shiftWallTime, stageWindows, timelineViolations, type StageDraft } from './season-dates';

const stage = (code: StageDraft['code'], startsAt: string, endsAt: string | null): StageDraft => ({
  code,
  nameZh: code,
  nameEn: code,
  startsAt,
  endsAt,
});

const timeline2025 = () => [
  stage('collection', '2025-06-24 00:00:00', '2025-08-16 00:00:00'),
  stage('preliminary', '2025-08-16 00:00:00', '2025-09-01 00:00:00'),
  stage('final', '2025-09-01 00:00:00', '2025-10-01 00:00:00'),
  stage('promotion', '2025-10-01 00:00:00', null),
];

describe('the dates of the next season', () => {
  it('moves a wall-clock time by whole years, a 29 February to the 28th in a common year', () => {
    expect(shiftWallTime('2024-07-15 10:00:00', 1)).toBe('2025-07-15 10:00:00');
    expect(shiftWallTime('2024-02-29 09:30:00', 1)).toBe('2025-02-28 09:30:00');
    expect(shiftWallTime('2024-02-29 09:30:00', 4)).toBe('2028-02-29 09:30:00');
    expect(shiftWallTime('2025-03-01 00:00:00', -1)).toBe('2024-03-01 00:00:00');
  });

  it("reads the wall-clock times in the edition's zone, whatever the browser's", () => {
    const [collection] = stageWindows(timeline2025(), 'Asia/Shanghai');
    expect(collection!.startsAt.toISOString()).toBe('2025-06-23T16:00:00.000Z');
    expect(stageWindows(timeline2025(), 'Asia/Shanghai').at(-1)!.endsAt).toBeNull();
  });

  it('accepts stages in order and names the overlap or the missing start otherwise (R-TIME-1)', () => {
    expect(timelineViolations(timeline2025(), 'Asia/Shanghai')).toEqual([]);
    const overlapping = timeline2025();
    overlapping[0]!.endsAt = '2025-08-20 00:00:00';
    expect(timelineViolations(overlapping, 'Asia/Shanghai')).toEqual([
      expect.objectContaining({ code: 'STAGES_OVERLAP', params: { stage: 'preliminary', previous: 'collection' } }),
    ]);
    const missing = timeline2025();
    missing[2]!.startsAt = '';
    expect(timelineViolations(missing, 'Asia/Shanghai')).toEqual([
      { code: 'STAGES_INCOMPLETE', params: { stages: 'final' } },
    ]);
  });

  it('suggests the code and name of the new year from the source', () => {
    expect(nextCode('2024-guangxi', 2025)).toBe('2025-guangxi');
    expect(nextName('2024年"数据要素×"大赛广西分赛', 2024, 2025)).toBe('2025年"数据要素×"大赛广西分赛');
  });
});
