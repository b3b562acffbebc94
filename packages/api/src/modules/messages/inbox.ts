import { and, count, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Locale } from '@saishi/shared';
import type { Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, instantKey, instantParam, toPage } from '../../lib/pagination.js';
import type { Notification, NotificationListQuery, NotificationSettings } from './schemas.js';
import { settingsOf, unsubscribeTokenUser } from './service.js';
import { notificationSettings, notifications } from './tables.js';

type NotificationRow = typeof notifications.$inferSelect;

const present = (row: NotificationRow): Static<typeof Notification> => ({
  id: row.id,
  kind: row.kind,
  subject: row.subject,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

/** The person's inbox, newest first (optionally the unread only). */
export async function listInbox(deps: Deps, userId: string, query: Static<typeof NotificationListQuery>) {
  const after = query.cursor ? decodeCursor(query.cursor, ['instant', 'uuid'] as const) : undefined;
  const filters = and(eq(notifications.userId, userId), query.unread ? isNull(notifications.readAt) : undefined);
  const rows = await deps.db
    .select({ notification: notifications, key: instantKey(notifications.createdAt) })
    .from(notifications)
    .where(
      and(
        filters,
        after
          ? or(
              lt(notifications.createdAt, instantParam(after[0])),
              and(eq(notifications.createdAt, instantParam(after[0])), lt(notifications.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row) => present(row.notification),
    (row) => [row.key, row.notification.id],
    await deps.db.$count(notifications, filters),
  );
}

export async function unreadCount(deps: Deps, userId: string): Promise<{ unread: number }> {
  const [row] = await deps.db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { unread: row?.unread ?? 0 };
}

/** Marks one of the person's notifications read (again: keeps the first reading); another's is not found. */
export async function markRead(deps: Deps, userId: string, id: string) {
  await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
  const [row] = await deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) throw notFound('NOTIFICATION_NOT_FOUND', { id });
  return present(row);
}

export async function markAllRead(deps: Deps, userId: string): Promise<{ marked: number }> {
  const marked = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: marked.length };
}

type Settings = Static<typeof NotificationSettings>;

export async function getSettings(deps: Deps, userId: string, locale: Locale): Promise<Settings> {
  const { locale: chosen, email, sms } = await settingsOf(deps, userId, locale);
  return { locale: chosen, email, sms };
}

export async function updateSettings(
  deps: Deps,
  userId: string,
  patch: Partial<Settings>,
  locale: Locale,
): Promise<Settings> {
  await settingsOf(deps, userId, locale);
  await deps.db
    .update(notificationSettings)
    .set({ ...patch, updatedAt: deps.clock.now() })
    .where(eq(notificationSettings.userId, userId));
  return getSettings(deps, userId, locale);
}

/** The person of an unsubscribe link, or 400 naming the token. */
function linkUser(token: string, secret: string): string {
  const userId = unsubscribeTokenUser(token, secret);
  if (!userId)
    throw new DomainError('UNSUBSCRIBE_TOKEN_INVALID', 400, {
      fields: [{ path: '/querystring/token', code: 'UNSUBSCRIBE_TOKEN_INVALID' }],
    });
  return userId;
}

/** What the unsubscribe link would do, changing nothing: the person's channels now, and the POST that turns them off. */
export async function previewUnsubscribe(deps: Deps, token: string, secret: string, url: string) {
  const { email, sms } = await getSettings(deps, linkUser(token, secret), 'zh-CN');
  return { email, sms, unsubscribe: { method: 'POST' as const, url } };
}

/** The unsubscribe link of a mail, POSTed: no more non-essential e-mail or SMS for its person. */
export async function unsubscribe(deps: Deps, token: string, secret: string) {
  const userId = linkUser(token, secret);
  await updateSettings(deps, userId, { email: false, sms: false }, 'zh-CN');
  return { email: false as const, sms: false as const };
}
