import { Type } from 'typebox';
import { DELIVERY_CHANNELS, DELIVERY_STATES, LOCALES, NOTIFICATION_KINDS } from '@saishi/shared';
import { DateTime, Nullable, PageQuery } from '../../lib/http-schemas.js';
import {
  MARKED_READ_EXAMPLE,
  NOTIFICATION_EXAMPLE,
  NOTIFICATION_SETTINGS_EXAMPLE,
  SENT_MESSAGE_EXAMPLE,
  UNREAD_COUNT_EXAMPLE,
  UNSUBSCRIBED_EXAMPLE,
  UNSUBSCRIBE_PREVIEW_EXAMPLE,
} from './examples.js';

export const Notification = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Enum(NOTIFICATION_KINDS),
    subject: Type.String(),
    body: Type.String({ description: 'The plain text as sent, codes and links with tokens masked' }),
    createdAt: DateTime,
    readAt: Nullable(DateTime),
  },
  { examples: [NOTIFICATION_EXAMPLE] },
);

export const NotificationListQuery = Type.Object({
  ...PageQuery.properties,
  unread: Type.Optional(Type.Boolean({ description: 'Only the unread ones' })),
});

export const NotificationParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const UnreadCount = Type.Object({ unread: Type.Integer() }, { examples: [UNREAD_COUNT_EXAMPLE] });
export const MarkedRead = Type.Object(
  { marked: Type.Integer({ description: 'Notifications marked read now' }) },
  { examples: [MARKED_READ_EXAMPLE] },
);

export const NotificationSettings = Type.Object(
  {
    locale: Type.Enum(LOCALES, { description: 'Language of messages' }),
    email: Type.Boolean({ description: 'Non-essential messages by e-mail (security ones always go)' }),
    sms: Type.Boolean({ description: 'Non-essential messages by SMS when there is no e-mail' }),
  },
  { examples: [NOTIFICATION_SETTINGS_EXAMPLE] },
);

export const NotificationSettingsPatch = Type.Partial(NotificationSettings, {
  minProperties: 1,
  examples: [{ sms: true }],
});

export const UnsubscribeQuery = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });
export const Unsubscribed = Type.Object(
  { email: Type.Literal(false), sms: Type.Literal(false) },
  { examples: [UNSUBSCRIBED_EXAMPLE] },
);

/** What the unsubscribe link of a mail would do, without doing it (mail scanners follow links). */
export const UnsubscribePreview = Type.Object(
  {
    email: Type.Boolean({ description: 'Whether non-essential e-mail is on now' }),
    sms: Type.Boolean({ description: 'Whether non-essential SMS is on now' }),
    unsubscribe: Type.Object(
      { method: Type.Literal('POST'), url: Type.String({ description: 'This link' }) },
      { description: 'How to turn them off: the same link, POSTed (RFC 8058 one-click)' },
    ),
  },
  { examples: [UNSUBSCRIBE_PREVIEW_EXAMPLE] },
);

/** A message sent (or tried) by e-mail or SMS, as organizers see it: the address masked. */
export const SentMessage = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'The delivery' }),
    kind: Type.Enum(NOTIFICATION_KINDS),
    subject: Type.String(),
    channel: Type.Enum(DELIVERY_CHANNELS),
    recipient: Type.String({ description: 'The address or mobile number, masked (`z***@example.com`, `138****0001`)' }),
    userId: Nullable(Type.String({ format: 'uuid' }), { description: 'The person; null for a sign-up code' }),
    recipientName: Nullable(Type.String()),
    state: Type.Enum(DELIVERY_STATES),
    attempts: Type.Integer({ description: 'Tries so far' }),
    error: Nullable(Type.String(), { description: 'Why the last try failed' }),
    createdAt: DateTime,
    sentAt: Nullable(DateTime),
    resendable: Type.Boolean({ description: 'Not queued, and without a code or one-time link' }),
  },
  { examples: [SENT_MESSAGE_EXAMPLE] },
);

export const DeliveryListQuery = Type.Object({
  ...PageQuery.properties,
  channel: Type.Optional(Type.Enum(DELIVERY_CHANNELS)),
  state: Type.Optional(Type.Enum(DELIVERY_STATES)),
  kind: Type.Optional(Type.Enum(NOTIFICATION_KINDS)),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'Part of the person’s name, or a whole address' }),
  ),
});
