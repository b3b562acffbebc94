import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../../i18n';
import { byTest, click, json, stubFetch } from '../../test/dom';
import QualificationView from './QualificationView.vue';

const EXPORT_PATH = '/api/v1/teams/export';

async function mountView() {
  const stub = stubFetch((request) => {
    const { pathname, searchParams } = new URL(request.url);
    if (pathname === EXPORT_PATH)
      return new Response('团队名称\n', {
        headers: { 'Content-Disposition': `attachment; filename*=UTF-8''teams.${searchParams.get('format')}` },
      });
    return pathname === '/api/v1/teams' ? json({ items: [], nextCursor: null, total: 0 }) : json({ items: [] });
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', name: 'any', component: { template: '<div />' } }],
  });
  mount(QualificationView, {
    global: { plugins: [pinia, router, makeI18n('zh-CN'), ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return stub;
}

describe('the qualification queue’s export buttons', () => {
  let saved: string[];
  beforeEach(() => {
    saved = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:saishi/teams');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('download the teams of the shown filters as CSV and as XLSX, without the list’s order or page', async () => {
    const { requests } = await mountView();
    await click(byTest('export-teams-csv'));
    await flushPromises();
    await click(byTest('export-teams-xlsx'));
    await flushPromises();

    const exports = requests()
      .map((request) => new URL(request.url))
      .filter((url) => url.pathname === EXPORT_PATH)
      .map((url) => Object.fromEntries(url.searchParams));
    // The queue opens on the teams waiting for a decision: the export takes that filter along.
    expect(exports).toEqual([
      { edition: 'current', status: 'submitted', format: 'csv' },
      { edition: 'current', status: 'submitted', format: 'xlsx' },
    ]);
    expect(saved).toEqual(['teams.csv', 'teams.xlsx']);
  });
});
