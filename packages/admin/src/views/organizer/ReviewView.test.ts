import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Round } from '../../api/types';
import { makeI18n } from '../../i18n';
import { useEditionStore, type Timeline } from '../../stores/edition';
import { answerBox, byTest, click, json, pageText, queryTest, stubFetch } from '../../test/dom';
import ReviewView from './ReviewView.vue';

const timeline: Timeline = {
  now: '2024-08-10T02:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  currentStage: 'collection',
  nextStage: 'preliminary',
  stages: [
    {
      code: 'collection',
      nameZh: '项目征集',
      nameEn: 'Project collection',
      startsAt: '2024-06-23T16:00:00.000Z',
      endsAt: '2024-08-15T16:00:00.000Z',
      isOpen: true,
    },
    {
      code: 'preliminary',
      nameZh: '初赛评审',
      nameEn: 'Preliminary review',
      startsAt: '2024-08-15T16:00:00.000Z',
      endsAt: '2024-08-31T16:00:00.000Z',
      isOpen: false,
    },
  ],
};
/** A draft round as the API answers it (typed by the OpenAPI document, so it cannot drift). */
const draftRound: Round = {
  id: 'r1',
  editionId: 'e1',
  kind: 'preliminary',
  status: 'draft',
  expertsPerProject: 5,
  normalize: false,
  spreadMeasure: 'range',
  spreadThreshold: 15,
  confidenceWeighting: false,
  openedAt: null,
  closedAt: null,
};
const projects = { items: [{ projectId: 'p1', title: '城市内涝风险预测模型', advancedWith: null }] };
const noShortfall = {
  roundId: 'r1',
  status: 'open',
  expertsPerProject: 5,
  projects: 1,
  assignments: 5,
  submitted: 0,
  shortfallProjects: 0,
  shortfalls: [],
};

async function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useEditionStore();
  store.edition = { code: '2024-guangxi' } as never;
  store.timeline = structuredClone(timeline);
  store.directions = [];
  mount(ReviewView, {
    global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus], stubs: { RouterLink: true } },
    attachTo: document.body,
  });
  await flushPromises();
}

/** Answers the screen's reads; `rounds` may be held back to look at the page while it loads. */
function api(rounds: () => Promise<Response> | Response, summary: object = noShortfall) {
  return stubFetch((request) => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/review-rounds') && request.method === 'GET') return rounds();
    if (path.endsWith('/summary')) return json(summary);
    if (path.endsWith('/open')) return json({ ...draftRound, status: 'open', openedAt: timeline.now });
    if (path.endsWith('/projects')) return json(projects);
    if (path === '/api/v1/experts' || path === '/api/v1/assignments')
      return json({ items: [], nextCursor: null, total: 0 });
    if (path.endsWith('/rubrics')) return json({ items: [] });
    if (path.endsWith('/blind-files'))
      return new Response(new Uint8Array([0x50, 0x4b, 5, 6]), {
        headers: {
          'content-type': 'application/zip',
          'content-disposition': 'attachment; filename="round-r1-files.zip"',
        },
      });
    return json({ status: 404, code: 'NOT_FOUND', detail: '未找到' }, 404);
  });
}

describe('the review screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('offers to create a round only once it knows there is none, never while loading', async () => {
    let answer: (response: Response) => void = () => undefined;
    api(() => new Promise<Response>((resolve) => (answer = resolve)));
    await mountView();
    expect(queryTest('create-round')).toBeNull();
    expect(pageText()).not.toContain('尚未创建该轮评审');
    answer(json({ items: [] }));
    await flushPromises();
    await vi.waitFor(() => expect(queryTest('create-round')).not.toBeNull());
    expect(pageText()).toContain('尚未创建该轮评审');
  });

  it('warns before opening the preliminary during the collection and says what opening does', async () => {
    const { requests } = api(() => json({ items: [draftRound] }));
    await mountView();
    await click(byTest('open-round'));
    const said = await answerBox(false);
    expect(said).toContain('现在是“项目征集”阶段');
    expect(said).toContain('“初赛评审”阶段');
    expect(said).toContain('本轮 1 个作品评分（每个作品 5 位专家）');
    expect(said).toContain('评分细则将锁定');
    expect(requests().some((request) => request.url.endsWith('/open'))).toBe(false);

    await click(byTest('open-round'));
    await answerBox(true);
    expect(requests().filter((request) => request.url.endsWith('/open'))).toHaveLength(1);
    await vi.waitFor(() => expect(byTest('round-status').textContent).toBe('评审中'));
    expect(pageText()).toContain('初赛评审已开启');
  });

  it('tells the organizer which projects lost a reviewer, to whom and why', async () => {
    api(() => json({ items: [{ ...draftRound, status: 'open', openedAt: timeline.now }] }), {
      ...noShortfall,
      assignments: 4,
      shortfallProjects: 1,
      shortfalls: [
        {
          projectId: 'p1',
          title: '城市内涝风险预测模型',
          assigned: 4,
          submitted: 0,
          missing: 1,
          lost: [{ expertId: 'x1', expertName: '王专家', cause: 'conflict', reason: '曾参与指导', at: timeline.now }],
        },
      ],
    });
    await mountView();
    await vi.waitFor(() => expect(queryTest('shortfall')).not.toBeNull());
    const text = byTest('shortfall').textContent ?? '';
    expect(text).toContain('1 个项目评审专家不足');
    expect(text).toContain('城市内涝风险预测模型: 4 / 5 位专家');
    expect(text).toContain('王专家（声明回避：曾参与指导）');
  });

  it('downloads the round’s blind files as one ZIP from the round’s bar', async () => {
    const { requests } = api(() => json({ items: [{ ...draftRound, status: 'open', openedAt: timeline.now }] }));
    URL.createObjectURL = vi.fn(() => 'blob:saishi/zip');
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await mountView();
    await click(byTest('download-round-files'));
    await vi.waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(requests().map((request) => new URL(request.url).pathname)).toContain(
      '/api/v1/review-rounds/r1/blind-files',
    );
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe('round-r1-files.zip');
    clicked.mockRestore();
  });
});
