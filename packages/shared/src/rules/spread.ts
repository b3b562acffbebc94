import type { RoundStatus, SpreadMeasure, SpreadResolution } from '../domain/review.js';
import type { RuleViolation } from './violation.js';

/**
 * Score spread and its resolution (分差复评, issue 16.2).
 *
 * - A round may set a spread threshold on a measure of its choice: the range of a project's
 *   submitted totals (max − min) or their population standard deviation. The spread is taken on
 *   the raw totals (what the experts gave, before any normalization), and a project is flagged
 *   when it has at least 2 submitted totals and its spread is strictly above the threshold.
 * - An organizer sends a flagged project to a re-review (复评) by additional conflict-free experts
 *   while the round is open, or to a panel decision (合议) with a written reason and the panel's
 *   score once the round is open or closed. A project has at most one of each; a panel decision
 *   may follow a re-review (also when the re-review brought the spread back under the threshold).
 * - Final score rule: a re-reviewed project's result aggregates all its submitted totals, the
 *   original experts' and the additional ones', with its group's rule (trimmed mean or mean); a
 *   panel decision's score is the project's result, and the experts' aggregate is kept beside it.
 */

export interface SpreadSetting {
  measure: SpreadMeasure;
  /** null: the round flags nothing. */
  threshold: number | null;
}

/** Projects with fewer totals have no spread to speak of. */
export const SPREAD_MIN_SCORES = 2;

/** max − min, or the population standard deviation, of the totals (0 for fewer than 2), to 4 decimals. */
export function scoreSpread(totals: readonly number[], measure: SpreadMeasure): number {
  if (totals.length < SPREAD_MIN_SCORES) return 0;
  if (measure === 'range') return round4(Math.max(...totals) - Math.min(...totals));
  const mean = totals.reduce((sum, value) => sum + value, 0) / totals.length;
  return round4(Math.sqrt(totals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / totals.length));
}

/** The spread of the totals and whether it is strictly above the round's threshold. */
export function spreadFlag(totals: readonly number[], setting: SpreadSetting): { spread: number; flagged: boolean } {
  const spread = scoreSpread(totals, setting.measure);
  const flagged = setting.threshold !== null && totals.length >= SPREAD_MIN_SCORES && spread > setting.threshold;
  return { spread, flagged };
}

/** Spread and flag per project of a round's submitted totals. */
export function projectSpreads(
  scores: readonly { projectId: string; total: number }[],
  setting: SpreadSetting,
): Map<string, { spread: number; flagged: boolean }> {
  const totals = new Map<string, number[]>();
  for (const score of scores) totals.set(score.projectId, [...(totals.get(score.projectId) ?? []), score.total]);
  return new Map([...totals].map(([projectId, list]) => [projectId, spreadFlag(list, setting)]));
}

/**
 * Whether an organizer may resolve a project's spread this way now: a re-review needs an open
 * round and a flagged project; a panel decision needs a round that is open or closed and a
 * project that is flagged or was re-reviewed; neither twice.
 */
export function checkSpreadResolution(input: {
  kind: SpreadResolution;
  roundStatus: RoundStatus;
  flagged: boolean;
  done: readonly SpreadResolution[];
}): RuleViolation[] {
  const { kind, roundStatus, flagged, done } = input;
  if (done.includes(kind)) return [{ code: 'SPREAD_ALREADY_RESOLVED', params: { resolution: kind } }];
  if (done.includes('panel')) return [{ code: 'SPREAD_ALREADY_RESOLVED', params: { resolution: 'panel' } }];
  if (kind === 're_review' && roundStatus !== 'open')
    return [{ code: 'ROUND_NOT_OPEN', params: { status: roundStatus } }];
  if (kind === 'panel' && roundStatus === 'draft') return [{ code: 'ROUND_NOT_OPEN', params: { status: roundStatus } }];
  const eligible = flagged || (kind === 'panel' && done.includes('re_review'));
  return eligible ? [] : [{ code: 'PROJECT_NOT_FLAGGED' }];
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;
