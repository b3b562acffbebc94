import { describe, expect, it } from 'vitest';
import { rankRound, type ScoreEntry } from './scoring.js';
import { checkSpreadResolution, projectSpreads, scoreSpread, spreadFlag } from './spread.js';

const at = new Date(Date.UTC(2024, 7, 20, 2, 0));
const scores = (projectId: string, totals: number[], firstExpert = 0): ScoreEntry[] =>
  totals.map((total, index) => ({ projectId, expertId: `e${firstExpert + index}`, total, submittedAt: at }));

describe('score spread (分差)', () => {
  it('measures the range as max − min and the sd as the population standard deviation', () => {
    expect(scoreSpread([70, 90, 80], 'range')).toBe(20);
    // mean 80, squared deviations 100 + 100 + 0 → variance 200/3 → sd 8.1650
    expect(scoreSpread([70, 90, 80], 'sd')).toBe(8.165);
    expect(scoreSpread([60, 60, 60, 60], 'sd')).toBe(0);
  });

  it('has no spread below 2 totals and flags nothing without a threshold', () => {
    expect(spreadFlag([95], { measure: 'range', threshold: 1 })).toEqual({ spread: 0, flagged: false });
    expect(spreadFlag([40, 95], { measure: 'range', threshold: null })).toEqual({ spread: 55, flagged: false });
  });

  it('flags strictly above the threshold', () => {
    expect(spreadFlag([70, 90], { measure: 'range', threshold: 20 }).flagged).toBe(false);
    expect(spreadFlag([70, 90.5], { measure: 'range', threshold: 20 }).flagged).toBe(true);
    expect(spreadFlag([70, 90], { measure: 'sd', threshold: 9.99 }).flagged).toBe(true);
    expect(spreadFlag([70, 90], { measure: 'sd', threshold: 10 }).flagged).toBe(false);
  });

  it('computes the flag per project', () => {
    const spreads = projectSpreads([...scores('a', [60, 90]), ...scores('b', [80, 82])], {
      measure: 'range',
      threshold: 15,
    });
    expect(spreads.get('a')).toEqual({ spread: 30, flagged: true });
    expect(spreads.get('b')).toEqual({ spread: 2, flagged: false });
  });
});

describe('resolving a flagged project', () => {
  it('sends a flagged project to re-review only while the round is open', () => {
    expect(checkSpreadResolution({ kind: 're_review', roundStatus: 'open', flagged: true, done: [] })).toEqual([]);
    expect(
      checkSpreadResolution({ kind: 're_review', roundStatus: 'closed', flagged: true, done: [] }).map((v) => v.code),
    ).toEqual(['ROUND_NOT_OPEN']);
  });

  it('refuses a project that is not flagged', () => {
    expect(
      checkSpreadResolution({ kind: 're_review', roundStatus: 'open', flagged: false, done: [] }).map((v) => v.code),
    ).toEqual(['PROJECT_NOT_FLAGGED']);
    expect(
      checkSpreadResolution({ kind: 'panel', roundStatus: 'closed', flagged: false, done: [] }).map((v) => v.code),
    ).toEqual(['PROJECT_NOT_FLAGGED']);
  });

  it('lets a panel decide after a re-review, even when the spread has come down, and after the round closed', () => {
    expect(
      checkSpreadResolution({ kind: 'panel', roundStatus: 'closed', flagged: false, done: ['re_review'] }),
    ).toEqual([]);
    expect(
      checkSpreadResolution({ kind: 'panel', roundStatus: 'draft', flagged: true, done: [] }).map((v) => v.code),
    ).toEqual(['ROUND_NOT_OPEN']);
  });

  it('never resolves twice the same way, nor re-reviews after a panel decision', () => {
    expect(
      checkSpreadResolution({ kind: 're_review', roundStatus: 'open', flagged: true, done: ['re_review'] }),
    ).toEqual([{ code: 'SPREAD_ALREADY_RESOLVED', params: { resolution: 're_review' } }]);
    expect(checkSpreadResolution({ kind: 're_review', roundStatus: 'open', flagged: true, done: ['panel'] })).toEqual([
      { code: 'SPREAD_ALREADY_RESOLVED', params: { resolution: 'panel' } },
    ]);
    expect(
      checkSpreadResolution({ kind: 'panel', roundStatus: 'open', flagged: true, done: ['panel'] }).map((v) => v.code),
    ).toEqual(['SPREAD_ALREADY_RESOLVED']);
  });
});

describe('final score of resolved projects', () => {
  const group = () => 'g';

  it('aggregates a re-reviewed project over the original and the additional totals with the group rule', () => {
    // 5 original totals + 2 re-review totals: trimmed mean drops one highest (95) and one lowest (40).
    const entries = [
      ...scores('a', [40, 70, 72, 74, 95]),
      ...scores('a', [71, 73], 10),
      ...scores('b', [60, 61, 62, 63, 64]),
    ];
    const { ranked, rules } = rankRound(entries, group);
    expect(rules.get('g')?.method).toBe('trimmed_mean');
    const a = ranked.get('g')!.find((entry) => entry.projectId === 'a')!;
    expect(a.count).toBe(7);
    expect(a.kept).toEqual([70, 71, 72, 73, 74]);
    expect(a.result).toBe(72);
    expect(a.panel).toBeUndefined();
  });

  it('takes a panel decision’s score as the result, keeping the experts’ aggregate beside it', () => {
    const entries = [...scores('a', [40, 95]), ...scores('b', [70, 72])];
    const { ranked } = rankRound(entries, group, { panelScores: new Map([['a', 80]]) });
    const [first, second] = ranked.get('g')!;
    expect(first).toMatchObject({ projectId: 'a', result: 80, panel: { scoredResult: 67.5 }, rank: 1 });
    expect(second).toMatchObject({ projectId: 'b', result: 71, rank: 2 });
    expect(second!.panel).toBeUndefined();
  });
});
