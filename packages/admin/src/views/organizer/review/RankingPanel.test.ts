import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../../i18n';
import { byTest, click, inputOf, json, pageText, queryTest, stubFetch, type } from '../../../test/dom';
import RankingPanel from './RankingPanel.vue';

const round = {
  id: 'r1',
  editionId: 'e1',
  kind: 'final' as const,
  status: 'open' as const,
  expertsPerProject: 2,
  normalize: false,
  spreadMeasure: 'range' as const,
  spreadThreshold: 15,
  confidenceWeighting: false,
  openedAt: '2024-09-15T02:00:00.000Z',
  closedAt: null,
};
const entry = (projectId: string, title: string, extra: object) => ({
  projectId,
  title,
  rank: 1,
  result: 70,
  scoredResult: 70,
  method: 'mean',
  median: 70,
  count: 2,
  trimmed: false,
  kept: [50, 90],
  spread: 40,
  flagged: true,
  resolvedBy: null,
  resolutions: [],
  ...extra,
});
const panelDecided = {
  kind: 'panel',
  reason: '合议',
  spread: 55,
  panelScore: 77,
  expertIds: [],
  decidedAt: '2024-09-16T10:00:00.000+08:00',
};

function ranking(entries: object[]) {
  return {
    roundId: 'r1',
    normalize: false,
    spread: { measure: 'range', threshold: 15 },
    groups: [
      {
        trackCode: 'society',
        categoryCode: 'data_product',
        rule: { method: 'mean', normalize: false, confidenceWeighted: false, minScores: 2 },
        entries,
      },
    ],
  };
}

const dialogOpen = () =>
  queryTest('spread-dialog')?.closest('.el-overlay')?.getAttribute('style')?.includes('display: none') !== true;

async function mountPanel(entries: object[]) {
  const fetched = stubFetch((request) => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/ranking')) return json(ranking(entries));
    if (path.endsWith('/re-review'))
      return json({ ...panelDecided, kind: 're_review', panelScore: null, assignments: [] }, 201);
    if (path.endsWith('/panel-decision')) return json(panelDecided, 201);
    return json({ status: 404, code: 'NOT_FOUND', detail: '未找到' }, 404);
  });
  setActivePinia(createPinia());
  mount(RankingPanel, {
    props: { round },
    global: { plugins: [makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return fetched;
}

describe('the ranking’s score spread (分差复评)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('asks the server for the order of a header: spread largest first, or title', async () => {
    const fetched = await mountPanel([entry('p1', '分差项目甲', {}), entry('p3', '分差项目乙', { spread: 6 })]);
    const lastSort = () =>
      new URL(fetched.requests().findLast((request) => request.url.includes('/ranking'))!.url).searchParams.get('sort');
    expect(lastSort()).toBe('rank');
    const header = (words: string) =>
      [...document.querySelectorAll<HTMLElement>('[data-test="ranking-table"] th')].find(
        (th) => th.textContent?.trim() === words,
      )!;
    await click(header('分差'));
    await flushPromises();
    expect(lastSort()).toBe('spread');
    await click(header('作品'));
    await flushPromises();
    expect(lastSort()).toBe('title');
  });

  it('flags a wide spread, says the threshold and the final score rule, and shows a panel’s score', async () => {
    await mountPanel([
      entry('p1', '分差项目甲', {}),
      entry('p2', '分差项目丙', { result: 77, scoredResult: 67.5, resolvedBy: 'panel', resolutions: [panelDecided] }),
      entry('p3', '分差项目乙', { spread: 6, flagged: false }),
    ]);
    expect(byTest('spread-setting').textContent).toContain('极差（最高分 − 最低分）超过 15.00 分即标记');
    expect(byTest('spread-flagged-count').textContent).toContain('2 个作品分差过大');
    expect(byTest('spread-rule').textContent).toContain('合议作品以合议分为最终得分');
    expect(document.querySelectorAll('[data-test="spread-flag"]')).toHaveLength(2);
    expect(byTest('result-panel').textContent).toContain('合议定分');
    expect(pageText()).toContain('专家汇总分 67.50');
    // Only the undecided flagged project offers both actions; the decided one offers none.
    expect(document.querySelectorAll('[data-test="spread-re-review"]')).toHaveLength(1);
    expect(document.querySelectorAll('[data-test="spread-panel"]')).toHaveLength(1);
  });

  it('asks for a reason, then sends the project to re-review with the number of experts', async () => {
    const { requests } = await mountPanel([entry('p1', '分差项目甲', {})]);
    await click(byTest('spread-re-review'));
    expect(byTest('spread-consequence').textContent).toContain('该作品分差 40.00 分。将增派 2 位无利益冲突的专家评审');
    await click(byTest('spread-submit'));
    await vi.waitFor(() => expect(pageText()).toContain('请填写理由'));
    expect(requests().some((request) => request.url.endsWith('/re-review'))).toBe(false);

    await type(inputOf('spread-reason'), '两位专家分差 40 分');
    await click(byTest('spread-submit'));
    const sent = requests().find((request) => request.url.endsWith('/projects/p1/re-review'));
    expect(sent?.method).toBe('POST');
    expect(await sent!.clone().json()).toEqual({ experts: 2, reason: '两位专家分差 40 分' });
    await vi.waitFor(() =>
      expect(requests().filter((request) => new URL(request.url).pathname.endsWith('/ranking'))).toHaveLength(2),
    );
  });

  it('records the panel’s score with its reason', async () => {
    const { requests } = await mountPanel([entry('p1', '分差项目甲', {})]);
    await click(byTest('spread-panel'));
    await type(inputOf('spread-score'), '78.5');
    await type(inputOf('spread-reason'), '专家组合议');
    expect(byTest('spread-consequence').textContent).toContain('合议分 78.50 将作为该作品的最终得分');
    await click(byTest('spread-submit'));
    const sent = requests().find((request) => request.url.endsWith('/projects/p1/panel-decision'));
    expect(await sent!.clone().json()).toEqual({ score: 78.5, reason: '专家组合议' });
    await vi.waitFor(() => expect(dialogOpen()).toBe(false));
  });
});
