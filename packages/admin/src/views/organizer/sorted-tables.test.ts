import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../../i18n';
import { useAuthStore } from '../../stores/auth';
import { click, json, stubFetch } from '../../test/dom';
import ExpertsView from './ExpertsView.vue';
import QualificationView from './QualificationView.vue';
import ResultsView from './ResultsView.vue';
import UsersView from './UsersView.vue';

// The qualification queue, the accounts and the experts are ordered by the server (issue 17, item 9):
// a header asks the API for its order, clearing it goes back to the list's default.

async function mountView(view: Component, path: string) {
  const stub = stubFetch((request) =>
    new URL(request.url).pathname === path ? json({ items: [], nextCursor: null, total: 0 }) : json({ items: [] }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = {
    id: 'u1',
    email: 'admin@saishi.demo',
    mobile: null,
    displayName: '赛事管理员',
    role: 'admin',
    disabled: false,
    createdAt: '2024-06-01T00:00:00Z',
  } as never;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/public/results', name: 'public-results', component: { template: '<div />' } },
      { path: '/:rest(.*)*', name: 'any', component: { template: '<div />' } },
    ],
  });
  mount(view, { global: { plugins: [pinia, router, makeI18n('zh-CN'), ElementPlus] }, attachTo: document.body });
  await flushPromises();
  /** The `sort` of the last request for the list. */
  return () =>
    new URL(stub.requests().findLast((request) => new URL(request.url).pathname === path)!.url).searchParams.get(
      'sort',
    );
}

/** Clicks a column header by its words, as a person sorts a table. */
async function sortBy(table: string, header: string): Promise<void> {
  const cell = [...document.querySelectorAll<HTMLElement>(`[data-test="${table}"] th`)].find(
    (th) => th.textContent?.trim() === header,
  );
  if (!cell) throw new Error(`no column "${header}" in ${table}`);
  await click(cell);
  await flushPromises();
}

describe('tables ordered by the server', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('the qualification queue: least recently changed first, then by name or latest change', async () => {
    const lastSort = await mountView(QualificationView, '/api/v1/teams');
    expect(lastSort()).toBe('updated');
    await sortBy('teams-table', '团队');
    expect(lastSort()).toBe('name');
    await sortBy('teams-table', '团队');
    expect(lastSort()).toBe('updated');
    await sortBy('teams-table', '更新时间');
    expect(lastSort()).toBe('updated');
    await sortBy('teams-table', '更新时间');
    expect(lastSort()).toBe('recent');
  });

  it('the accounts: oldest first, then by name or newest first', async () => {
    const lastSort = await mountView(UsersView, '/api/v1/users');
    expect(lastSort()).toBe('oldest');
    await sortBy('users-table', '姓名');
    expect(lastSort()).toBe('name');
    await sortBy('users-table', '注册时间');
    expect(lastSort()).toBe('oldest');
    await sortBy('users-table', '注册时间');
    expect(lastSort()).toBe('newest');
  });

  it('the results library: first grades first, then by title or team name', async () => {
    const lastSort = await mountView(ResultsView, '/api/v1/results');
    expect(lastSort()).toBe('award');
    await sortBy('results-table', '作品');
    expect(lastSort()).toBe('title');
    await sortBy('results-table', '团队');
    expect(lastSort()).toBe('team');
    await sortBy('results-table', '团队');
    expect(lastSort()).toBe('award');
  });

  it('the experts: by name, then by affiliation', async () => {
    const lastSort = await mountView(ExpertsView, '/api/v1/experts');
    expect(lastSort()).toBe('name');
    await sortBy('experts-table', '单位/高校');
    expect(lastSort()).toBe('affiliation');
    await sortBy('experts-table', '姓名');
    expect(lastSort()).toBe('name');
  });
});
