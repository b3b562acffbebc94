/** The vocabulary of the hash-chained audit ledger of decisions. */

/** What a ledger entry records. */
export const LEDGER_ACTIONS = [
  'round.opened',
  'round.closed',
  'round.enrolled',
  'assignments.auto',
  'assignment.added',
  'assignment.removed',
  'score.submitted',
  'score.reopened',
  'project.advanced',
  'award.allocated',
  'award.withdrawn',
  'results.published',
  // Issue 15.5: what teams may read of a closed round (outcome, scores, anonymized comments).
  'feedback.published',
  // What teams may read of it, changed by organizers after publication.
  'feedback.visibility_changed',
  'team.flagged',
  'team.flag_cleared',
  'conflict.declared',
  'conflict.withdrawn',
  'conflict.reviewed',
  'qualification.submitted',
  'qualification.decided',
  'user.updated',
  'blacklist.imported',
  'blacklist.entry_deleted',
  // An organizer departs by hand from a rule's outcome (advancement, award), with a reason.
  'decision.adjusted',
  // Issue 16.2: a project whose experts disagree beyond the round's spread threshold goes to a
  // re-review by additional experts (复评) or to a panel decision (合议), each with a reason.
  'project.re_review_requested',
  'project.panel_decided',
  // R-DIV-2: a division's winners sent to the national final, accepted or declined there.
  'recommendations.sent',
  'recommendation.accepted',
  'recommendation.declined',
  // Personal information deleted when its retention period was over (counts only, never names).
  'retention.applied',
  // A person corrected their own personal information: which fields, never the old or new values.
  'personal_data.corrected',
] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

/** What a ledger entry is about; its `subjectId` is an id of that kind. */
export const LEDGER_SUBJECT_TYPES = [
  'review_round',
  'assignment',
  'score',
  'project',
  'edition',
  'team',
  'expert_conflict',
  'user',
  'blacklist_import',
  'blacklist_entry',
] as const;
export type LedgerSubjectType = (typeof LEDGER_SUBJECT_TYPES)[number];

/** Why verification stopped at an entry: a missing seq, a broken link, altered content, or a stale head. */
export const LEDGER_BREAK_REASONS = ['seq_gap', 'prev_hash_mismatch', 'hash_mismatch', 'head_mismatch'] as const;
export type LedgerBreakReason = (typeof LEDGER_BREAK_REASONS)[number];

/**
 * The tables whose live rows the ledger certifies: an entry carries the digest of the row's
 * certified content as it decided it, and verification compares the live row with it.
 * `teams` is certified for its qualification decision (资格审核) only.
 */
export const CERTIFIED_TABLES = ['scores', 'teams', 'project_awards', 'spread_resolutions'] as const;
export type CertifiedTable = (typeof CERTIFIED_TABLES)[number];

/**
 * How a live certified row disagrees with the ledger: changed since its entry, present with no
 * entry certifying it, or gone while its last entry still certifies it.
 */
export const LEDGER_ROW_PROBLEMS = ['altered', 'unrecorded', 'deleted'] as const;
export type LedgerRowProblem = (typeof LEDGER_ROW_PROBLEMS)[number];
