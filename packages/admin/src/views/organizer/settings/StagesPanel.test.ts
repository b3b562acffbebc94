import ElementPlus from 'element-plus';
import { mount, flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../../i18n';
import { useEditionStore, type Timeline } from '../../../stores/edition';
import { answerBox, byTest, click, inputByLabel, json, pageText, queryTest, stubFetch, type } from '../../../test/dom';
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

/** The dialog is shown (Element Plus keeps a closed dialog in the page, hidden). */
const dialogShown = () => {
  const overlay = byTest('stage-dialog').closest<HTMLElement>('.el-overlay');
  return overlay !== null && overlay.style.display !== 'none';
};
const startsInput = () => inputByLabel('开始时间', byTest('stage-dialog')) as HTMLInputElement;
const saveButton = () => byTest<HTMLButtonElement>('stage-save');

describe('the stages panel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the stages in the edition time zone', async () => {
    stubFetch();
    const { wrapper } = await mountPanel();
    expect(wrapper.text()).toContain('项目征集');
    expect(wrapper.text()).toContain('2024-06-24 00:00');
  });

  it('warns with the shared rule and does not call the API when a stage would overlap the previous one', async () => {
    const { fetchMock } = stubFetch();
    await mountPanel();
    await click(byTest('edit-stage-final'));
    await type(startsInput(), '2024-08-20 00:00:00');
    expect(byTest('stage-warning').textContent).toContain('初赛评审');
    expect(saveButton().disabled).toBe(true);
    await click(saveButton());
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps the dialog and the entered dates open with the API message when the save fails', async () => {
    stubFetch(() => json({ status: 422, code: 'STAGES_OVERLAP', detail: '阶段时间重叠（服务器）' }, 422));
    const { store } = await mountPanel();
    await click(byTest('edit-stage-final'));
    await type(startsInput(), '2024-09-02 09:00:00');
    await click(saveButton());
    expect(dialogShown()).toBe(true);
    expect(startsInput().value).toBe('2024-09-02 09:00:00');
    expect(byTest('stage-dialog').textContent).toContain('阶段时间重叠（服务器）');
    expect(store.timeline!.stages[2]!.startsAt).toBe(timeline.stages[2]!.startsAt);
  });

  it('saves valid dates and shows the timeline the API answers', async () => {
    const answered = structuredClone(timeline);
    answered.stages[2]!.startsAt = '2024-09-02T01:00:00.000Z';
    const { requests } = stubFetch(() => json(answered));
    const { wrapper } = await mountPanel();
    await click(byTest('edit-stage-final'));
    await type(startsInput(), '2024-09-02 09:00:00'); // Beijing time, whatever the test machine's zone
    await click(saveButton());
    const [request] = requests();
    expect(request!.method).toBe('PATCH');
    expect(new URL(request!.url).pathname).toBe('/api/v1/editions/2024-guangxi/stages/final');
    expect(await request!.json()).toEqual({ startsAt: '2024-09-02T01:00:00.000Z', endsAt: '2024-09-30T16:00:00.000Z' });
    await vi.waitFor(() => expect(dialogShown()).toBe(false));
    expect(byTest('stages-table').textContent).toContain('2024-09-02 09:00');
    expect(pageText()).toContain('“决赛评审”的时间已更新');
    expect(wrapper.exists()).toBe(true);
  });

  it('asks before a date change that moves the edition into another stage now, and sends nothing when cancelled', async () => {
    const { fetchMock } = stubFetch(() => json(timeline));
    await mountPanel();
    await click(byTest('edit-stage-collection'));
    // now is 2024-07-15 10:00 in Beijing: ending the collection on 07-10 closes it at once.
    await type(inputByLabel('结束时间', byTest('stage-dialog')), '2024-07-10 00:00:00');
    await click(saveButton());
    const said = await answerBox(false);
    expect(said).toContain('当前阶段将从“项目征集”变为');
    expect(said).toContain('报名、团队变更和作品提交将关闭');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(queryTest('stage-warning')).toBeNull(); // the dates themselves are in order
  });
});
