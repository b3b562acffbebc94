import { describe, expect, it } from 'vitest';
import { ACTION_STAGES, STAGE_BOUND_ACTIONS, checkStageGate, checkStageOverride, roundAction } from './stage-gates.js';
import type { StageWindow } from './timeline.js';

// The 2024 Guangxi timeline, in the edition's time zone (Asia/Shanghai, +08:00).
const at = (iso: string) => new Date(iso);
const stages: StageWindow[] = [
  { code: 'collection', startsAt: at('2024-06-24T00:00:00+08:00'), endsAt: at('2024-08-16T00:00:00+08:00') },
  { code: 'preliminary', startsAt: at('2024-08-16T00:00:00+08:00'), endsAt: at('2024-09-01T00:00:00+08:00') },
  { code: 'final', startsAt: at('2024-09-01T00:00:00+08:00'), endsAt: at('2024-10-01T00:00:00+08:00') },
  { code: 'promotion', startsAt: at('2024-10-01T00:00:00+08:00'), endsAt: null },
];
const justBefore = (date: Date) => new Date(date.getTime() - 1);
const allowed = (action: (typeof STAGE_BOUND_ACTIONS)[number], now: Date) =>
  checkStageGate(stages, action, now).length === 0;

describe('stage gates (R-TIME-4)', () => {
  it.each(STAGE_BOUND_ACTIONS)('allows %s from the first instant of its stages to the last, not outside', (action) => {
    const windows = stages.filter((stage) => ACTION_STAGES[action].includes(stage.code));
    const first = windows[0]!;
    const last = windows.at(-1)!;
    expect(allowed(action, justBefore(first.startsAt))).toBe(false);
    expect(allowed(action, first.startsAt)).toBe(true);
    if (last.endsAt) {
      expect(allowed(action, justBefore(last.endsAt))).toBe(true);
      expect(allowed(action, last.endsAt)).toBe(false);
    }
  });

  it('refuses opening the preliminary on 2024-08-10 while collection is open until 08-16', () => {
    expect(checkStageGate(stages, 'open_preliminary', at('2024-08-10T10:00:00+08:00'))).toEqual([
      {
        code: 'STAGE_GATE_CLOSED',
        ruleId: 'R-TIME-4',
        params: { action: 'open_preliminary', stage: 'collection', allowed: 'preliminary' },
      },
    ]);
  });

  it('refuses opening the final and publishing during the preliminary (2024-08-20)', () => {
    const during = at('2024-08-20T10:00:00+08:00');
    expect(allowed('open_final', during)).toBe(false);
    expect(allowed('publish_results', during)).toBe(false);
    expect(allowed('allocate_awards', during)).toBe(false);
  });

  it('names no stage before the timeline starts', () => {
    expect(checkStageGate(stages, 'advance', at('2024-01-01T00:00:00+08:00'))[0]?.params?.stage).toBe('none');
  });

  it('maps opening and closing a round to its action', () => {
    expect(roundAction('preliminary', 'open')).toBe('open_preliminary');
    expect(roundAction('final', 'closed')).toBe('close_final');
  });

  it('asks an override for a reason', () => {
    expect(checkStageOverride({ override: true, reason: '  ' })).toEqual([
      { code: 'OVERRIDE_REASON_REQUIRED', ruleId: 'R-TIME-4', path: '/reason' },
    ]);
    expect(checkStageOverride({ override: true, reason: '专家委员会决定提前' })).toEqual([]);
    expect(checkStageOverride({})).toEqual([]);
  });
});
