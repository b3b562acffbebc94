import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../../i18n';
import { click, json, stubFetch } from '../../../test/dom';
import AssignmentsPanel from './AssignmentsPanel.vue';

// The round's assignments grouped by project (or expert), each group with its progress (issue 17, item 9).

const round = {
  id: 'r1',
  editionId: 'e1',
  kind: 'preliminary',
  status: 'open',
  expertsPerProject: 2,
  normalize: false,
  openedAt: null,
  closedAt: null,
};
const projects = [
  { projectId: 'p1', title: '城市内涝风险预测模型', advancedWith: null, assigned: 2, submitted: 1 },
  { projectId: 'p2', title: '智慧物流数据平台', advancedWith: null, assigned: 1, submitted: 0 },
];
const experts = [
  { id: 'x1', displayName: '李专家' },
  { id: 'x2', displayName: '王专家' },
];
const assignment = (id: string, projectId: string, expertId: string, submitted: boolean) => ({
  id,
  roundId: 'r1',
  projectId,
  expertId,
  source: 'auto',
  reason: '自动分配',
  score: submitted ? { id: `s${id}`, status: 'submitted', total: 87.5 } : null,
});
const progress = {
  edition: '2024-guangxi',
  qualification: { awaiting: 0, flagged: 0 },
  rounds: [{ id: 'r1', experts: [{ expertId: 'x1', name: '李专家', assigned: 2, submitted: 1 }] }],
};

async function mountPanel() {
  const stub = stubFetch((request) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/assignments')
      return json({
        items:
          url.searchParams.get('sort') === 'expert'
            ? [
                assignment('a1', 'p1', 'x1', true),
                assignment('a3', 'p2', 'x1', false),
                assignment('a2', 'p1', 'x2', false),
              ]
            : [
                assignment('a1', 'p1', 'x1', true),
                assignment('a2', 'p1', 'x2', false),
                assignment('a3', 'p2', 'x1', false),
              ],
        nextCursor: null,
        total: 3,
      });
    if (url.pathname.endsWith('/progress')) return json(progress);
    return json({ items: [] });
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  mount(AssignmentsPanel, {
    props: { round, projects, experts } as never,
    global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return stub;
}

/** The text of each group cell the table shows (the merged first column), with its row span. */
const groups = () =>
  [...document.querySelectorAll<HTMLTableCellElement>('[data-test="assignments-table"] tbody td')]
    .filter((cell) => cell.querySelector('[data-test="assignment-group"]'))
    .map((cell) => ({
      text: [...cell.querySelectorAll('[data-test="assignment-group"] > span')]
        .map((span) => span.textContent?.trim())
        .join(' '),
      rows: cell.rowSpan,
    }));

describe('the assignments of a round', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('groups the rows by project, each project with its submitted scores of its assignments', async () => {
    const { requests } = await mountPanel();
    const asked = requests().find((request) => new URL(request.url).pathname === '/api/v1/assignments')!;
    expect(new URL(asked.url).searchParams.get('sort')).toBe('project');
    expect(groups()).toEqual([
      { text: '城市内涝风险预测模型 已提交 1 / 2', rows: 2 },
      { text: '智慧物流数据平台 已提交 0 / 1', rows: 1 },
    ]);
  });

  it('groups by expert when asked, with the expert’s progress in the round', async () => {
    const { requests } = await mountPanel();
    const byExpert = [...document.querySelectorAll<HTMLElement>('[data-test="group-by"] label')].find((label) =>
      label.textContent?.includes('按专家'),
    )!;
    await click(byExpert);
    await flushPromises();
    const asked = requests().findLast((request) => new URL(request.url).pathname === '/api/v1/assignments')!;
    expect(new URL(asked.url).searchParams.get('sort')).toBe('expert');
    expect(groups()).toEqual([
      { text: '李专家 已提交 1 / 2', rows: 2 },
      { text: '王专家', rows: 1 },
    ]);
  });
});
