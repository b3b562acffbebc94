/**
 * The vocabulary of review (SPEC §6): one source for the API's columns, CHECK constraints and
 * route schemas, and for the admin's option lists.
 */

/** An edition's two review rounds: the preliminary (初赛) and the final (决赛). */
export const ROUND_KINDS = ['preliminary', 'final'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** A round is prepared as a draft, opened for scoring, then closed: draft → open → closed. */
export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * Who made an assignment: the conflict-free algorithm, an organizer by hand (with a reason), or a
 * re-review (分差复评) that adds experts to a project whose scores spread too widely.
 */
export const ASSIGNMENT_SOURCES = ['auto', 'manual', 're_review'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

/** An expert's score is a draft until submitted; only an organizer reopens a submitted one. */
export const SCORE_STATUSES = ['draft', 'submitted'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

/**
 * How a ranking group's results are aggregated (one rule per group, SPEC §6): the trimmed mean
 * (highest and lowest dropped) when every project of the group has at least 5 scores, else the mean.
 */
export const AGGREGATION_METHODS = ['trimmed_mean', 'mean'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/** Why a project lost a reviewer: a conflict declared, removed by an organizer, or the expert's account disabled. */
export const LOST_ASSIGNMENT_CAUSES = ['conflict', 'removed', 'expert_disabled'] as const;
export type LostAssignmentCause = (typeof LOST_ASSIGNMENT_CAUSES)[number];

/**
 * How a round measures the disagreement of a project's experts (分差): the range of their
 * totals (max − min) or their population standard deviation.
 */
export const SPREAD_MEASURES = ['range', 'sd'] as const;
export type SpreadMeasure = (typeof SPREAD_MEASURES)[number];

/**
 * What an organizer did about a flagged project: a re-review by additional experts (复评), or a
 * panel decision (合议) whose score, with a written reason, becomes the project's result.
 */
export const SPREAD_RESOLUTIONS = ['re_review', 'panel'] as const;
export type SpreadResolution = (typeof SPREAD_RESOLUTIONS)[number];

/**
 * What teams may read of a closed round once organizers publish its feedback (issue 15.5), each
 * level adding to the one before: the outcome only, then the scores, then the experts' comments
 * (always anonymized).
 */
export const FEEDBACK_VISIBILITIES = ['status', 'scores', 'comments'] as const;
export type FeedbackVisibility = (typeof FEEDBACK_VISIBILITIES)[number];

/** A project's outcome of a round as its team reads it: advanced or not (preliminary), awarded or not (final). */
export const ROUND_OUTCOMES = ['advanced', 'not_advanced', 'awarded', 'not_awarded'] as const;
export type RoundOutcome = (typeof ROUND_OUTCOMES)[number];
