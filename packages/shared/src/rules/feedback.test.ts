import { describe, expect, it } from 'vitest';
import { anonymousReviews, feedbackShows, type ReviewForFeedback } from './feedback.js';

const reviews: ReviewForFeedback[] = [
  { total: 70, values: { a: 30, b: 40 }, comment: '数据来源清楚', comments: { a: '好' } },
  { total: 90, values: { a: 45, b: 45 }, comment: '创新性强', comments: {} },
];

describe('team feedback', () => {
  it('shows each level and the ones before it, never a later one', () => {
    expect(feedbackShows('status', 'status')).toBe(true);
    expect(feedbackShows('status', 'scores')).toBe(false);
    expect(feedbackShows('scores', 'comments')).toBe(false);
    expect(feedbackShows('comments', 'scores')).toBe(true);
  });

  it('gives no reviews at the status level and no comments at the scores level', () => {
    expect(anonymousReviews('status', reviews)).toBeNull();
    const scores = anonymousReviews('scores', reviews)!;
    expect(scores).toEqual([
      { reviewer: 1, total: 90, values: { a: 45, b: 45 } },
      { reviewer: 2, total: 70, values: { a: 30, b: 40 } },
    ]);
    expect(JSON.stringify(scores)).not.toContain('创新性强');
  });

  it('numbers the reviews with their comments in an order independent of the order they came in', () => {
    const forward = anonymousReviews('comments', reviews);
    expect(anonymousReviews('comments', [...reviews].reverse())).toEqual(forward);
    expect(forward![0]).toEqual({
      reviewer: 1,
      total: 90,
      values: { a: 45, b: 45 },
      comment: '创新性强',
      comments: {},
    });
  });
});
