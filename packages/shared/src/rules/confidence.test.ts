import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIDENCE, SCORE_CONFIDENCES, confidenceWeight, confidenceWeightedMean } from './confidence.js';
import { rankRound } from './scoring.js';

describe('confidence-weighted aggregation (issue 16.3)', () => {
  it('offers a 1–3 scale whose middle is the weight of a score without a confidence', () => {
    expect(SCORE_CONFIDENCES).toEqual([1, 2, 3]);
    expect(confidenceWeight(undefined)).toBe(DEFAULT_CONFIDENCE);
    expect(confidenceWeight(null)).toBe(2);
    expect(confidenceWeight(3)).toBe(3);
  });

  it('weights each total by its confidence', () => {
    // (3 × 90 + 1 × 50) / 4 = 80, where the plain mean is 70.
    expect(
      confidenceWeightedMean([
        { total: 90, confidence: 3 },
        { total: 50, confidence: 1 },
      ]),
    ).toBe(80);
  });

  it('gives the plain mean when every confidence is equal or missing', () => {
    expect(confidenceWeightedMean([{ total: 90, confidence: 2 }, { total: 50, confidence: 2 }, { total: 61 }])).toBe(
      67,
    );
    expect(confidenceWeightedMean([])).toBe(0);
  });

  it('rounds to four decimals as the other aggregates do', () => {
    expect(
      confidenceWeightedMean([
        { total: 100, confidence: 1 },
        { total: 0, confidence: 2 },
      ]),
    ).toBe(33.3333);
  });
});

describe('a round ranked with confidence weighting', () => {
  const at = new Date('2024-09-15T02:00:00Z');
  const score = (projectId: string, expertId: string, total: number, confidence: number) => ({
    projectId,
    expertId,
    total,
    confidence,
    submittedAt: at,
  });

  it('orders two projects differently with and without weighting, and says which rule it used', () => {
    const scores = [score('a', 'x', 90, 1), score('a', 'y', 60, 3), score('b', 'x', 70, 2), score('b', 'y', 72, 2)];
    const plain = rankRound(scores, () => 'g');
    expect(plain.ranked.get('g')!.map((entry) => [entry.projectId, entry.result])).toEqual([
      ['a', 75],
      ['b', 71],
    ]);
    expect(plain.rules.get('g')).toMatchObject({ confidenceWeighted: false });
    const weighted = rankRound(scores, () => 'g', { confidenceWeighting: true });
    expect(weighted.ranked.get('g')!.map((entry) => [entry.projectId, entry.result])).toEqual([
      ['b', 71],
      ['a', 67.5],
    ]);
    expect(weighted.rules.get('g')).toMatchObject({ method: 'mean', confidenceWeighted: true });
  });

  it('drops the highest and lowest totals first when the group trims, then weighs the rest', () => {
    const scores = [10, 50, 60, 70, 100].map((total, index) => score('a', `e${index}`, total, index === 1 ? 3 : 1));
    const { ranked, rules } = rankRound(scores, () => 'g', { confidenceWeighting: true });
    expect(rules.get('g')).toMatchObject({ method: 'trimmed_mean', confidenceWeighted: true });
    // Kept 50 (×3), 60, 70: (150 + 60 + 70) / 5 = 56.
    expect(ranked.get('g')![0]).toMatchObject({ result: 56, trimmed: true, kept: [50, 60, 70] });
  });
});
