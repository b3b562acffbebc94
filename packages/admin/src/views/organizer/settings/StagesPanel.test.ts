import ElementPlus from 'element-plus';
import { mount, flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../../i18n';
import { useEditionStore, type Timeline } from '../../../stores/edition';
import StagesPanel from './StagesPanel.vue';

const timeline: Timeline = {
  now: '2024-07-15T02:00:00.000Z',
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
    {
      code: 'final',
      nameZh: '决赛评审',
      nameEn: 'Final review',
      startsAt: '2024-08-31T16:00:00.000Z',
      endsAt: '2024-09-30T16:00:00.000Z',
      isOpen: false,
    },
  ],
};

async function mountPanel() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useEditionStore();
  store.edition = { code: '2024-guangxi' } as never;
  store.timeline = structuredClone(timeline);
  const wrapper = mount(StagesPanel, {
    global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, store };
}

type PanelState = {
  dialog: { open: boolean; code: string; startsAt: string | null; endsAt: string | null };
  warnings: string[];
  save(): Promise<void>;
  serverErrors: string[];
};

describe('the stages panel', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
  beforeEach(() => {
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the stages in the edition time zone', async () => {
    const { wrapper } = await mountPanel();
    expect(wrapper.text()).toContain('项目征集');
    expect(wrapper.text()).toContain('2024-06-24 00:00');
  });

  it('warns with the shared rule and does not call the API when a stage would overlap the previous one', async () => {
    const { wrapper } = await mountPanel();
    await wrapper.find('[data-test="edit-stage-final"]').trigger('click');
    const state = wrapper.vm as unknown as PanelState;
    state.dialog.startsAt = '2024-08-20 00:00:00';
    await flushPromises();
    expect(state.warnings).toHaveLength(1);
    expect(state.warnings[0]).toContain('preliminary');
    await state.save();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps the dialog and the entered dates open with the API message when the save fails', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ status: 422, code: 'STAGES_OVERLAP', detail: '阶段时间重叠（服务器）' }), {
        status: 422,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    const { wrapper, store } = await mountPanel();
    await wrapper.find('[data-test="edit-stage-final"]').trigger('click');
    const state = wrapper.vm as unknown as PanelState;
    const entered = '2024-09-02 09:00:00';
    state.dialog.startsAt = entered;
    await state.save();
    await flushPromises();
    expect(state.dialog.open).toBe(true);
    expect(state.dialog.startsAt).toBe(entered);
    expect(state.serverErrors).toEqual(['阶段时间重叠（服务器）']);
    expect(store.timeline!.stages[2]!.startsAt).toBe(timeline.stages[2]!.startsAt);
  });

  it('saves valid dates and shows the timeline the API answers', async () => {
    const answered = structuredClone(timeline);
    answered.stages[2]!.startsAt = '2024-09-02T01:00:00.000Z';
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify(answered), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const { wrapper, store } = await mountPanel();
    await wrapper.find('[data-test="edit-stage-final"]').trigger('click');
    const state = wrapper.vm as unknown as PanelState;
    state.dialog.startsAt = '2024-09-02 09:00:00'; // Beijing time, whatever the test machine's zone
    await state.save();
    await flushPromises();
    const request = fetchMock.mock.calls[0]![0];
    expect(request.method).toBe('PATCH');
    expect(new URL(request.url).pathname).toBe('/api/v1/editions/2024-guangxi/stages/final');
    expect(await request.json()).toEqual({ startsAt: '2024-09-02T01:00:00.000Z', endsAt: '2024-09-30T16:00:00.000Z' });
    expect(state.dialog.open).toBe(false);
    expect(store.timeline!.stages[2]!.startsAt).toBe('2024-09-02T01:00:00.000Z');
  });
});
