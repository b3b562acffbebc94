import { checkStageGate, checkStageOverride, type StageBoundAction } from '@saishi/shared';
import type { Db } from '../../lib/deps.js';
import { assertNoViolations } from '../../lib/errors.js';
import { loadStages, toStageWindows } from './service.js';

/** What an organizer sends to act outside the action's stage (R-TIME-4). */
export interface StageOverride {
  override?: boolean | undefined;
  reason?: string | undefined;
}

/** An override that was used: the ledger entry of the decision records it. */
export interface UsedOverride {
  action: StageBoundAction;
  stage: string;
  reason: string;
}

/**
 * R-TIME-4: refuses the action outside its stages (409 STAGE_GATE_CLOSED) unless the organizer
 * overrides with `override: true` and a reason. Returns the override when one was needed, for
 * the decision's ledger entry, or null when the stage allows the action anyway.
 */
export async function passStageGate(
  db: Db,
  editionId: string,
  action: StageBoundAction,
  now: Date,
  input: StageOverride = {},
): Promise<UsedOverride | null> {
  assertNoViolations(
    checkStageOverride(input).map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })),
  );
  const [refusal] = checkStageGate(toStageWindows(await loadStages(db, editionId)), action, now);
  if (!refusal) return null;
  if (input.override !== true) assertNoViolations([refusal], 409);
  return { action, stage: String(refusal.params?.stage ?? 'none'), reason: input.reason?.trim() ?? '' };
}
