import type { MessageCatalog } from './types.js';

/** Messages of the webhook endpoints and their deliveries. */
export const webhookMessages = {
  WEBHOOK_NOT_FOUND: { 'zh-CN': 'Webhook 端点不存在：{id}', en: 'No such webhook endpoint: {id}' },
  WEBHOOK_DELIVERY_NOT_FOUND: {
    'zh-CN': '该端点没有这次投递：{id}',
    en: 'The endpoint has no such delivery: {id}',
  },
  WEBHOOK_DELIVERY_PENDING: {
    'zh-CN': '该投递仍在等待投递或重试，无需重新投递：{id}',
    en: 'The delivery is still pending (a try or retry is due): no need to redeliver {id}',
  },
  WEBHOOK_ENDPOINT_LIMIT: {
    'zh-CN': '每个赛事最多可登记 {max} 个 Webhook 端点：请先删除不再使用的端点',
    en: 'An edition may have at most {max} webhook endpoints: delete one no longer used first',
  },
  WEBHOOK_URL_INVALID: {
    'zh-CN': 'Webhook 地址无效：须为不含用户名和密码的 http(s) 地址',
    en: 'The webhook URL is not valid: it must be an http(s) URL without a user name or password',
  },
  WEBHOOK_TARGET_FORBIDDEN: {
    'zh-CN': 'Webhook 地址指向内网、本机或保留地址（{address}），不允许投递',
    en: 'The webhook URL points to a private, loopback or reserved address ({address}): not allowed',
  },
  WEBHOOK_TARGET_UNRESOLVED: {
    'zh-CN': '无法解析 Webhook 地址的主机名：{host}',
    en: 'The host name of the webhook URL does not resolve: {host}',
  },
} satisfies MessageCatalog;
