/**
 * How sure an expert is of a score (评分把握度, issue 16.3): 1 low, 2 medium, 3 high. One list
 * for the API's schema, the database's CHECK and the admin's options.
 */
export const SCORE_CONFIDENCES = [1, 2, 3] as const;
export type ScoreConfidence = (typeof SCORE_CONFIDENCES)[number];

/** The weight of a score submitted without a confidence: the middle of the scale, so it neither gains nor loses. */
export const DEFAULT_CONFIDENCE: ScoreConfidence = 2;

/** The weight a score carries in a confidence-weighted aggregate: its confidence, or the middle when it has none. */
export function confidenceWeight(confidence: number | null | undefined): number {
  return confidence ?? DEFAULT_CONFIDENCE;
}

/**
 * The confidence-weighted mean of totals, Σ confidence × total / Σ confidence (the round's
 * `confidenceWeighting`): a score its expert is sure of counts three times one they are unsure
 * of. Equal confidences give the plain mean; no totals give 0.
 */
export function confidenceWeightedMean(entries: readonly { total: number; confidence?: number | null }[]): number {
  let weighted = 0;
  let weights = 0;
  for (const entry of entries) {
    const weight = confidenceWeight(entry.confidence);
    weighted += weight * entry.total;
    weights += weight;
  }
  return weights === 0 ? 0 : Math.round((weighted / weights) * 1e4) / 1e4;
}
