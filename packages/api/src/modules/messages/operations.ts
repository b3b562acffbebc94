import { defineOperations } from '../../lib/http-schemas.js';

/** How the messages operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listMyNotifications: {
    summary: 'My notifications, newest first',
    description:
      'Every notification the platform sent me, newest first (only unread ones with `unread=true`), in keyset pages.',
    errors: { 400: ['INVALID_CURSOR'] },
  },
  countMyUnreadNotifications: {
    summary: 'How many of my notifications are unread',
    description: 'For the badge of the inbox.',
    errors: {},
  },
  markNotificationRead: {
    summary: 'Mark one of my notifications read',
    description: 'Answers the notification with its `readAt`. 404 for a notification that is not mine.',
    errors: { 404: ['NOTIFICATION_NOT_FOUND'] },
  },
  markAllNotificationsRead: {
    summary: 'Mark all my notifications read',
    description: 'Answers how many were marked.',
    errors: {},
  },
  getMyNotificationSettings: {
    summary: 'My language and channels of messages',
    description: 'The language of my messages and whether non-essential e-mail and SMS are on.',
    errors: {},
  },
  updateMyNotificationSettings: {
    summary: 'Change my language or turn non-essential e-mail or SMS off and on',
    description: 'Security messages (codes, password resets) are always sent, whatever the settings.',
    errors: {},
  },
  previewUnsubscribe: {
    summary: 'What the unsubscribe link of a mail would do',
    description:
      'Changes nothing (mail scanners and link previews follow links): answers whether non-essential e-mail and SMS are on, and that a POST to the same link turns them off. Anyone holding the link.',
    errors: { 400: ['UNSUBSCRIBE_TOKEN_INVALID'] },
  },
  unsubscribe: {
    summary: 'The unsubscribe link of a mail, POSTed: no more non-essential e-mail or SMS',
    description:
      'Also the one-click unsubscribe of mail clients (RFC 8058: `List-Unsubscribe=One-Click`, form-encoded). Security messages (codes, password resets) are still sent. Anyone holding the link.',
    errors: { 400: ['UNSUBSCRIBE_TOKEN_INVALID'] },
  },
  listSentMessages: {
    summary: 'Messages sent by e-mail and SMS, newest first',
    description:
      'What was sent to whom (addresses masked), by which channel, and where it is: queued, sent, or failed with the reason. Filters by `channel`, `state`, `kind` and `q` (part of the person’s name, or a whole address); keyset pages. Organizers only.',
    errors: { 400: ['INVALID_CURSOR'] },
  },
  resendMessage: {
    summary: 'Send a message again',
    description:
      'Queues a sent or failed e-mail or SMS again (its record moves to `queued`). 409 `DELIVERY_QUEUED` while it is queued; 409 `DELIVERY_HAS_SECRET` for a sign-up code, a password link or an expert invitation, which the person asks for again. Organizers only.',
    errors: { 404: ['DELIVERY_NOT_FOUND'], 409: ['DELIVERY_HAS_SECRET', 'DELIVERY_QUEUED'] },
  },
});
