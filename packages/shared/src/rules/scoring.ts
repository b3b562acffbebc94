import type { AggregationMethod } from '../domain/review.js';
import { confidenceWeightedMean } from './confidence.js';
import type { RuleViolation } from './violation.js';

/**
 * Scoring of the preliminary and final reviews (SPEC §6).
 *
 * - A rubric criterion has a weight and a max score; an expert's total for a project is
 *   Σ weight × score / maxScore, so with weights summing to 100 the total is on a 0–100 scale.
 * - One aggregation rule per ranking group (track × category), so that projects compared with
 *   each other are aggregated alike: when every project of the group has at least 5 scores, each
 *   result drops the single highest and the single lowest total (去掉一个最高分和一个最低分) and
 *   averages the rest (`trimmed_mean`); when any project of the group has fewer (a reviewer lost
 *   to a conflict, a withdrawal or a disabled account), every project of the group averages all
 *   its totals (`mean`). The rule is returned with each group and each result.
 * - Optional z-score normalization per expert: each total becomes
 *   poolMean + poolSd × (total − expertMean) / expertSd, computed over the round (an expert
 *   with a single score or no spread keeps z = 0, i.e. the pool mean).
 * - Ties are broken by: higher result → higher median → more scores → earlier last submission
 *   → smaller project id. The order is therefore total and ranks are unique.
 */

export interface RubricCriterion {
  code: string;
  nameZh: string;
  nameEn: string;
  weight: number;
  maxScore: number;
}

/** Total weights must be 100, codes unique, weights and max scores positive. */
export function checkRubric(criteria: readonly RubricCriterion[]): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (criteria.length === 0) violations.push({ code: 'RUBRIC_EMPTY', path: '/criteria' });
  const seen = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (seen.has(criterion.code)) {
      violations.push({
        code: 'RUBRIC_DUPLICATE_CRITERION',
        path: `/criteria/${index}/code`,
        params: { criterion: criterion.code },
      });
    }
    seen.add(criterion.code);
  });
  const weights = round6(criteria.reduce((sum, criterion) => sum + criterion.weight, 0));
  if (criteria.length > 0 && weights !== 100) {
    violations.push({ code: 'RUBRIC_WEIGHTS_NOT_100', path: '/criteria', params: { total: weights } });
  }
  return violations;
}

/** Every criterion scored, within [0, maxScore], no unknown criterion (for submission; drafts may be partial). */
export function checkScoreValues(
  criteria: readonly RubricCriterion[],
  values: Readonly<Record<string, number>>,
  options: { complete: boolean },
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const known = new Set(criteria.map((criterion) => criterion.code));
  for (const code of Object.keys(values)) {
    if (!known.has(code))
      violations.push({ code: 'SCORE_UNKNOWN_CRITERION', path: `/values/${code}`, params: { criterion: code } });
  }
  for (const criterion of criteria) {
    const value = values[criterion.code];
    if (value === undefined) {
      if (options.complete)
        violations.push({
          code: 'SCORE_CRITERION_MISSING',
          path: `/values/${criterion.code}`,
          params: { criterion: criterion.nameZh, criterionEn: criterion.nameEn },
        });
    } else if (!(value >= 0 && value <= criterion.maxScore)) {
      violations.push({
        code: 'SCORE_OUT_OF_RANGE',
        path: `/values/${criterion.code}`,
        params: { criterion: criterion.nameZh, criterionEn: criterion.nameEn, max: criterion.maxScore },
      });
    }
  }
  return violations;
}

/** Σ weight × value / maxScore over the scored criteria, rounded to 4 decimals. */
export function weightedTotal(criteria: readonly RubricCriterion[], values: Readonly<Record<string, number>>): number {
  const total = criteria.reduce((sum, criterion) => {
    const value = values[criterion.code];
    return value === undefined ? sum : sum + (criterion.weight * value) / criterion.maxScore;
  }, 0);
  return round4(total);
}

export interface ScoreEntry {
  projectId: string;
  expertId: string;
  total: number;
  submittedAt: Date;
  /** The expert's confidence (SCORE_CONFIDENCES); weighs the total when the round says so. */
  confidence?: number | null;
}

