import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { makeI18n } from '../i18n';
import { expertRoutes, organizerRoutes } from '../router';
import { useAuthStore } from '../stores/auth';
import { byTest, click, json, queryTest, stubFetch } from '../test/dom';
import AppLayout from './AppLayout.vue';

// A screen's place in the layout, and the app's root that holds the layout: plain render functions.
const Screen = () => h('p', 'screen');
const Root = () => h(RouterView);

async function mountLayout(role: 'admin' | 'expert', path: string): Promise<Router> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = { id: 'u1', email: 'a@b.c', mobile: null, displayName: '赛事管理员', role };
  const router = createRouter({
    history: createMemoryHistory('/admin/'),
    routes: [
      {
        path: '/',
        component: AppLayout,
        children: [...organizerRoutes, ...expertRoutes].map(({ path, name, meta }) => ({
          path,
          name,
          meta,
          component: Screen,
        })),
      },
    ],
  });
  await router.push(path);
  mount(Root, {
    global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus, router] },
    attachTo: document.body,
  });
  await flushPromises();
  return router;
}

describe('the layout', () => {
  beforeEach(() => {
    stubFetch(() => json({}, 404));
    localStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('builds the navigation from links, each screen reachable with Tab and openable in a new tab', async () => {
    await mountLayout('admin', '/review');
    const links = [...document.querySelectorAll<HTMLAnchorElement>('nav a')];
    expect(links.map((link) => link.textContent?.trim())).toEqual([
      '工作台',
      '赛事设置',
      '赛季与分赛',
      '分赛区',
      '参赛单位',
      '资格审核',
      '作品管理',
      '评审专家',
      '评审分配',
      '奖项',
      '成果库',
      '通知公告',
      '账号管理',
      '存证校验',
      '消息记录',
      'Webhook 推送',
      '个人信息',
      '后台任务',
    ]);
    expect(byTest<HTMLAnchorElement>('nav-ledger').getAttribute('href')).toBe('/admin/ledger');
    expect(links.every((link) => link.tabIndex === 0)).toBe(true);
    expect(byTest('nav-review').getAttribute('aria-current')).toBe('page');
    expect(byTest('nav-dashboard').hasAttribute('aria-current')).toBe(false);
  });

  it('shows experts only their own screens', async () => {
    await mountLayout('expert', '/my-assignments');
    expect([...document.querySelectorAll('nav a')].map((link) => link.getAttribute('href'))).toEqual([
      '/admin/my-assignments',
    ]);
  });

  it('heads each screen with its title, in the window title too', async () => {
    const router = await mountLayout('admin', '/dashboard');
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(byTest('screen-title').tagName).toBe('H1');
    expect(byTest('screen-title').textContent).toBe('工作台');
    await router.push('/experts');
    await flushPromises();
    expect(byTest('screen-title').textContent).toBe('评审专家');
    expect(document.title).toBe('评审专家 · 赛事管理平台');
    expect(document.querySelector('main')?.id).toBe('main');
    expect(document.querySelector<HTMLAnchorElement>('a.skip-link')?.getAttribute('href')).toBe('#main');
  });

  it('folds the side navigation away and keeps it folded across reloads', async () => {
    await mountLayout('admin', '/dashboard');
    expect(queryTest('nav-aside')).not.toBeNull();
    expect(byTest('nav-fold').getAttribute('aria-expanded')).toBe('true');
    await click(byTest('nav-fold'));
    expect(queryTest('nav-aside')).toBeNull();
    expect(byTest('nav-fold').getAttribute('aria-label')).toBe('展开导航');
    document.body.innerHTML = '';
    await mountLayout('admin', '/dashboard');
    expect(queryTest('nav-aside')).toBeNull();
    await click(byTest('nav-fold'));
    expect(queryTest('nav-aside')).not.toBeNull();
  });
});
