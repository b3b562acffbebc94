import { Type } from 'typebox';
import { LOCALES, NOTIFICATION_KINDS } from '@saishi/shared';
import { DateTime, Nullable, PageQuery } from '../../lib/http-schemas.js';

export const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Enum(NOTIFICATION_KINDS),
  subject: Type.String(),
  body: Type.String({ description: 'The plain text as sent, codes and links with tokens masked' }),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});

export const NotificationListQuery = Type.Object({
  ...PageQuery.properties,
  unread: Type.Optional(Type.Boolean({ description: 'Only the unread ones' })),
});

export const NotificationParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const UnreadCount = Type.Object({ unread: Type.Integer() });
export const MarkedRead = Type.Object({ marked: Type.Integer({ description: 'Notifications marked read now' }) });

export const NotificationSettings = Type.Object({
  locale: Type.Enum(LOCALES, { description: 'Language of messages' }),
  email: Type.Boolean({ description: 'Non-essential messages by e-mail (security ones always go)' }),
  sms: Type.Boolean({ description: 'Non-essential messages by SMS when there is no e-mail' }),
});

export const NotificationSettingsPatch = Type.Partial(NotificationSettings, { minProperties: 1 });

export const UnsubscribeQuery = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });
export const Unsubscribed = Type.Object({ email: Type.Literal(false), sms: Type.Literal(false) });
