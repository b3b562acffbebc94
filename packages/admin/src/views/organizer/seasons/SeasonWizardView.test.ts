import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../../../i18n';
import { useEditionStore } from '../../../stores/edition';
import { answerBox, byTest, click, inputOf, json, pageText, stubFetch, type } from '../../../test/dom';
import SeasonWizardView from './SeasonWizardView.vue';

/** The season wizard: clone 2024 广西 → 2025 in the 2025 national edition, dates moved, then published. */
const edition = (code: string, year: number, divisionCode: string, extra: object = {}) => ({
  id: `id-${code}`,
  code,
  year,
  name: `${year}年"数据要素×"大赛${divisionCode === 'national' ? '全国总决赛' : '广西分赛'}`,
  division: divisionCode === 'national' ? '全国总决赛' : '广西分赛',
  divisionCode,
  parentId: null,
  status: 'published',
  timeZone: 'Asia/Shanghai',
  ...extra,
});
const source = edition('2024-guangxi', 2024, 'guangxi');
const stage = (code: string, startsAt: string, endsAt: string | null) => ({
  code,
  nameZh: code,
  nameEn: code,
  startsAt,
  endsAt,
  isOpen: false,
});
const timeline = {
  now: '2024-08-20T02:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  currentStage: null,
  nextStage: null,
  stages: [
    stage('collection', '2024-06-24T00:00:00+08:00', '2024-08-16T00:00:00+08:00'),
    stage('preliminary', '2024-08-16T00:00:00+08:00', '2024-09-01T00:00:00+08:00'),
    stage('final', '2024-09-01T00:00:00+08:00', '2024-10-01T00:00:00+08:00'),
    stage('promotion', '2024-10-01T00:00:00+08:00', null),
  ],
};
const items = (n: number, extra: object = {}) => ({
  items: Array.from({ length: n }, (_, index) => ({ id: `x${index}`, ...extra })),
});

const sent: { method: string; path: string; body: unknown }[] = [];
async function answer(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace('/api/v1', '');
  if (request.method !== 'GET') {
    const text = await request.clone().text();
    sent.push({ method: request.method, path, body: text ? JSON.parse(text) : null });
  }
  const routes: Record<string, unknown> = {
    'GET /divisions': {
      items: [
        { id: 'd1', code: 'guangxi', name: '广西分赛', kind: 'provincial', isDefault: true },
        { id: 'd2', code: 'national', name: '全国总决赛', kind: 'national', isDefault: false },
      ],
    },
    'GET /editions': { items: [source, edition('2025-national', 2025, 'national', { status: 'draft' })] },
    'GET /editions/2024-guangxi/stages': timeline,
    'GET /editions/2024-guangxi/tracks': items(2),
    'GET /editions/2024-guangxi/directions': items(2, { categories: [{}, {}] }),
    'GET /editions/2024-guangxi/fields': items(12),
    'GET /editions/2024-guangxi/topics': items(5),
    'GET /editions/2024-guangxi/review-rounds': items(2),
    'GET /review-rounds/x0/rubrics': items(4),
    'GET /review-rounds/x1/rubrics': items(4),
    'GET /editions/2024-guangxi/award-quotas': items(6),
    'GET /editions/2024-guangxi/events': items(1),
    'POST /editions/2024-guangxi/clone': edition('2025-guangxi', 2025, 'guangxi', { status: 'draft' }),
    'PUT /editions/2025-guangxi/stages': timeline,
    'POST /editions/2025-guangxi/publish': edition('2025-guangxi', 2025, 'guangxi'),
  };
  const body = routes[`${request.method} ${path}`];
  return body
    ? json(body, request.method === 'POST' && path.endsWith('/clone') ? 201 : 200)
    : json({ status: 404 }, 404);
}

async function mountWizard() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useEditionStore().edition = source as never;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/seasons', '/settings'].map((path) => ({
      path,
      name: path.slice(1) || 'home',
      component: { render: () => null },
    })),
  });
  const wrapper = mount(SeasonWizardView, {
    global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus, router], stubs: { ElDatePicker: true } },

    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

describe('the season wizard', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    sent.length = 0;
  });

  it('clones with the dates as adjusted, says what is copied and what never is, then publishes', async () => {
    stubFetch(answer);
    const wrapper = await mountWizard();
    expect((inputOf('wizard-code') as HTMLInputElement).value).toBe('2025-guangxi');
    expect((inputOf('wizard-name') as HTMLInputElement).value).toBe('2025年"数据要素×"大赛广西分赛');
    await click(byTest('wizard-next'));
    expect(pageText()).toContain('顺延 1 年');
    // The date pickers are stubbed (happy-dom cannot lay them out): their values are their props.
    const pickers = byTest('wizard-stage-collection').querySelectorAll('el-date-picker-stub');
    expect([...pickers].map((picker) => picker.getAttribute('modelvalue'))).toEqual([
      '2025-06-24 00:00:00',
      '2025-08-16 00:00:00',
    ]);
    await click(byTest('wizard-next'));
    expect(byTest('wizard-copied').textContent).toMatch(
      /赛程阶段 4 个.*赛道 2 个.*类别 4 个.*选题 5 个.*评审细则 8 套/,
    );
    expect(byTest('wizard-not-copied').textContent).toContain('作品、版本与附件');
    expect(sent).toEqual([]);

    await click(byTest('wizard-create'));
    expect(await answerBox(true)).toContain('2025-guangxi');
    await flushPromises();
    expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /editions/2024-guangxi/clone',
      'PUT /editions/2025-guangxi/stages',
    ]);
    expect(sent[0]!.body).toEqual({
      code: '2025-guangxi',
      year: 2025,
      name: '2025年"数据要素×"大赛广西分赛',
      parent: '2025-national',
    });
    expect((sent[1]!.body as { stages: unknown[] }).stages[0]).toEqual({
      code: 'collection',
      startsAt: '2025-06-23T16:00:00.000Z',
      endsAt: '2025-08-15T16:00:00.000Z',
    });

    await click(byTest('wizard-publish-now'));
    expect(await answerBox(true)).toContain('不能退回草稿');
    await flushPromises();
    expect(sent.at(-1)).toMatchObject({ method: 'POST', path: '/editions/2025-guangxi/publish' });
    expect(byTest('wizard-open')).toBeTruthy();
    wrapper.unmount();
  });

  it('refuses a code the API would refuse and the same year as the source before anything is sent', async () => {
    stubFetch(answer);
    const wrapper = await mountWizard();
    const code = inputOf('wizard-code');
    code.value = 'Guangxi 2025';
    code.dispatchEvent(new Event('input', { bubbles: true }));
    await flushPromises();
    expect(byTest('wizard-next').hasAttribute('disabled')).toBe(true);
    await vi.waitFor(() => expect(pageText()).toContain('代码须以四位年份开头'));
    const year = inputOf('wizard-year');
    code.value = '2024-guangxi-b';
    code.dispatchEvent(new Event('input', { bubbles: true }));
    await type(year, '2024');
    await vi.waitFor(() => expect(pageText()).toContain('新赛季年度须不同于来源赛事的年度'));
    expect(byTest('wizard-next').hasAttribute('disabled')).toBe(true);
    expect(sent).toEqual([]);
    wrapper.unmount();
  });
});
