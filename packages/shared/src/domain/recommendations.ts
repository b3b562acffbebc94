/** The vocabulary of recommending division winners to the national final (R-DIV-2). */

/** Sent by the division, accepted into the national final's review, or declined with a reason. */
export const RECOMMENDATION_STATUSES = ['recommended', 'accepted', 'declined'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
