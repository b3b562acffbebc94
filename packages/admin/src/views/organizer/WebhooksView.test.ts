import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { useEditionStore } from '../../stores/edition';
import { answerBox, byTest, choose, click, inputOf, json, pageText, queryTest, stubFetch, type } from '../../test/dom';
import WebhooksView from './WebhooksView.vue';

// The organizers' webhooks screen (issue 13): endpoints per edition, the secret shown once,
// destructive actions confirmed first, and each endpoint's delivery log with redelivery.

const ENDPOINT_ID = '0b7c3e52-6f1d-4a8e-9c2b-5d4e3f2a1b0c';
const endpoint = {
  id: ENDPOINT_ID,
  editionId: '11111111-1111-4111-8111-111111111111',
  url: 'https://hooks.gxszkj.example.cn/saishi',
  description: '广西数智科技：同步资格审核',
  events: ['team.submitted', 'team.qualified'],
  enabled: true,
  previousSecretExpiresAt: null,
  createdAt: '2024-07-01T09:30:00.000+08:00',
  updatedAt: '2024-07-01T09:30:00.000+08:00',
};
const SECRET = 'whsec_q3N0dS1hLXJlYWwtc2VjcmV0';
const delivery = {
  id: '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4',
  endpointId: ENDPOINT_ID,
  eventId: '9e8d7c6b-5a49-4382-8716-a5b4c3d2e1f0',
  eventType: 'team.submitted',
  state: 'failed',
  attempts: 8,
  createdAt: '2024-07-15T10:00:00.000+08:00',
  deliveredAt: null,
  tries: [
    { attempt: 1, statusCode: null, durationMs: 10000, error: 'timeout', at: '2024-07-15T10:00:00.215+08:00' },
    { attempt: 8, statusCode: 500, durationMs: 184, error: 'HTTP 500', at: '2024-07-15T16:00:00.215+08:00' },
  ],
};

/** The API as the screen meets it: answers by method and path; everything asked is recorded. */
function stubApi(endpoints: object[] = [endpoint]) {
  return stubFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/api/v1/editions/2024-guangxi/webhooks')
      return json({ items: endpoints, nextCursor: null, total: endpoints.length });
    if (request.method === 'POST' && path === '/api/v1/editions/2024-guangxi/webhooks')
      return json({ ...endpoint, ...((await request.clone().json()) as object), secret: SECRET }, 201);
    if (request.method === 'POST' && path.endsWith('/rotate-secret')) return json({ ...endpoint, secret: SECRET });
    if (request.method === 'PATCH') return json({ ...endpoint, ...((await request.clone().json()) as object) });
    if (request.method === 'DELETE') return json(null, 204);
    if (request.method === 'GET' && path.endsWith('/deliveries'))
      return json({ items: [delivery], nextCursor: null, total: 1 });
    if (request.method === 'POST' && path.endsWith('/redeliver'))
      return json({ ...delivery, state: 'pending', tries: delivery.tries }, 202);
    return json({ status: 404, code: 'NOT_FOUND', detail: 'not here' }, 404);
  });
}

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useEditionStore().edition = { code: '2024-guangxi', name: '2024 广西', timeZone: 'Asia/Shanghai' } as never;
  mount(WebhooksView, { global: { plugins: [pinia, makeI18n(locale), ElementPlus] }, attachTo: document.body });
  await flushPromises();
}

/** A form item's message, shown once its (animated) entrance has run. */
const saysUnderField = (text: string) =>
  vi.waitFor(
    () => {
      const shown = [...byTest('webhook-dialog').querySelectorAll('.el-form-item__error')].map((e) => e.textContent);
      expect(shown.join(' ')).toContain(text);
    },
    { timeout: 10_000 },
  );

const sent = (requests: () => Request[], method: string) => requests().filter((request) => request.method === method);

