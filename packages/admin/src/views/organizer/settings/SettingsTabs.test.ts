import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../../i18n';
import { useEditionStore } from '../../../stores/edition';
import AwardsView from '../AwardsView.vue';
import SettingsView from '../SettingsView.vue';

/** The edition settings hold the rubrics and the award quotas, with the same editors as the review and awards screens. */
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const name = (zh: string, en: string) => ({ nameZh: zh, nameEn: en });
const categories = {
  grades: [
    { id: 'g1', code: 'first', rank: 1, ...name('一等奖', 'First prize') },
    { id: 'g2', code: 'second', rank: 2, ...name('二等奖', 'Second prize') },
    { id: 'g3', code: 'third', rank: 3, ...name('三等奖', 'Third prize') },
    { id: 'g4', code: 'honorable', rank: 4, ...name('优秀奖', 'Honorable mention') },
  ],
  tracks: [
    {
      trackCode: 'society',
      awardCategories: [
        { id: 'c1', code: 'modeling_award', categoryCode: 'modeling', ...name('数据建模奖', 'Modeling award') },
      ],
    },
    {
      trackCode: 'university',
      awardCategories: [
        { id: 'c2', code: 'product_award', categoryCode: 'data_product', ...name('数据产品奖', 'Product award') },
      ],
    },
  ],
};
const quotas = { items: [{ trackCode: 'society', awardCategoryCode: 'modeling_award', gradeCode: 'first', quota: 3 }] };
const rounds = {
  items: [
    {
      id: 'r1',
      kind: 'preliminary',
      status: 'draft',
      expertsPerProject: 5,
      normalize: false,
      openedAt: null,
      closedAt: null,
    },
    {
      id: 'r2',
      kind: 'final',
      status: 'open',
      expertsPerProject: 7,
      normalize: false,
      openedAt: '2024-09-01T01:00:00.000Z',
      closedAt: null,
    },
  ],
};
const criteria = [
  { code: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 60, maxScore: 10 },
  { code: 'value', nameZh: '应用价值', nameEn: 'Value', weight: 40, maxScore: 10 },
];
const rubrics = (roundId: string) => ({
  items: [{ id: `${roundId}-m`, roundId, directionCode: 'modeling', criteria }],
});

function answer(request: Request): Response {
  const path = new URL(request.url).pathname;
  if (path.endsWith('/award-categories')) return json(categories);
  if (path.endsWith('/award-quotas') && request.method === 'GET') return json(quotas);
  if (path.endsWith('/award-quotas') && request.method === 'PUT') return json(quotas);
  if (path.endsWith('/review-rounds')) return json(rounds);
  const rubric = /^\/api\/v1\/review-rounds\/(\w+)\/rubrics$/.exec(path);
  if (rubric) return json(rubrics(rubric[1]!));
  if (path.endsWith('/awards')) return json({ items: [], publishedAt: null });
  return json({ status: 404, code: 'NOT_FOUND' }, 404);
}

async function mountView(component: typeof SettingsView) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useEditionStore();
  store.edition = { code: '2024-guangxi', name: '2024 广西分赛' } as never;
  store.timeline = {
    now: '2024-07-15T02:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    currentStage: 'collection',
    nextStage: 'preliminary',
    stages: [],
  };
  store.directions = [
    { code: 'modeling', ...name('数据建模', 'Modeling') },
    { code: 'product_innovation', ...name('产品创新', 'Product innovation') },
  ] as never;
  store.tracks = [
    { code: 'society', ...name('社会赛道', 'Society') },
    { code: 'university', ...name('高校赛道', 'University') },
  ] as never;
  const wrapper = mount(component, {
    global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus], stubs: { RouterLink: true } },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

async function openTab(wrapper: Awaited<ReturnType<typeof mountView>>, label: string) {
  const tab = wrapper.findAll('.el-tabs__item').find((item) => item.text() === label);
  expect(tab, `a tab named ${label}`).toBeDefined();
  await tab!.trigger('click');
  await flushPromises();
}

