/** The vocabulary of the hash-chained audit ledger of review decisions. */

/** What a ledger entry records. */
export const LEDGER_ACTIONS = [
  'round.opened',
  'round.closed',
  'assignments.auto',
  'assignment.added',
  'assignment.removed',
  'score.submitted',
  'score.reopened',
  'project.advanced',
  'award.allocated',
  'results.published',
  'team.flagged',
  'team.flag_cleared',
  'conflict.declared',
  'conflict.withdrawn',
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
] as const;
export type LedgerSubjectType = (typeof LEDGER_SUBJECT_TYPES)[number];

/** Why verification stopped at an entry: a missing seq, a broken link, altered content, or a stale head. */
export const LEDGER_BREAK_REASONS = ['seq_gap', 'prev_hash_mismatch', 'hash_mismatch', 'head_mismatch'] as const;
export type LedgerBreakReason = (typeof LEDGER_BREAK_REASONS)[number];
