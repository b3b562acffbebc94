import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { click, json, stubFetch } from '../../test/dom';
import ProjectsView from './ProjectsView.vue';

async function mountView() {
  const stub = stubFetch((request) =>
    new URL(request.url).pathname === '/api/v1/projects'
      ? json({ items: [], nextCursor: null, total: 0 })
      : json({ items: [] }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  mount(ProjectsView, { global: { plugins: [pinia, makeI18n('zh-CN'), ElementPlus] }, attachTo: document.body });
  await flushPromises();
  return stub;
}

/** The `sort` of the last request for the list. */
const lastSort = (requests: () => Request[]) =>
  new URL(requests().findLast((request) => new URL(request.url).pathname === '/api/v1/projects')!.url).searchParams.get(
    'sort',
  );

/** Clicks a column header by its words, as a person sorts a table. */
async function sortBy(header: string): Promise<void> {
  const cell = [...document.querySelectorAll<HTMLElement>('[data-test="projects-table"] th')].find(
    (th) => th.textContent?.trim() === header,
  );
  if (!cell) throw new Error(`no column "${header}"`);
  await click(cell);
}

describe('the projects list', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('asks the server for newest first, then for the order a column header says', async () => {
    const { requests } = await mountView();
    expect(lastSort(requests)).toBe('newest');
    await sortBy('标题');
    expect(lastSort(requests)).toBe('title');
    await sortBy('最近提交');
    expect(lastSort(requests)).toBe('lastSubmitted');
    await sortBy('创建时间');
    expect(lastSort(requests)).toBe('newest');
    await sortBy('创建时间');
    expect(lastSort(requests)).toBe('oldest');
  });

  it('keeps the order out of the export, which takes the filters only', async () => {
    const { requests } = await mountView();
    await sortBy('标题');
    const exportButton = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('CSV'))!;
    await click(exportButton);
    const exported = requests().find((request) => new URL(request.url).pathname === '/api/v1/projects/export');
    expect(exported && new URL(exported.url).searchParams.has('sort')).toBe(false);
  });
});
