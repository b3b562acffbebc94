import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import { makeI18n } from '../i18n';
import { byTest, click, inputOf, type } from '../test/dom';
import FilterToolbar from './FilterToolbar.vue';

/** A list screen using the toolbar: it counts the reloads the toolbar asks for. */
function mountToolbar() {
  const filters = reactive({ track: '', q: '' });
  let reloads = 0;
  const Screen = defineComponent(
    () => () =>
      h(
        FilterToolbar<typeof filters>,
        {
          modelValue: filters,
          selects: [{ key: 'track', label: '赛道', options: [{ value: 'society', label: '社会赛道' }] }],
          search: '作品名称',
          onChange: () => (reloads += 1),
        },
        { actions: () => h('button', { 'data-test': 'export' }, '导出') },
      ),
  );
  mount(Screen, { global: { plugins: [makeI18n('zh-CN'), ElementPlus] }, attachTo: document.body });
  return { filters, reloads: () => reloads };
}

describe('the filter toolbar', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('labels every control for screen readers and keeps the actions on the right', async () => {
    mountToolbar();
    await flushPromises();
    expect(byTest('filter-track').querySelector('[aria-label="赛道"], input[aria-label="赛道"]')).not.toBeNull();
    expect(inputOf('filter-search').getAttribute('aria-label')).toBe('作品名称');
    expect(document.querySelector('[role="search"]')!.lastElementChild!.textContent).toBe('导出');
  });

  it('sets the search text and asks for a reload on Enter and on the search button', async () => {
    const toolbar = mountToolbar();
    await flushPromises();
    await type(inputOf('filter-search'), '内涝');
    expect(toolbar.filters.q).toBe('内涝');
    expect(toolbar.reloads()).toBe(0); // typing alone does not reload
    inputOf('filter-search').dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }));
    await flushPromises();
    expect(toolbar.reloads()).toBe(1);
    await click(byTest('filter-submit'));
    expect(toolbar.reloads()).toBe(2);
  });

  it('sets a filter from its options and reloads at once', async () => {
    const toolbar = mountToolbar();
    await flushPromises();
    await click(byTest('filter-track').querySelector('.el-select__wrapper')!);
    const option = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
      (item) => item.textContent?.trim() === '社会赛道',
    );
    await click(option!);
    expect(toolbar.filters.track).toBe('society');
    expect(toolbar.reloads()).toBe(1);
  });
});
