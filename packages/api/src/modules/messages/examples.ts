import { TEAM_EXAMPLE, USER_EXAMPLE } from '../../lib/examples.js';

/**
 * Examples of the notification and message operations, on the 2024 Guangxi data of lib/examples.ts
 * (the same team leader and team), checked by Redocly against their schemas.
 */

export const NOTIFICATION_EXAMPLE = {
  id: 'a3f1c2d4-5e6b-4c7d-8e9f-0a1b2c3d4e5f',
  kind: 'qualification_returned',
  subject: '【广西分赛】参赛资格审核退回',
  body: `您好，${USER_EXAMPLE.displayName}：团队“${TEAM_EXAMPLE.name}”的参赛资格审核被退回，原因：参赛承诺书缺少牵头单位盖章，请补充后重新提交。`,
  createdAt: '2024-07-16T09:30:00.000+08:00',
  readAt: null,
};

export const UNREAD_COUNT_EXAMPLE = { unread: 3 };

export const MARKED_READ_EXAMPLE = { marked: 3 };

export const NOTIFICATION_SETTINGS_EXAMPLE = { locale: 'zh-CN', email: true, sms: false };

export const UNSUBSCRIBE_PREVIEW_EXAMPLE = {
  email: true,
  sms: true,
  unsubscribe: { method: 'POST', url: 'https://saishi.gxdata.example.cn/api/v1/unsubscribe?token=u1.Nz9kQm2xWp4tR8vL' },
};

export const UNSUBSCRIBED_EXAMPLE = { email: false, sms: false };

export const SENT_MESSAGE_EXAMPLE = {
  id: 'b4e2d3c5-6f7a-4d8e-9fa0-1b2c3d4e5f60',
  kind: 'collection_reminder',
  subject: '【广西分赛】项目征集将于 8 月 16 日截止',
  channel: 'email',
  recipient: 'l***@gxszkj.example.cn',
  userId: USER_EXAMPLE.id,
  recipientName: USER_EXAMPLE.displayName,
  state: 'failed',
  attempts: 3,
  error: '550 mailbox unavailable',
  createdAt: '2024-08-13T09:00:00.000+08:00',
  sentAt: null,
  resendable: true,
};
