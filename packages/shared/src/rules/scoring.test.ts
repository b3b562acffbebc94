import { describe, expect, it } from 'vitest';
import {
  aggregateScores,
  checkRubric,
  checkScoreValues,
  median,
  normalizeByExpert,
  rankProjects,
  rankRound,
  selectAdvancing,
  trimmedMean,
  weightedTotal,
  type RubricCriterion,
  type ScoreEntry,
} from './scoring.js';

const rubric: RubricCriterion[] = [
  { code: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 30, maxScore: 10 },
  { code: 'data_value', nameZh: '数据要素价值', nameEn: 'Data-element value', weight: 25, maxScore: 10 },
  { code: 'feasibility', nameZh: '可行性', nameEn: 'Feasibility', weight: 20, maxScore: 10 },
  { code: 'benefit', nameZh: '效益', nameEn: 'Benefit', weight: 15, maxScore: 10 },
  { code: 'security', nameZh: '安全合规', nameEn: 'Security and compliance', weight: 10, maxScore: 10 },
];

const at = (minute: number) => new Date(Date.UTC(2024, 7, 20, 2, minute));
const scores = (projectId: string, totals: number[], lastMinute = 0): ScoreEntry[] =>
  totals.map((total, index) => ({
    projectId,
    expertId: `e${index}`,
    total,
    submittedAt: at(index === totals.length - 1 ? lastMinute : 0),
  }));

describe('rubric and weighted total', () => {
  it('weights each criterion by weight × score / max: 8,9,7,6,10 → 24 + 22.5 + 14 + 9 + 10 = 79.5', () => {
    expect(weightedTotal(rubric, { innovation: 8, data_value: 9, feasibility: 7, benefit: 6, security: 10 })).toBe(
      79.5,
    );
  });

  it('requires weights totalling 100 and unique codes', () => {
    expect(checkRubric(rubric)).toEqual([]);
    expect(checkRubric([...rubric.slice(0, 4), { ...rubric[0]! }]).map((v) => v.code)).toEqual([
      'RUBRIC_DUPLICATE_CRITERION',
      'RUBRIC_WEIGHTS_NOT_100',
    ]);
  });

  it('refuses a score above the criterion max and, on submit, a missing criterion', () => {
    expect(checkScoreValues(rubric, { innovation: 11 }, { complete: false }).map((v) => v.code)).toEqual([
      'SCORE_OUT_OF_RANGE',
    ]);
    expect(checkScoreValues(rubric, { innovation: 5 }, { complete: true })).toHaveLength(4);
    expect(checkScoreValues(rubric, { novelty: 5 }, { complete: false }).map((v) => v.code)).toContain(
      'SCORE_UNKNOWN_CRITERION',
    );
  });
});

describe('去掉一个最高分和一个最低分', () => {
  it('drops 90 and 60 of five totals: (70 + 80 + 85) / 3 = 78.3333', () => {
    expect(trimmedMean([90, 70, 85, 60, 80])).toEqual({ mean: 78.3333, kept: [70, 80, 85], trimmed: true });
  });

  it('averages all of four totals: (90 + 70 + 85 + 60) / 4 = 76.25', () => {
    expect(trimmedMean([90, 70, 85, 60])).toEqual({ mean: 76.25, kept: [60, 70, 85, 90], trimmed: false });
  });

  it('drops only one of equal extremes: 7 totals 50,50,60,70,80,90,90 → (50+60+70+80+90)/5 = 70', () => {
    expect(trimmedMean([90, 50, 60, 90, 70, 80, 50]).mean).toBe(70);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([90, 70, 85, 60, 80])).toBe(80);
    expect(median([90, 70, 85, 60])).toBe(77.5);
  });
});

