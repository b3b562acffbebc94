import { FEEDBACK_VISIBILITIES, type FeedbackVisibility } from '../domain/review.js';

/** Whether feedback published at `visibility` shows `level` (each level includes the ones before). */
export const feedbackShows = (visibility: FeedbackVisibility, level: FeedbackVisibility): boolean =>
  FEEDBACK_VISIBILITIES.indexOf(visibility) >= FEEDBACK_VISIBILITIES.indexOf(level);

/** An expert's submitted score of a project, as the review keeps it (the expert's identity left out). */
export interface ReviewForFeedback {
  total: number;
  values: Readonly<Record<string, number>>;
  comment: string;
  comments: Readonly<Record<string, string>>;
}

/** A review as a team reads it: numbered, never named; comments only at the `comments` level. */
export interface AnonymousReview {
  reviewer: number;
  total: number;
  values: Record<string, number>;
  comment?: string;
  comments?: Record<string, string>;
}

/**
 * The reviews of a project as its team may read them: none at the `status` level; numbered 1…n
 * in an order that says nothing of who wrote them (highest total first, then the text), with the
 * comments only at the `comments` level.
 */
export function anonymousReviews(
  visibility: FeedbackVisibility,
  reviews: readonly ReviewForFeedback[],
): AnonymousReview[] | null {
  if (!feedbackShows(visibility, 'scores')) return null;
  const withComments = feedbackShows(visibility, 'comments');
  const key = (review: ReviewForFeedback) => JSON.stringify([review.values, review.comment, review.comments]);
  return [...reviews]
    .sort((a, b) => b.total - a.total || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((review, index) => ({
      reviewer: index + 1,
      total: review.total,
      values: { ...review.values },
      ...(withComments ? { comment: review.comment, comments: { ...review.comments } } : {}),
    }));
}
