import type { Answer } from '../../../api/types';

export type EditionProgress = Answer<'/api/v1/editions/{edition}/progress', 'get'>;
export type RoundProgress = EditionProgress['rounds'][number];

/** A round's stage ends within this many days: experts still behind are urgent. */
export const URGENT_DAYS = 3;

const DAY_MS = 86_400_000;

/** Something organizers have to do, said by a catalog message with its params, and where to do it. */
export interface Todo {
  key: string;
  /** Catalog key of the sentence, under `dashboard.todo`. */
  message: 'awaiting' | 'flagged' | 'unassigned' | 'behind' | 'behindUrgent' | 'behindOverdue';
  params: Record<string, string | number>;
  /** The route name of the screen where it is done. */
  screen: 'qualification' | 'review';
  urgent: boolean;
}

/**
 * The organizers' to-dos from the edition's progress: teams awaiting a decision, flagged teams,
 * and per open round the assignments still missing and the experts behind (urgent when the
 * round's stage ends within URGENT_DAYS days, overdue once it has ended). Urgent ones first.
 */
export function dashboardTodos(progress: EditionProgress, now: Date): Todo[] {
  const todos: Todo[] = [];
  const { awaiting, flagged } = progress.qualification;
  if (awaiting > 0)
    todos.push({
      key: 'awaiting',
      message: 'awaiting',
      params: { n: awaiting },
      screen: 'qualification',
      urgent: false,
    });
  if (flagged > 0)
    todos.push({ key: 'flagged', message: 'flagged', params: { n: flagged }, screen: 'qualification', urgent: true });
  for (const round of progress.rounds) {
    if (round.status !== 'open') continue;
    const missing = round.projects * round.expertsPerProject - round.assignments;
    if (missing > 0)
      todos.push({
        key: `unassigned-${round.id}`,
        message: 'unassigned',
        params: { round: round.kind, n: missing },
        screen: 'review',
        urgent: false,
      });
    if (round.expertsBehind === 0) continue;
    const left = round.assignments - round.submitted;
    const endsAt = round.stageEndsAt ? new Date(round.stageEndsAt).getTime() : null;
    const days = endsAt === null ? null : Math.ceil((endsAt - now.getTime()) / DAY_MS);
    const message = days === null || days > URGENT_DAYS ? 'behind' : days <= 0 ? 'behindOverdue' : 'behindUrgent';
    todos.push({
      key: `behind-${round.id}`,
      message,
      params: { round: round.kind, experts: round.expertsBehind, n: left, days: days ?? 0 },
      screen: 'review',
      urgent: message !== 'behind',
    });
  }
  return todos.sort((a, b) => Number(b.urgent) - Number(a.urgent));
}

/** Share in percent (0 when there is nothing to count), for progress bars. */
export const percent = (done: number, all: number): number =>
  all <= 0 ? 0 : Math.min(100, Math.round((done / all) * 100));
