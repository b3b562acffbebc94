import type { StageCode } from '@saishi/shared';
import { useI18n } from 'vue-i18n';
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
