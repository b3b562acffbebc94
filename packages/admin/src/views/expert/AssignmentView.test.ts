import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { makeI18n } from '../../i18n';
import { useEditionStore } from '../../stores/edition';
import { answerBox, byTest, click, inputOf, json as answer, pageText, stubFetch, type } from '../../test/dom';
import AssignmentView from './AssignmentView.vue';

const detail = {
  id: 'a1',
  round: { id: 'r1', kind: 'preliminary', status: 'open' },
  project: {
    id: 'p1',
    title: '城市内涝风险预测模型',
    summary: '融合排水管网与降水数据',
    trackCode: 'university',
    directionCode: 'modeling',
    categoryCode: 'modeling',
    publicComponentKind: null,
    completeBeforeNationalFinal: true,
    latestVersion: 1,
    fieldCodes: [],
    topics: [],
    files: [],
  },
  score: null,
  rubric: [
    { code: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 60, maxScore: 60 },
    { code: 'security', nameZh: '安全与合规', nameEn: 'Security', weight: 40, maxScore: 40 },
  ],
};
async function mountView() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useEditionStore();
  store.edition = { code: '2024-guangxi' } as never; // reference data already loaded
  const router = createRouter({
    history: createMemoryHistory('/admin/'),
    routes: [{ path: '/assignments/:id', component: AssignmentView }],
  });
  await router.push('/assignments/a1');
  await router.isReady();
  const wrapper = mount(RouterView, {
    global: { plugins: [pinia, router, makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

const criterion = (code: string) => inputOf(`criterion-${code}`) as HTMLInputElement;
const total = () => byTest('score-total').textContent?.trim();
const submitButton = () => byTest<HTMLButtonElement>('submit-score');
const draftScore = {
  id: 's1',
  status: 'draft',
  values: { innovation: 30 },
  comments: {},
  comment: '数据来源清晰',
  total: 30,
  submittedAt: null,
  reopenedAt: null,
  reopenReason: null,
};

describe('the expert rubric form', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('computes the weighted total, keeps scores within each maximum and blocks an incomplete submission (shared checkScoreValues)', async () => {
    const { fetchMock } = stubFetch(() => answer(detail));
    await mountView();
    await type(criterion('innovation'), '45');
    expect(total()).toBe('45.00');
    expect(submitButton().disabled).toBe(true); // security not scored yet
    await type(criterion('security'), '50'); // above its maximum: the input brings it back to 40
    expect(criterion('security').value).toBe('40');
    expect(total()).toBe('85.00');
    expect(submitButton().disabled).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(1); // only the initial load
  });

  it('saves a partial draft, and keeps what was typed when the save fails', async () => {
    let saves = 0;
    const { requests } = stubFetch((request) => {
      if (request.method === 'GET') return answer(detail);
      saves += 1;
      return saves === 1
        ? answer({ status: 409, code: 'ROUND_NOT_OPEN', detail: '评审轮次未开放' }, 409)
        : answer(draftScore);
    });
    await mountView();
    await type(criterion('innovation'), '30');
    await type(byTest('assignment').querySelector('textarea')!, '数据来源清晰');
    await click(byTest('save-draft'));
    const put = requests()[1]!;
    expect(put.method).toBe('PUT');
    expect(new URL(put.url).pathname).toBe('/api/v1/assignments/a1/score');
    expect(await put.json()).toEqual({ values: { innovation: 30 }, comments: {}, comment: '数据来源清晰' });
    expect(pageText()).toContain('评审轮次未开放');
    expect(criterion('innovation').value).toBe('30');
    expect(byTest('assignment').querySelector('textarea')!.value).toBe('数据来源清晰');

    await click(byTest('save-draft'));
    await vi.waitFor(() => expect(pageText()).toContain('草稿已保存（当前总分 30.00）'));
    expect(byTest('assignment').textContent).toContain('草稿');
  });

  it('asks for a confidence in a labelled group, sends it with the draft and shows it back', async () => {
    const { requests } = stubFetch((request) =>
      request.method === 'GET' ? answer(detail) : answer({ ...draftScore, confidence: 3 }),
    );
    await mountView();
    const group = byTest('confidence');
    expect(group.getAttribute('role')).toBe('radiogroup');
    expect(group.getAttribute('aria-label')).toBe('评分把握度');
    expect(group.textContent).toContain('高：本人专业领域');
    await type(criterion('innovation'), '30');
    await click(byTest('confidence-3').querySelector('input')!);
    await click(byTest('save-draft'));
    expect(await requests()[1]!.json()).toEqual({
      values: { innovation: 30 },
      comments: {},
      comment: '',
      confidence: 3,
    });
    await vi.waitFor(() => expect(pageText()).toContain('草稿已保存'));
    expect(byTest('confidence-3').querySelector<HTMLInputElement>('input')!.checked).toBe(true);
  });

  it('says the scores it is about to submit, and submits only when confirmed', async () => {
    const { requests } = stubFetch((request) =>
      request.method === 'GET' ? answer(detail) : answer({ ...draftScore, status: 'submitted', total: 85 }),
    );
    await mountView();
    await type(criterion('innovation'), '45');
    await type(criterion('security'), '40');
    await click(submitButton());
    const said = await answerBox(false);
    expect(said).toContain('总分 85.00');
    expect(said).toContain('创新性：45.00 / 60');
    expect(requests()).toHaveLength(1);
    await click(submitButton());
    await answerBox(true);
    const post = requests()[1]!;
    expect(new URL(post.url).pathname).toBe('/api/v1/assignments/a1/score/submit');
    await vi.waitFor(() => expect(pageText()).toContain('评分已提交，总分 85.00'));
    expect(byTest('assignment').querySelector('[data-test="submit-score"]')).toBeNull(); // read-only now
  });
});