export interface ProjectAggregate {
  projectId: string;
  /** Trimmed mean (≥ 5 scores) or plain mean, of raw or normalized totals, confidence-weighted when asked. */
  result: number;
  median: number;
  count: number;
  trimmed: boolean;
  /** The totals that entered the result, highest and lowest dropped when trimmed. */
  kept: number[];
  lastSubmittedAt: Date;
  /** A panel decision (合议) gave the result; `scoredResult` is what the experts' totals aggregate to. */
  panel?: { scoredResult: number };
}

export const TRIM_THRESHOLD = 5;

/**
 * 去掉一个最高分和一个最低分, then the mean; `trim` says whether to drop them (by default: when
 * there are at least 5 totals). Fewer than 3 totals are never trimmed.
 */
export function trimmedMean(
  totals: readonly number[],
  trim: boolean = totals.length >= TRIM_THRESHOLD,
): { mean: number; kept: number[]; trimmed: boolean } {
  if (totals.length === 0) return { mean: 0, kept: [], trimmed: false };
  const sorted = [...totals].sort((a, b) => a - b);
  const trimmed = trim && sorted.length >= 3;
  const kept = trimmed ? sorted.slice(1, -1) : sorted;
  return { mean: round4(kept.reduce((sum, value) => sum + value, 0) / kept.length), kept, trimmed };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return round4(sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2);
}

/**
 * Per-expert z-score normalization, rescaled to the pool's mean and standard deviation
 * (population sd) so results stay on the rubric's scale.
 */
export function normalizeByExpert(scores: readonly ScoreEntry[]): ScoreEntry[] {
  if (scores.length === 0) return [];
  const stats = (values: number[]) => {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
    return { mean, sd };
  };
  const pool = stats(scores.map((score) => score.total));
  const byExpert = new Map<string, number[]>();
  for (const score of scores) {
    const list = byExpert.get(score.expertId) ?? [];
    list.push(score.total);
    byExpert.set(score.expertId, list);
  }
  const expertStats = new Map([...byExpert].map(([expertId, totals]) => [expertId, stats(totals)]));
  return scores.map((score) => {
    const { mean, sd } = expertStats.get(score.expertId)!;
    const z = sd > 1e-9 ? (score.total - mean) / sd : 0;
    return { ...score, total: round4(pool.mean + pool.sd * z) };
  });
}

/**
 * One aggregate per project of the scores given; `trim` decides per project whether the
 * highest and lowest are dropped (by default: when it has at least 5 scores).
 */
export function aggregateScores(
  scores: readonly ScoreEntry[],
  options: {
    normalize?: boolean;
    trim?: (projectId: string, count: number) => boolean;
    /** Weigh each kept total by its expert's confidence (see confidenceWeightedMean). */
    weightByConfidence?: boolean;
  } = {},
): ProjectAggregate[] {
  const entries = options.normalize ? normalizeByExpert(scores) : scores;
  const byProject = new Map<string, ScoreEntry[]>();
  for (const entry of entries) {
    const list = byProject.get(entry.projectId) ?? [];
    list.push(entry);
    byProject.set(entry.projectId, list);
  }
  return [...byProject].map(([projectId, list]) => {
    const totals = list.map((entry) => entry.total);
    const { mean, kept, trimmed } = trimmedMean(totals, options.trim?.(projectId, totals.length));
    // The same totals are dropped as in the plain mean (one highest, one lowest), then weighted.
    const sorted = [...list].sort((a, b) => a.total - b.total);
    const result = options.weightByConfidence ? confidenceWeightedMean(trimmed ? sorted.slice(1, -1) : sorted) : mean;
    return {
      projectId,
      result,
      median: median(totals),
      count: list.length,
      trimmed,
      kept,
      lastSubmittedAt: new Date(Math.max(...list.map((entry) => entry.submittedAt.getTime()))),
    };
  });
}

/** The documented tie-break order: negative when `a` ranks before `b`. */
export function compareAggregates(a: ProjectAggregate, b: ProjectAggregate): number {
  return (
    b.result - a.result ||
    b.median - a.median ||
    b.count - a.count ||
    a.lastSubmittedAt.getTime() - b.lastSubmittedAt.getTime() ||
    (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0)
  );
}

