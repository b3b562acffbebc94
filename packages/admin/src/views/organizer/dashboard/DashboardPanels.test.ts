import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { makeI18n } from '../../../i18n';
import { organizerRoutes } from '../../../router';
import { byTest, queryTest } from '../../../test/dom';
import ReviewProgress from './ReviewProgress.vue';
import TodoList from './TodoList.vue';
import type { RoundProgress, Todo } from './todos';

const Screen = () => h('p');

function plugins() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory('/admin/'),
    routes: [{ path: '/', children: organizerRoutes.map(({ path, name }) => ({ path, name, component: Screen })) }],
  });
  return [pinia, makeI18n('zh-CN'), ElementPlus, router];
}

const round: RoundProgress = {
  id: 'r1',
  kind: 'preliminary',
  status: 'open',
  expertsPerProject: 3,
  stageEndsAt: null,
  projects: 4,
  reviewedProjects: 1,
  assignments: 12,
  submitted: 5,
  expertsBehind: 2,
  experts: Array.from({ length: 10 }, (_, index) => ({
    expertId: `e${index}`,
    name: `专家${index}`,
    assigned: 3,
    submitted: index === 0 ? 0 : 3,
  })),
};

describe('the dashboard panels', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('says each to-do as a sentence linking to the screen where it is done', async () => {
    const todos: Todo[] = [
      { key: 'f', message: 'flagged', params: { n: 2 }, screen: 'qualification', urgent: true },
      {
        key: 'b',
        message: 'behindUrgent',
        params: { round: 'preliminary', experts: 3, n: 7, days: 2 },
        screen: 'review',
        urgent: true,
      },
    ];
    mount(TodoList, { props: { todos }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
    expect(byTest('todo-flagged').textContent?.trim()).toBe('2 支团队被名单标记，待核查');
    expect(byTest('todo-flagged').getAttribute('href')).toBe('/admin/qualification');
    expect(byTest('todo-behindUrgent').textContent?.trim()).toBe('初赛评审 2 天后截止：3 位专家尚有 7 份评分未提交');
    expect(byTest('todo-behindUrgent').getAttribute('href')).toBe('/admin/review');
  });

  it('says so when there is nothing to do', async () => {
    mount(TodoList, { props: { todos: [] }, global: { plugins: plugins() }, attachTo: document.body });
    expect(byTest('todos-none').textContent).toBe('暂无待办事项');
  });

  it("shows a round's projects reviewed, scores in and its experts, the rest counted", async () => {
    mount(ReviewProgress, {
      props: { rounds: [round, { ...round, id: 'r2', kind: 'final', status: 'draft', assignments: 0, experts: [] }] },
      global: { plugins: plugins() },
      attachTo: document.body,
    });
    await flushPromises();
    expect(byTest('reviewed-count').textContent).toBe('1 / 4');
    expect(byTest('scores-count').textContent).toBe('5 / 12');
    const rows = [...document.querySelectorAll('.experts tbody tr')];
    expect(rows).toHaveLength(8);
    expect(rows[0]!.textContent).toContain('专家0');
    expect(rows[0]!.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('0');
    expect(byTest('review-progress').textContent).toContain('另有 2 位专家');
    // The final is a draft without assignments: nothing to show for it yet.
    expect(document.querySelectorAll('section.round')).toHaveLength(1);
    expect(queryTest('todos-none')).toBeNull();
  });
});
