import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { byTest, click, json, pageText, stubFetch } from '../../test/dom';
import MessagesView from './MessagesView.vue';

// The organizers' messages screen (issue 15.6): what was sent to whom (masked), by which
// channel, where it is and why it failed, and sending it again.

const message = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  kind: 'qualification_approved',
  subject: '资格审核通过：智慧物流数据联合体',
  channel: 'email',
  recipient: 'l***@saishi.demo',
  userId: '11111111-1111-4111-8111-111111111111',
  recipientName: '张队长',
  state: 'sent',
  attempts: 1,
  error: null,
  createdAt: '2024-07-20T02:00:00.000Z',
  sentAt: '2024-07-20T02:00:01.000Z',
  resendable: true,
  ...overrides,
});
const failed = message('22222222-2222-4222-8222-222222222222', {
  state: 'failed',
  attempts: 7,
  error: '550 5.1.1 mailbox unavailable',
  sentAt: null,
});
const code = message('33333333-3333-4333-8333-333333333333', {
  kind: 'verification_code',
  subject: '赛事平台注册验证码',
  recipient: '138****0001',
  channel: 'sms',
  recipientName: null,
  userId: null,
  resendable: false,
});

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN') {
  setActivePinia(createPinia());
  mount(MessagesView, { global: { plugins: [makeI18n(locale), ElementPlus] }, attachTo: document.body });
  await flushPromises();
}

describe('the messages screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows each message masked, with its channel, state and why it failed', async () => {
    stubFetch(() => json({ items: [failed, code], nextCursor: null, total: 2 }));
    await mountView();
    const rows = byTest('messages-list').querySelectorAll('.el-table__row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('张队长');
    expect(rows[0]!.textContent).toContain('l***@saishi.demo');
    expect(rows[0]!.textContent).toContain('失败原因：550 5.1.1 mailbox unavailable');
    expect(rows[0]!.textContent).toContain('已尝试 7 次');
    expect(rows[1]!.textContent).toContain('短信');
    expect(rows[1]!.textContent).toContain('（无账号）');
    expect(rows[1]!.textContent).toContain('含验证码，不可重发');
    // Only the failed one has a resend button.
    expect(document.querySelectorAll('[data-test="messages-resend"]')).toHaveLength(1);
  });

  it('narrows the list by state', async () => {
    const { requests } = stubFetch(() => json({ items: [failed], nextCursor: null, total: 1 }));
    await mountView();
    await click(byTest('filter-state').querySelector('.el-select__wrapper')!);
    const option = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find(
      (item) => item.textContent?.trim() === '失败',
    );
    await click(option!);
    await flushPromises();
    const last = new URL(requests().at(-1)!.url);
    expect(last.pathname).toBe('/api/v1/messages');
    expect(last.searchParams.get('state')).toBe('failed');
  });

  it('sends a failed message again and shows it queued', async () => {
    const { requests } = stubFetch((request) =>
      request.method === 'POST'
        ? json({ ...failed, state: 'queued', resendable: false }, 202)
        : json({ items: [failed], nextCursor: null, total: 1 }),
    );
    await mountView();
    await click(byTest('messages-resend'));
    await flushPromises();
    const post = requests().find((request) => request.method === 'POST')!;
    expect(new URL(post.url).pathname).toBe(`/api/v1/messages/${failed.id}/resend`);
    expect(byTest('messages-state').textContent).toContain('排队中');
    expect(pageText()).toContain('已重新排队发送给 l***@saishi.demo');
  });

  it('speaks English', async () => {
    stubFetch(() => json({ items: [failed], nextCursor: null, total: 1 }));
    await mountView('en');
    expect(byTest('messages-list').textContent).toContain('Failed: 550 5.1.1 mailbox unavailable');
    expect(byTest('messages-resend').getAttribute('aria-label')).toBe('Resend to l***@saishi.demo');
  });
});
