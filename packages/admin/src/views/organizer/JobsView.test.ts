import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JOB_QUEUES } from '@saishi/shared';
import { makeI18n } from '../../i18n';
import { byTest, click, json, pageText, stubFetch } from '../../test/dom';
import JobsView from './JobsView.vue';

// The organizers' jobs screen (issue 15.1): every queue's jobs, queued, running or failed with
// the reason, and a failed one tried again.

const job = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  queue: 'messages.deliver',
  state: 'completed',
  retryCount: 0,
  retryLimit: 6,
  createdAt: '2024-07-20T02:00:00.000Z',
  startAfter: '2024-07-20T02:00:00.000Z',
  startedAt: '2024-07-20T02:00:01.000Z',
  completedAt: '2024-07-20T02:00:02.000Z',
  error: null,
  ...overrides,
});
const failed = job('22222222-2222-4222-8222-222222222222', {
  queue: 'webhooks.deliver',
  state: 'failed',
  retryCount: 5,
  retryLimit: 5,
  error: 'connect ECONNREFUSED 203.0.113.7:443',
});
const waiting = job('33333333-3333-4333-8333-333333333333', {
  queue: 'review.auto-assign',
  state: 'retry',
  retryCount: 1,
  startAfter: '2024-07-20T02:05:00.000Z',
  completedAt: null,
});
const summary = {
  queues: [
    { queue: 'webhooks.deliver', counts: { created: 0, retry: 0, active: 0, completed: 3, failed: 1, cancelled: 0 } },
    { queue: 'test.other', counts: { created: 2, retry: 0, active: 1, completed: 0, failed: 0, cancelled: 0 } },
  ],
};

/** Answers the summary, a retry, and the list. */
const answer = (request: Request) => {
  const path = new URL(request.url).pathname;
  if (path.endsWith('/summary')) return json(summary);
  if (request.method === 'POST')
    return json({ ...failed, state: 'created', error: null, progress: null, result: null });
  return json({ items: [failed, waiting], nextCursor: null, total: 2 });
};

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN') {
  setActivePinia(createPinia());
  mount(JobsView, { global: { plugins: [makeI18n(locale), ElementPlus] }, attachTo: document.body });
  await flushPromises();
}

describe('the jobs screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('names every queue of the platform in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { global } = makeI18n(locale);
      for (const queue of JOB_QUEUES) expect(global.te(`jobs.queues.${queue.replace(/[^a-z]/g, '_')}`)).toBe(true);
    }
  });

  it('shows each job with its queue, state, tries and why it failed', async () => {
    stubFetch(answer);
    await mountView();
    const rows = byTest('jobs-list').querySelectorAll('.el-table__row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Webhook 推送');
    expect(rows[0]!.textContent).toContain('失败原因：connect ECONNREFUSED 203.0.113.7:443');
    expect(rows[0]!.textContent).toContain('重试 5/5 次');
    expect(rows[1]!.textContent).toContain('自动分配评审');
    expect(rows[1]!.textContent).toContain('等待重试');
    expect(rows[1]!.textContent).toContain('之后再试');
    // Only the failed one can be retried.
    expect(document.querySelectorAll('[data-test="jobs-retry"]')).toHaveLength(1);
    // The summary counts what waits, runs and failed per queue; an unknown queue shows its name.
    const summaryText = byTest('jobs-summary').textContent;
    expect(summaryText).toContain('test.other');
    expect(byTest('jobs-count-failed').textContent).toBe('1');
  });

  it('narrows the list to a queue’s failed jobs from the summary', async () => {
    const { requests } = stubFetch(answer);
    await mountView();
    await click(byTest('jobs-count-failed'));
    await flushPromises();
    const last = requests()
      .map((request) => new URL(request.url))
      .findLast((url) => url.pathname === '/api/v1/jobs')!;
    expect(last.searchParams.get('state')).toBe('failed');
    expect(last.searchParams.get('queue')).toBe('webhooks.deliver');
  });

  it('tries a failed job again and shows it queued', async () => {
    const { requests } = stubFetch(answer);
    await mountView();
    await click(byTest('jobs-retry'));
    await flushPromises();
    const post = requests().find((request) => request.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe(`/api/v1/jobs/${failed.id}/retry`);
    expect(byTest('jobs-state').textContent).toContain('排队中');
    expect(pageText()).toContain('已重新排队任务 22222222');
    expect(document.querySelectorAll('[data-test="jobs-retry"]')).toHaveLength(0);
  });

  it('speaks English', async () => {
    stubFetch(answer);
    await mountView('en');
    expect(byTest('jobs-list').textContent).toContain('Failed: connect ECONNREFUSED 203.0.113.7:443');
    expect(byTest('jobs-retry').getAttribute('aria-label')).toBe('Retry job 22222222');
  });
});