describe('the webhooks screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it("lists the edition's endpoints with their events by name", async () => {
    stubApi();
    await mountView();
    const row = byTest('webhooks-list').querySelector('.el-table__row')!;
    expect(row.textContent).toContain('https://hooks.gxszkj.example.cn/saishi');
    expect(row.textContent).toContain('广西数智科技：同步资格审核');
    expect(row.textContent).toContain('团队提交报名');
    expect(row.textContent).toContain('资格审核通过');
    expect(row.textContent).toContain('已启用');
    expect(row.textContent).not.toContain('team.submitted');
  });

  it('says so when the edition has no endpoint', async () => {
    stubApi([]);
    await mountView();
    expect(byTest('webhooks-list').textContent).toContain('本赛事尚未登记 Webhook 端点');
  });

  it('registers an endpoint and shows its secret once, copyable', async () => {
    const { requests } = stubApi([]);
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await mountView();
    await click(byTest('webhook-add'));
    // Neither a URL nor an event: said under the fields, nothing sent.
    await click(byTest('webhook-save'));
    await saysUnderField('至少选择一种事件');
    expect(sent(requests, 'POST')).toHaveLength(0);

    await type(inputOf('webhook-url'), 'https://hooks.gxszkj.example.cn/saishi');
    await choose('成果发布', byTest('webhook-events'));
    await choose('团队提交报名', byTest('webhook-events'));
    await click(byTest('webhook-save'));
    const [post] = sent(requests, 'POST');
    expect(await post!.json()).toEqual({
      url: 'https://hooks.gxszkj.example.cn/saishi',
      description: null,
      events: ['team.submitted', 'results.published'],
      enabled: true,
    });
    expect((inputOf('webhook-secret-value') as HTMLInputElement).value).toBe(SECRET);
    expect(byTest('webhook-secret').textContent).toContain('密钥只显示这一次');
    await click(byTest('webhook-secret-copy'));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(pageText()).toContain('密钥已复制');
  });

  it('puts what the API refused under the field', async () => {
    stubFetch((request) =>
      request.method === 'PATCH'
        ? json(
            {
              status: 400,
              code: 'WEBHOOK_TARGET_FORBIDDEN',
              detail: '该地址指向内网，不能接收 Webhook',
              errors: [{ path: '/body/url', message: '该地址指向内网，不能接收 Webhook' }],
            },
            400,
          )
        : json({ items: [endpoint], nextCursor: null, total: 1 }),
    );
    await mountView();
    await click(byTest('webhook-edit'));
    await type(inputOf('webhook-url'), 'http://10.0.0.1/hook');
    await click(byTest('webhook-save'));
    await saysUnderField('该地址指向内网，不能接收 Webhook');
  });

  it('rotates the secret only when confirmed, and shows the new one', async () => {
    const { requests } = stubApi();
    await mountView();
    await click(byTest('webhook-rotate'));
    expect(await answerBox(false)).toContain('旧密钥在 24 小时内仍会一同签名');
    expect(sent(requests, 'POST')).toHaveLength(0);

    await click(byTest('webhook-rotate'));
    await answerBox(true);
    await flushPromises();
    expect(new URL(sent(requests, 'POST')[0]!.url).pathname).toBe(`/api/v1/webhooks/${ENDPOINT_ID}/rotate-secret`);
    expect((inputOf('webhook-secret-value') as HTMLInputElement).value).toBe(SECRET);
  });

  it('disables an endpoint after a confirmation saying what is lost', async () => {
    const { requests } = stubApi();
    await mountView();
    await click(byTest('webhook-toggle'));
    expect(await answerBox(true)).toContain('重新启用后也不会补发');
    await flushPromises();
    const [patch] = sent(requests, 'PATCH');
    expect(await patch!.json()).toEqual({ enabled: false });
    expect(byTest('webhooks-list').textContent).toContain('已停用');
  });

  it('deletes an endpoint only when confirmed', async () => {
    const { requests } = stubApi();
    await mountView();
    await click(byTest('webhook-delete'));
    expect(await answerBox(true)).toContain('无法恢复');
    await flushPromises();
    expect(new URL(sent(requests, 'DELETE')[0]!.url).pathname).toBe(`/api/v1/webhooks/${ENDPOINT_ID}`);
    expect(byTest('webhooks-list').textContent).toContain('本赛事尚未登记 Webhook 端点');
  });

  it("shows an endpoint's deliveries with the receiver's answer and redelivers one", async () => {
    const { requests } = stubApi();
    await mountView();
    await click(byTest('webhook-log'));
    const log = byTest('webhook-deliveries-list');
    expect(log.textContent).toContain('团队提交报名');
    expect(log.textContent).toContain('失败');
    expect(log.textContent).toContain('已尝试 8 次');
    expect(byTest('webhook-delivery-code').textContent).toBe('500');
    await click(byTest('webhook-redeliver'));
    const post = sent(requests, 'POST')[0]!;
    expect(new URL(post.url).pathname).toBe(`/api/v1/webhooks/${ENDPOINT_ID}/deliveries/${delivery.id}/redeliver`);
    expect(byTest('webhook-delivery-state').textContent).toContain('待投递');
    // A pending delivery has its try coming: no second redelivery.
    expect(queryTest('webhook-redeliver')).toBeNull();
  });

  it('speaks English', async () => {
    stubApi();
    await mountView('en');
    expect(byTest('webhooks-list').textContent).toContain('Team submitted');
    expect(byTest('webhook-toggle').querySelector('input')!.getAttribute('aria-label')).toBe(
      'Enabled: https://hooks.gxszkj.example.cn/saishi',
    );
  });
});