describe('the edition settings tabs', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;
  beforeEach(() => {
    fetchMock = vi.fn<(request: Request) => Promise<Response>>(async (request) => answer(request));
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('has a rubric tab with one editor per direction of the preliminary round, editable while the round is a draft', async () => {
    const wrapper = await mountView(SettingsView);
    await openTab(wrapper, '评分细则');
    const panel = wrapper.find('[data-test="settings-rubrics"]');
    expect(panel.exists()).toBe(true);
    expect(panel.find('[data-test="rubric-preliminary-modeling"]').text()).toContain('数据建模');
    expect(panel.find('[data-test="rubric-preliminary-product_innovation"]').exists()).toBe(true);
    const inputs = panel
      .findAll('[data-test="rubric-preliminary-modeling"] input')
      .map((input) => (input.element as HTMLInputElement).value);
    expect(inputs).toContain('innovation');
    expect(panel.text()).toContain('权重合计 100');
    expect(panel.findAll('button').some((button) => button.text() === '保存')).toBe(true);
    const paths = fetchMock.mock.calls.map(([request]) => new URL(request.url).pathname);
    expect(paths).toContain('/api/v1/editions/2024-guangxi/review-rounds');
    expect(paths).toContain('/api/v1/review-rounds/r1/rubrics');
  });

  it('shows the final round rubrics read-only once that round is open', async () => {
    const wrapper = await mountView(SettingsView);
    await openTab(wrapper, '评分细则');
    const final = wrapper
      .findAll('[data-test="settings-rubrics"] .el-radio-button')
      .find((button) => button.text() === '决赛');
    await final!.find('input').setValue(true);
    await flushPromises();
    const panel = wrapper.find('[data-test="rubrics-final"]');
    expect(panel.exists()).toBe(true);
    expect(panel.findAll('input').every((input) => (input.element as HTMLInputElement).disabled)).toBe(true);
    expect(wrapper.find('[data-test="settings-rubrics"]').text()).toContain('评分细则不能再修改');
  });

  it('has a quota tab with a row per award category a track may have and the saved quotas', async () => {
    const wrapper = await mountView(SettingsView);
    await openTab(wrapper, '奖项名额');
    const panel = wrapper.find('[data-test="settings-quotas"]');
    expect(panel.find('[data-test="quotas-table"]').exists()).toBe(true);
    expect(panel.text()).toContain('数据建模奖');
    expect(panel.text()).toContain('数据产品奖');
    expect(panel.text()).toContain('一等奖');
    expect(
      (panel.find('[data-test="quota-society-modeling_award-first"] input').element as HTMLInputElement).value,
    ).toBe('3');
    expect(panel.find('[data-test="quota-society-product_award-first"]').exists()).toBe(false); // R-CAT-1
  });

  it('saves the quotas from the settings tab with a PUT of every grade', async () => {
    const wrapper = await mountView(SettingsView);
    await openTab(wrapper, '奖项名额');
    await wrapper.find('[data-test="save-quotas"]').trigger('click');
    await flushPromises();
    const put = fetchMock.mock.calls.map(([request]) => request).find((request) => request.method === 'PUT');
    expect(new URL(put!.url).pathname).toBe('/api/v1/editions/2024-guangxi/award-quotas');
    const body = (await put!.json()) as {
      quotas: { trackCode: string; awardCategoryCode: string; gradeCode: string; quota: number }[];
    };
    expect(body.quotas).toHaveLength(8);
    expect(body.quotas).toContainEqual({
      trackCode: 'society',
      awardCategoryCode: 'modeling_award',
      gradeCode: 'first',
      quota: 3,
    });
  });

  it('keeps the same quota editor on the awards screen, next to the allocation button', async () => {
    const wrapper = await mountView(AwardsView);
    expect(wrapper.find('[data-test="quotas-table"]').exists()).toBe(true);
    expect(
      (wrapper.find('[data-test="quota-society-modeling_award-first"] input').element as HTMLInputElement).value,
    ).toBe('3');
    expect(wrapper.find('[data-test="save-quotas"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="allocate"]').exists()).toBe(true);
  });
});
