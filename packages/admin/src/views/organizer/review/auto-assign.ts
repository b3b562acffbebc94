import type { AutoAssignResult } from '../../../api/types';

/** How often the progress of a background assignment is asked for. */
export const AUTO_POLL_MS = 500;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** What an automatic assignment did, with its match quality: topics first, then fields. */
export function autoSummary(t: (key: string, params: Record<string, unknown>) => string, result: AutoAssignResult) {
  return t('review.autoSummary', {
    ...result,
    topicShare: percent(result.topicMatch.share),
    share: percent(result.fieldMatch.share),
  });
}
