import type { MessageCatalog } from './types.js';

/** Messages of the job runner, notifications and announcements. */
export const commsMessages = {
  JOB_NOT_FOUND: { 'zh-CN': '后台任务不存在：{id}', en: 'No such background job: {id}' },
  JOB_NOT_FAILED: {
    'zh-CN': '只能重试已失败的任务（该任务状态：{state}）',
    en: 'Only a failed job can be retried (this one is {state})',
  },
  DELIVERY_NOT_FOUND: { 'zh-CN': '消息发送记录不存在：{id}', en: 'No such message delivery: {id}' },
  DELIVERY_HAS_SECRET: {
    'zh-CN': '该消息含验证码或一次性链接，不能重发，请本人重新申请',
    en: 'This message carried a code or a one-time link and cannot be sent again: the person asks for a new one',
  },
  DELIVERY_QUEUED: {
    'zh-CN': '该消息正在排队发送，无需重发',
    en: 'This message is queued for sending already',
  },
  NOTIFICATION_NOT_FOUND: { 'zh-CN': '通知不存在：{id}', en: 'No such notification: {id}' },
  UNSUBSCRIBE_TOKEN_INVALID: {
    'zh-CN': '退订链接无效，请使用邮件中的完整链接',
    en: 'The unsubscribe link is not valid; use the whole link from the mail',
  },
  PASSWORD_LINK_INVALID: {
    'zh-CN': '链接无效、已使用或已过期，请重新申请',
    en: 'This link is not valid, was used already or has expired; ask for a new one',
  },
  EXPERT_ALREADY_ACTIVE: {
    'zh-CN': '该专家已设置密码，无需再次邀请（可由本人重置密码）',
    en: 'This expert has a password already: no invitation needed (they can reset it)',
  },
  ANNOUNCEMENT_NOT_FOUND: { 'zh-CN': '公告不存在：{id}', en: 'No such announcement: {id}' },
  ANNOUNCEMENT_ATTACHMENT_NOT_FOUND: {
    'zh-CN': '该公告没有这个附件：{fileId}',
    en: 'The announcement has no such attachment: {fileId}',
  },
} satisfies MessageCatalog;
