import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../../i18n';
import { routes } from '../../router/routes';
import type { PublicResult } from '../../api/types';
import { byTest, json as answer, stubFetch } from '../../test/dom';
import PublicResultsView from './PublicResultsView.vue';

/** A published result as the API answers it (typed by the OpenAPI document, so it cannot drift). */
const result = (n: number): PublicResult => ({
  projectId: `00000000-0000-4000-8000-00000000000${n}`,
  editionId: '00000000-0000-4000-8000-000000000100',
  title: `获奖作品${n}`,
  summary: '',
  trackCode: 'society',
  trackName: '社会赛道',
  directionCode: 'modeling',
  categoryCode: 'modeling',
  awardCategoryCode: 'modeling',
  awardCategoryName: '数据建模与算法设计',
  gradeCode: 'first',
  gradeName: '一等奖',
  teamName: `团队${n}`,
  units: [],
  fields: [],
  publishedAt: '2024-10-10T10:00:00+08:00',
});

describe('the public results library', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('says how many awarded projects the filters find, of those shown', async () => {
    stubFetch((request) =>
      new URL(request.url).pathname === '/api/v1/results'
        ? answer({ items: [result(1), result(2)], nextCursor: 'next', total: 5 })
        : answer({ items: [], nextCursor: null, total: 0 }),
    );
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createRouter({
      history: createMemoryHistory('/admin/'),
      routes,
    });
    await router.push('/public/results');
    await router.isReady();
    mount(PublicResultsView, {
      global: { plugins: [pinia, router, makeI18n('zh-CN'), ElementPlus] },
      attachTo: document.body,
    });
    await flushPromises();
    expect(byTest('result-count').textContent?.trim()).toBe('共 5 个获奖作品，已显示 2 个');
  });
});
