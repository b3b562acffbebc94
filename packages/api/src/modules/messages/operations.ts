import { defineOperations } from '../../lib/http-schemas.js';

/** How the messages operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listMyNotifications: {
    summary: 'My notifications, newest first',
  },
  countMyUnreadNotifications: {
    summary: 'How many of my notifications are unread',
  },
  markNotificationRead: {
    summary: 'Mark one of my notifications read',
  },
  markAllNotificationsRead: {
    summary: 'Mark all my notifications read',
  },
  getMyNotificationSettings: {
    summary: 'My language and channels of messages',
  },
  updateMyNotificationSettings: {
    summary: 'Change my language or turn non-essential e-mail or SMS off and on',
  },
  unsubscribe: {
    summary: 'The unsubscribe link of a mail: no more non-essential e-mail or SMS',
    description: 'Security messages (codes, password resets) are still sent.',
  },
});
