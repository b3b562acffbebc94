/**
 * 后台任务界面的文字。
 * The texts of the jobs screen, kept apart from the main catalogs; en mirrors zh (checked by the type).
 */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const jobsZh = {
  intro: '平台在后台运行的任务：邮件和短信投递、提醒、Webhook 推送、自动分配和数据保留清理。失败的任务可以重试。',
  summary: '各队列概况',
  queue: '队列',
  state: '状态',
  createdAt: '创建时间',
  tries: '重试 {n}/{limit} 次',
  startAfter: '{at} 之后再试',
  startedAt: '开始 {at}',
  completedAt: '结束 {at}',
  error: '失败原因：{detail}',
  retry: '重试',
  retryOf: '重试任务 {id}',
  retried: '已重新排队任务 {id}',
  none: '暂无任务',
  // Flat keys: a queue's name with its punctuation as `_` (see queueLabel).
  queues: {
    messages_deliver: '邮件/短信投递',
    messages_reminders: '截止提醒',
    webhooks_deliver: 'Webhook 推送',
    review_auto_assign: '自动分配评审',
    privacy_retention: '数据保留清理',
  },
  states: {
    created: '排队中',
    retry: '等待重试',
    active: '运行中',
    completed: '已完成',
    failed: '失败',
    cancelled: '已取消',
  },
};

export const jobsEn: Shape<typeof jobsZh> = {
  intro:
    'What the platform runs in the background: e-mail and SMS deliveries, reminders, webhook deliveries, automatic assignment and retention. A failed job can be retried.',
  summary: 'Queues at a glance',
  queue: 'Queue',
  state: 'State',
  createdAt: 'Created',
  tries: 'Retried {n}/{limit}',
  startAfter: 'Next try after {at}',
  startedAt: 'Started {at}',
  completedAt: 'Ended {at}',
  error: 'Failed: {detail}',
  retry: 'Retry',
  retryOf: 'Retry job {id}',
  retried: 'Job {id} queued again',
  none: 'No jobs',
  queues: {
    messages_deliver: 'E-mail and SMS delivery',
    messages_reminders: 'Deadline reminders',
    webhooks_deliver: 'Webhook delivery',
    review_auto_assign: 'Automatic assignment',
    privacy_retention: 'Data retention',
  },
  states: {
    created: 'Queued',
    retry: 'Waiting to retry',
    active: 'Running',
    completed: 'Done',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
};