export interface RankedProject extends ProjectAggregate {
  group: string;
  rank: number;
}

/**
 * Rankings per group (the API groups by track × category). Projects without any score are
 * not ranked.
 */
export function rankProjects(
  aggregates: readonly ProjectAggregate[],
  groupOf: (projectId: string) => string,
): Map<string, RankedProject[]> {
  const groups = new Map<string, ProjectAggregate[]>();
  for (const aggregate of aggregates) {
    const group = groupOf(aggregate.projectId);
    const list = groups.get(group) ?? [];
    list.push(aggregate);
    groups.set(group, list);
  }
  const ranked = new Map<string, RankedProject[]>();
  for (const [group, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    ranked.set(
      group,
      [...list].sort(compareAggregates).map((aggregate, index) => ({ ...aggregate, group, rank: index + 1 })),
    );
  }
  return ranked;
}

/** How the results of one ranking group were aggregated. */
export interface AggregationRule {
  method: AggregationMethod;
  normalize: boolean;
  /** Each kept total weighed by its expert's confidence (the round's `confidenceWeighting`). */
  confidenceWeighted: boolean;
  /** The fewest scores any project of the group has. */
  minScores: number;
}

/** One rule for the whole group: trim only when every project of it has at least 5 scores. */
export function groupAggregationRule(
  counts: readonly number[],
  normalize: boolean,
  confidenceWeighted = false,
): AggregationRule {
  const minScores = counts.length === 0 ? 0 : Math.min(...counts);
  return { method: minScores >= TRIM_THRESHOLD ? 'trimmed_mean' : 'mean', normalize, confidenceWeighted, minScores };
}

/**
 * Ranks a round: groups the projects (the API groups by track × category), fixes one
 * aggregation rule per group (see {@link groupAggregationRule}; with `confidenceWeighting`, each
 * kept total weighs its expert's confidence), aggregates and ranks. A panel
 * decision's score (合议, `panelScores` by project) replaces the project's aggregate as its
 * result; the aggregate is kept as `panel.scoredResult` (see rules/spread.ts).
 */
export function rankRound(
  scores: readonly ScoreEntry[],
  groupOf: (projectId: string) => string,
  options: { normalize?: boolean; confidenceWeighting?: boolean; panelScores?: ReadonlyMap<string, number> } = {},
): { ranked: Map<string, RankedProject[]>; rules: Map<string, AggregationRule> } {
  const counts = new Map<string, number>();
  for (const score of scores) counts.set(score.projectId, (counts.get(score.projectId) ?? 0) + 1);
  const countsByGroup = new Map<string, number[]>();
  for (const [projectId, count] of counts) {
    const group = groupOf(projectId);
    countsByGroup.set(group, [...(countsByGroup.get(group) ?? []), count]);
  }
  const normalize = options.normalize ?? false;
  const weighted = options.confidenceWeighting ?? false;
  const rules = new Map(
    [...countsByGroup].map(([group, list]) => [group, groupAggregationRule(list, normalize, weighted)]),
  );
  const aggregates = aggregateScores(scores, {
    normalize,
    weightByConfidence: weighted,
    trim: (projectId) => rules.get(groupOf(projectId))?.method === 'trimmed_mean',
  }).map((aggregate) => {
    const panelScore = options.panelScores?.get(aggregate.projectId);
    return panelScore === undefined
      ? aggregate
      : { ...aggregate, result: panelScore, panel: { scoredResult: aggregate.result } };
  });
  return { ranked: rankProjects(aggregates, groupOf), rules };
}

/** Advancement to the final: the top K of each group, or every project at or above a threshold. */
export function selectAdvancing<Project extends Pick<RankedProject, 'rank' | 'result'>>(
  rankings: ReadonlyMap<string, readonly Project[]>,
  rule: { topK: number } | { threshold: number },
): Project[] {
  const selected: Project[] = [];
  for (const list of rankings.values()) {
    selected.push(
      ...list.filter((project) => ('topK' in rule ? project.rank <= rule.topK : project.result >= rule.threshold)),
    );
  }
  return selected;
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
