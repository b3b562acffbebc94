import type { StageCode } from '../domain/competition.js';
import type { RoundKind } from '../domain/review.js';
import { currentStage, type StageWindow } from './timeline.js';
import type { RuleViolation } from './violation.js';

/** The review and award decisions bound to a stage of the timeline (SPEC §3). */
export const STAGE_BOUND_ACTIONS = [
  'open_preliminary',
  'close_preliminary',
  'advance',
  'open_final',
  'close_final',
  'allocate_awards',
  'publish_results',
] as const;
export type StageBoundAction = (typeof STAGE_BOUND_ACTIONS)[number];

/**
 * R-TIME-4: the stages in which each action is allowed. The preliminary is opened, closed and
 * advanced from during 初赛评审, the final run during 决赛评审; awards are allocated from the
 * closed final (at its end or later) and published for 成果推介.
 */
export const ACTION_STAGES: Record<StageBoundAction, readonly StageCode[]> = {
  open_preliminary: ['preliminary'],
  close_preliminary: ['preliminary'],
  advance: ['preliminary'],
  open_final: ['final'],
  close_final: ['final'],
  allocate_awards: ['final', 'promotion'],
  publish_results: ['promotion'],
};

/** The action of opening or closing a round of the kind. */
export function roundAction(kind: RoundKind, to: 'open' | 'closed'): StageBoundAction {
  return `${to === 'open' ? 'open' : 'close'}_${kind}`;
}

/**
 * R-TIME-4: whether the action is allowed at `now` by the edition's stages (each open from its
 * start, inclusive, to its end, exclusive). An organizer may override a refusal explicitly, with
 * a reason (see `checkStageOverride`).
 */
export function checkStageGate(stages: readonly StageWindow[], action: StageBoundAction, now: Date): RuleViolation[] {
  const stage = currentStage(stages, now);
  const allowed = ACTION_STAGES[action];
  if (stage && allowed.includes(stage.code)) return [];
  return [
    {
      code: 'STAGE_GATE_CLOSED',
      ruleId: 'R-TIME-4',
      params: { action, stage: stage?.code ?? 'none', allowed: allowed.join(', ') },
    },
  ];
}

/** An override of a stage gate must say why (R-TIME-4): the reason goes into the ledger. */
export function checkStageOverride(input: { override?: boolean; reason?: string | null }): RuleViolation[] {
  if (input.override === true && !input.reason?.trim()) {
    return [{ code: 'OVERRIDE_REASON_REQUIRED', ruleId: 'R-TIME-4', path: '/reason' }];
  }
  return [];
}
