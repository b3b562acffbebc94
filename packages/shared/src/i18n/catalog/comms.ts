import type { MessageCatalog } from './types.js';

/** Messages of the job runner, notifications and announcements. */
export const commsMessages = {
  JOB_NOT_FOUND: { 'zh-CN': '后台任务不存在：{id}', en: 'No such background job: {id}' },
  JOB_NOT_FAILED: {
    'zh-CN': '只能重试已失败的任务（该任务状态：{state}）',
    en: 'Only a failed job can be retried (this one is {state})',
  },
} satisfies MessageCatalog;
