import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { makeI18n } from '../../i18n';
import { useEditionStore } from '../../stores/edition';
import AssignmentView from './AssignmentView.vue';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
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
type FormState = {
  form: { values: Record<string, number | undefined>; comment: string };
  draftWarnings: string[];
  submitWarnings: string[];
  total: number;
  saveDraft(): Promise<void>;
  detail: { score: { status: string } | null };
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
  return wrapper.findComponent(AssignmentView).vm as unknown as FormState;
}

describe('the expert rubric form', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
  beforeEach(() => {
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    fetchMock.mockResolvedValueOnce(json(200, detail));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('computes the weighted total, keeps scores within each maximum and blocks an incomplete submission (shared checkScoreValues)', async () => {
    const state = await mountView();
    state.form.values.innovation = 45;
    await flushPromises();
    expect(state.total).toBe(45);
    expect(state.draftWarnings).toEqual([]);
    expect(state.submitWarnings).toHaveLength(1); // security not scored yet
    expect(state.submitWarnings[0]).toContain('security');
    await flushPromises();
    expect(document.querySelector<HTMLButtonElement>('[data-test="submit-score"]')!.disabled).toBe(true);
    state.form.values.security = 50; // above its maximum: the input brings it back to 40
    await flushPromises();
    expect(state.form.values.security).toBe(40);
    expect(state.total).toBe(85);
    expect(state.submitWarnings).toEqual([]);
    expect(fetchMock).toHaveBeenCalledTimes(1); // only the initial load
  });

  it('saves a partial draft, and keeps what was typed when the save fails', async () => {
    const state = await mountView();
    state.form.values.innovation = 30;
    state.form.comment = '数据来源清晰';
    fetchMock.mockResolvedValueOnce(json(409, { status: 409, code: 'ROUND_NOT_OPEN', detail: '评审轮次未开启' }));
    await state.saveDraft();
    await flushPromises();
    const request = fetchMock.mock.calls[1]![0];
    expect(request.method).toBe('PUT');
    expect(new URL(request.url).pathname).toBe('/api/v1/assignments/a1/score');
    expect(await request.json()).toEqual({ values: { innovation: 30 }, comments: {}, comment: '数据来源清晰' });
    expect(state.form.values.innovation).toBe(30);
    expect(state.form.comment).toBe('数据来源清晰');
    expect(document.body.textContent).toContain('评审轮次未开启');

    fetchMock.mockResolvedValueOnce(
      json(200, {
        id: 's1',
        status: 'draft',
        values: { innovation: 30 },
        comments: {},
        comment: '数据来源清晰',
        total: 30,
        submittedAt: null,
        reopenedAt: null,
        reopenReason: null,
      }),
    );
    await state.saveDraft();
    await flushPromises();
    expect(state.detail.score?.status).toBe('draft');
  });
});
