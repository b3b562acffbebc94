import { describe, expect, it } from 'vitest';
import { dashboardTodos, percent, type EditionProgress, type RoundProgress } from './todos';

const round = (overrides: Partial<RoundProgress>): RoundProgress => ({
  id: 'r1',
  kind: 'preliminary',
  status: 'open',
  expertsPerProject: 3,
  stageEndsAt: '2024-09-01T00:00:00.000+08:00',
  projects: 10,
  reviewedProjects: 2,
  assignments: 30,
  submitted: 12,
  expertsBehind: 4,
  experts: [],
  ...overrides,
});
const progress = (rounds: RoundProgress[], awaiting = 0, flagged = 0): EditionProgress => ({
  edition: '2024-guangxi',
  qualification: { awaiting, flagged },
  rounds,
});

describe('the dashboard to-dos', () => {
  it('lists teams awaiting a decision and flagged teams, flagged first', () => {
    const todos = dashboardTodos(progress([], 5, 1), new Date('2024-08-20T02:00:00Z'));
    expect(todos.map((todo) => [todo.message, todo.params.n, todo.screen])).toEqual([
      ['flagged', 1, 'qualification'],
      ['awaiting', 5, 'qualification'],
    ]);
  });

  it('says how many scores are missing, urgent in the last days of the stage and overdue after it', () => {
    const open = progress([round({})]);
    const early = dashboardTodos(open, new Date('2024-08-20T02:00:00Z'));
    expect(early).toEqual([
      expect.objectContaining({ message: 'behind', urgent: false, params: expect.objectContaining({ n: 18 }) }),
    ]);
    const late = dashboardTodos(open, new Date('2024-08-30T02:00:00Z'));
    expect(late[0]).toMatchObject({ message: 'behindUrgent', urgent: true, params: { days: 2, experts: 4 } });
    expect(dashboardTodos(open, new Date('2024-09-02T02:00:00Z'))[0]!.message).toBe('behindOverdue');
  });

  it('asks for the assignments still missing, and leaves draft and closed rounds alone', () => {
    const todos = dashboardTodos(
      progress([
        round({ assignments: 25, submitted: 25, expertsBehind: 0 }),
        round({ id: 'r2', kind: 'final', status: 'draft', assignments: 0 }),
        round({ id: 'r3', status: 'closed' }),
      ]),
      new Date('2024-08-20T02:00:00Z'),
    );
    expect(todos).toEqual([expect.objectContaining({ message: 'unassigned', params: { round: 'preliminary', n: 5 } })]);
  });

  it('has nothing to do when nothing waits', () => {
    expect(dashboardTodos(progress([round({ status: 'closed' })]), new Date())).toEqual([]);
  });

  it('rounds shares to whole percents, 0 of nothing', () => {
    expect([percent(1, 3), percent(0, 0), percent(5, 4)]).toEqual([33, 0, 100]);
  });
});
