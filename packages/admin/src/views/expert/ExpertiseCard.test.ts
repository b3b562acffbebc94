import ElementPlus, { ElOption, ElSelect } from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { useAuthStore } from '../../stores/auth';
import { useEditionStore } from '../../stores/edition';
import { byTest, click, json as answer, pageText, stubFetch } from '../../test/dom';
import ExpertiseCard from './ExpertiseCard.vue';

const ME = '7d1f4a52-0c1e-4c55-9b35-2a8f3f7d0c11';
const OTHER_EDITION_TOPIC = 'c3c1e0aa-5d7e-4a8e-9a51-9b8d5b8a0001';
const topics = [
  { id: 't-weather', fieldCode: 'meteorological_services', title: '短临降水预报' },
  { id: 't-health', fieldCode: 'healthcare', title: '慢病随访' },
];

async function mountCard() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useEditionStore();
  store.edition = { code: '2024-guangxi' } as never; // reference data already loaded
  store.fields = [
    { code: 'meteorological_services', nameZh: '气象服务', nameEn: 'Meteorological services' },
    { code: 'healthcare', nameZh: '医疗健康', nameEn: 'Healthcare' },
  ] as never;
  useAuthStore().me = { id: ME, role: 'expert', displayName: '李专家' } as never;
  const wrapper = mount(ExpertiseCard, {
    global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

describe('the expert’s own fields and topics', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows what they declared by name, and saves a change keeping topics of other editions', async () => {
    const { requests } = stubFetch(async (request) => {
      if (request.url.endsWith('/topics')) return answer({ items: topics, nextCursor: null, total: 2 });
      if (request.method === 'PATCH') return answer({ id: ME, ...(await request.clone().json()) });
      return answer({ id: ME, fieldCodes: ['meteorological_services'], topicIds: ['t-weather', OTHER_EDITION_TOPIC] });
    });
    const wrapper = await mountCard();
    expect(byTest('expertise-fields').textContent).toContain('气象服务');
    expect(byTest('expertise-topics').textContent).toContain('短临降水预报');
    expect(pageText()).not.toContain(OTHER_EDITION_TOPIC);

    const [fields, chosenTopics] = wrapper.findAllComponents(ElSelect);
    fields!.vm.$emit('update:modelValue', ['meteorological_services', 'healthcare']);
    chosenTopics!.vm.$emit('update:modelValue', ['t-weather', 't-health']);
    await flushPromises();
    await click(byTest('expertise-save'));
    await flushPromises();

    const patch = requests().find((request) => request.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe(`/api/v1/experts/${ME}`);
    expect(await patch.json()).toEqual({
      fieldCodes: ['meteorological_services', 'healthcare'],
      topicIds: ['t-weather', 't-health', OTHER_EDITION_TOPIC],
    });
    expect(pageText()).toContain('已保存：2 个专业领域、2 个赛题');
  });

  it('offers the topics of the fields chosen', async () => {
    stubFetch(async (request) =>
      request.url.endsWith('/topics')
        ? answer({ items: topics, nextCursor: null, total: 2 })
        : answer({ id: ME, fieldCodes: ['healthcare'], topicIds: [] }),
    );
    const wrapper = await mountCard();
    const topicSelect = wrapper.findAllComponents(ElSelect)[1]!;
    const offered = topicSelect.findAllComponents(ElOption).map((option) => option.props('label'));
    expect(offered).toEqual(['慢病随访']);
  });
});