describe('ranking and tie-break', () => {
  it('orders equal results by median, then count, then earlier last submission, then id', () => {
    const aggregates = aggregateScores([
      ...scores('A', [80, 80, 80], 30), // mean 80, median 80, 3 scores, last at :30
      ...scores('B', [70, 80, 90], 10), // mean 80, median 80, 3 scores, last at :10
      ...scores('C', [75, 80, 85, 80]), // mean 80, median 80, 4 scores
      ...scores('E', [70, 85, 85]), // mean 80, median 85
      ...scores('F', [60, 60, 60]), // mean 60
    ]);
    const ranking = rankProjects(aggregates, () => 'society|modeling').get('society|modeling')!;
    expect(ranking.map((entry) => [entry.projectId, entry.rank])).toEqual([
      ['E', 1],
      ['C', 2],
      ['B', 3],
      ['A', 4],
      ['F', 5],
    ]);
  });

  it('ranks separately per track × category', () => {
    const aggregates = aggregateScores([...scores('A', [60]), ...scores('B', [70]), ...scores('C', [90])]);
    const ranking = rankProjects(aggregates, (id) => (id === 'C' ? 'university|modeling' : 'society|modeling'));
    expect([...ranking.keys()]).toEqual(['society|modeling', 'university|modeling']);
    expect(ranking.get('society|modeling')!.map((entry) => entry.projectId)).toEqual(['B', 'A']);
    expect(ranking.get('university|modeling')![0]!.rank).toBe(1);
  });

  it('advances the top K of each group or everyone at or above a threshold', () => {
    const ranking = rankProjects(
      aggregateScores([...scores('A', [60]), ...scores('B', [70]), ...scores('C', [90])]),
      (id) => (id === 'C' ? 'u' : 's'),
    );
    expect(
      selectAdvancing(ranking, { topK: 1 })
        .map((entry) => entry.projectId)
        .sort(),
    ).toEqual(['B', 'C']);
    expect(
      selectAdvancing(ranking, { threshold: 65 })
        .map((entry) => entry.projectId)
        .sort(),
    ).toEqual(['B', 'C']);
  });
});

describe('one aggregation rule per group', () => {
  it('trims every project of a group only when each has at least 5 scores', () => {
    // A keeps 5 reviewers, B lost one to a conflict: both are averaged, neither trimmed.
    const { ranked, rules } = rankRound(
      [...scores('A', [100, 65, 80, 30, 89]), ...scores('B', [90, 70, 85, 60])],
      () => 'society|modeling',
    );
    expect(rules.get('society|modeling')).toEqual({
      method: 'mean',
      normalize: false,
      confidenceWeighted: false,
      minScores: 4,
    });
    expect(ranked.get('society|modeling')!.map((entry) => [entry.projectId, entry.result, entry.trimmed])).toEqual([
      ['B', 76.25, false],
      ['A', 72.8, false],
    ]);
  });

  it('trims in a group where every project has 5 scores, independently of another group', () => {
    const { ranked, rules } = rankRound(
      [...scores('A', [100, 65, 80, 30, 89]), ...scores('B', [90, 70, 85, 60, 75]), ...scores('C', [50, 60])],
      (id) => (id === 'C' ? 'university|modeling' : 'society|modeling'),
    );
    expect(rules.get('society|modeling')!.method).toBe('trimmed_mean');
    expect(rules.get('university|modeling')).toEqual({
      method: 'mean',
      normalize: false,
      confidenceWeighted: false,
      minScores: 2,
    });
    expect(ranked.get('society|modeling')!.map((entry) => [entry.projectId, entry.result])).toEqual([
      ['A', 78],
      ['B', 76.6667],
    ]);
  });
});

describe('z-score normalization per expert', () => {
  it('puts a lenient and a strict expert on the same scale', () => {
    // X: 90, 80 (mean 85, sd 5); Y: 70, 60 (mean 65, sd 5); pool: mean 75, sd √125 = 11.1803.
    const entries: ScoreEntry[] = [
      { projectId: 'P1', expertId: 'X', total: 90, submittedAt: at(0) },
      { projectId: 'P2', expertId: 'X', total: 80, submittedAt: at(0) },
      { projectId: 'P1', expertId: 'Y', total: 70, submittedAt: at(0) },
      { projectId: 'P2', expertId: 'Y', total: 60, submittedAt: at(0) },
    ];
    expect(normalizeByExpert(entries).map((entry) => entry.total)).toEqual([86.1803, 63.8197, 86.1803, 63.8197]);
    const aggregates = aggregateScores(entries, { normalize: true });
    expect(aggregates.map((aggregate) => [aggregate.projectId, aggregate.result])).toEqual([
      ['P1', 86.1803],
      ['P2', 63.8197],
    ]);
  });
});
