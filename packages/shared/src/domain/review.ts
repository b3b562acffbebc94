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

/** Who made an assignment: the conflict-free algorithm, or an organizer by hand (with a reason). */
export const ASSIGNMENT_SOURCES = ['auto', 'manual'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

/** An expert's score is a draft until submitted; only an organizer reopens a submitted one. */
export const SCORE_STATUSES = ['draft', 'submitted'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];
