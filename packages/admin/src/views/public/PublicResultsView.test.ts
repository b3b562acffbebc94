import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../../i18n';
import { routes } from '../../router/routes';
import { byTest, json as answer, stubFetch } from '../../test/dom';
import PublicResultsView from './PublicResultsView.vue';

const result = (n: number) => ({
  projectId: `00000000-0000-4000-8000-00000000000${n}`,
  title: `获奖作品${n}`,
  teamName: `团队${n}`,
  trackCode: 'society',
  categoryCode: 'modeling',
  grade: 'first',
  fields: [],
  units: [],
  summary: '',
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
