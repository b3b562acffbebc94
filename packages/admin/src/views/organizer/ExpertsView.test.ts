import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../../i18n';
import { useEditionStore } from '../../stores/edition';
import { byTest, click, json, stubFetch } from '../../test/dom';
import ExpertsView from './ExpertsView.vue';

// The organizer records an expert's topics of expertise (issue 16.3): automatic assignment prefers
// an expert of the project's topic to one of its field.

const EXPERT_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const FLOOD_TOPIC = '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const GRID_TOPIC = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
const expert = {
  id: EXPERT_ID,
  email: 'qin.expert@gxu.edu.cn',
  displayName: '覃专家',
  active: true,
  affiliationName: '广西大学',
  affiliationCreditCode: null,
  affiliationType: 'university',
  title: '教授',
  fieldCodes: ['meteorological_services'],
  topicIds: [FLOOD_TOPIC],
};
const topics = [
  { id: FLOOD_TOPIC, fieldCode: 'meteorological_services', title: '城市内涝预警', description: '', isExample: true },
  { id: GRID_TOPIC, fieldCode: 'green_low_carbon', title: '电网负荷预测', description: '', isExample: true },
];

async function mountView() {
  const stub = stubFetch((request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/experts') return json({ items: [expert], nextCursor: null, total: 1 });
    if (path === '/api/v1/editions/2024-guangxi/topics') return json({ items: topics, nextCursor: null });
    if (request.method === 'PATCH' && path === `/api/v1/experts/${EXPERT_ID}`) return json(expert);
    return json({ items: [], nextCursor: null, total: 0 });
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useEditionStore();
  store.edition = { code: '2024-guangxi', name: '2024 广西', timeZone: 'Asia/Shanghai' } as never;
  store.fields = [
    { code: 'meteorological_services', nameZh: '气象服务', nameEn: 'Meteorological services' },
    { code: 'green_low_carbon', nameZh: '绿色低碳', nameEn: 'Green and low-carbon' },
  ] as never;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', name: 'any', component: { template: '<div />' } }],
  });
  mount(ExpertsView, { global: { plugins: [pinia, router, makeI18n('zh-CN'), ElementPlus] }, attachTo: document.body });
  await flushPromises();
  return stub;
}

describe('the experts screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('offers the edition’s topics by field, keeps an expert’s own and saves the ones chosen', async () => {
    const { requests } = await mountView();
    await click(byTest('experts-table').querySelector('[data-test="expert-edit"]')!);
    const picker = byTest('expert-topics');
    // The expert's declared topic is shown chosen, by its title.
    expect(picker.textContent).toContain('城市内涝预警');
    await click(picker.querySelector('.el-select__wrapper')!);
    const groups = [...document.querySelectorAll('.el-select-group__title')].map((title) => title.textContent);
    expect(groups).toEqual(['气象服务', '绿色低碳']);
    const grid = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
      (option) => option.textContent?.trim() === '电网负荷预测',
    )!;
    await click(grid);
    await click(byTest('expert-save'));
    await flushPromises();

    const patch = requests().find((request) => request.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe(`/api/v1/experts/${EXPERT_ID}`);
    expect(((await patch.json()) as { topicIds: string[] }).topicIds).toEqual([FLOOD_TOPIC, GRID_TOPIC]);
  });
});
