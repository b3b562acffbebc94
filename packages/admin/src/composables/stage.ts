import type { StageCode } from '@saishi/shared';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/errors';
import { useConfirm } from './confirm';
import { useEditionStore } from '../stores/edition';
import { formatInZone, nameOf } from '../utils/format';

/**
 * Warnings for actions that belong to a stage of the timeline (opening the preliminary belongs to
 * 初赛评审): said in the confirmation when the edition is elsewhere in its timeline now.
 */
export function useStageGuard() {
  const { t, locale } = useI18n();
  const store = useEditionStore();

  /** The warning when the edition is not in `stage` now; null when it is (or the timeline is unknown). */
  function outOfStage(stage: StageCode): string | null {
    const timeline = store.timeline;
    if (!timeline || timeline.currentStage === stage) return null;
    const expected = timeline.stages.find((item) => item.code === stage);
    if (!expected) return null;
    const current = timeline.stages.find((item) => item.code === timeline.currentStage);
    const at = (iso: string | null) => (iso ? formatInZone(iso, timeline.timeZone, locale.value) : '…');
    return t('stage.outOf', {
      current: current ? nameOf(current, locale.value) : t('dashboard.betweenStages'),
      stage: nameOf(expected, locale.value),
      from: at(expected.startsAt),
      to: at(expected.endsAt),
    });
  }

  /** The name of a stage in the UI language, from the edition's timeline. */
  function stageName(stage: string): string {
    const found = store.timeline?.stages.find((item) => item.code === stage);
    return found ? nameOf(found, locale.value) : stage;
  }

  return { outOfStage, stageName };
}

/** What a stage-bound call sends to act outside its stage (R-TIME-4). */
export interface StageOverride {
  override: true;
  reason: string;
}

/**
 * Stage-bound actions (open or close a round, advance, allocate, publish): when the API refuses
 * one outside its stage (STAGE_GATE_CLOSED, R-TIME-4), asks the organizer whether to override it
 * and why, then sends it again with `override: true` and the reason (recorded in the ledger).
 * Answers null when the organizer does not override.
 */
export function useStageOverride() {
  const { t } = useI18n();
  const { confirmWithReason } = useConfirm();

  async function withStageOverride<T>(send: (override?: StageOverride) => Promise<T>): Promise<T | null> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'STAGE_GATE_CLOSED') throw error;
      const reason = await confirmWithReason({
        title: t('stage.overrideTitle'),
        message: error.message,
        warning: t('stage.overrideWarning'),
        reasonLabel: t('stage.overrideReason'),
        confirmText: t('stage.override'),
        danger: true,
      });
      if (reason === null) return null;
      return send({ override: true, reason });
    }
  }

  return { withStageOverride };
}
