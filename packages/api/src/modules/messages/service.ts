import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DeliveryChannel, Locale, NotificationKind, JobQueueName } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import type { JobQueue } from '../../plugins/jobs.js';
import { users } from '../accounts/tables.js';
import type { Mailer, SmsSender } from './channels.js';
import { deliveries, notifications, notificationSettings } from './tables.js';
import { isEssential, maskSecrets, renderMessage, type TemplateParams } from './templates.js';

/** The queue of e-mail and SMS deliveries. */
export const DELIVER_QUEUE = 'messages.deliver' satisfies JobQueueName;
/** Retries of a delivery before it is `failed` (backoff from 30 s: about an hour in all). */
export const DELIVERY_RETRY_LIMIT = 6;

export interface DeliverJob {
  deliveryId: string;
  /** Secrets of the template (a code, a link with a token): in the job only, never stored in the copy. */
  secrets: TemplateParams;
}

export interface NotifyInput {
  kind: NotificationKind;
  /** The person told: the inbox entry is theirs, and mail goes to their e-mail (else SMS to their mobile). */
  userId?: string | null;
  /**
   * An address without an account yet (a sign-up code), instead of `userId`; or, with `userId`,
   * the address to reach instead of the person's current one (the old address told of a change).
   */
  to?: { email?: string | undefined; mobile?: string | undefined };
  params?: TemplateParams;
  secrets?: TemplateParams;
  /** The language when the person has not chosen one (the request's). */
  locale?: Locale;
}

/** The person's settings, created with defaults the first time. */
export async function settingsOf(deps: Deps, userId: string, locale: Locale = 'zh-CN') {
  const [existing] = await deps.db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  if (existing) return existing;
  await deps.db
    .insert(notificationSettings)
    .values({ userId, locale, updatedAt: deps.clock.now() })
    .onConflictDoNothing();
  const [created] = await deps.db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return created!;
}

/**
 * Records a notification (the inbox entry, secrets masked) and queues its e-mail or SMS: to the
 * person's e-mail, else their mobile; non-essential kinds only while they have not turned the
 * channel off. Given the caller's transaction `tx`, the notification, its deliveries and their jobs
 * are written in it: they exist exactly when the decision they tell of was committed. Returns the
 * notification's id ('' for an unknown person).
 */
export async function notify(deps: Deps, jobs: JobQueue, input: NotifyInput, tx?: Db, publicUrl = ''): Promise<string> {
  if (!tx) return deps.db.transaction((own) => notify(deps, jobs, input, own, publicUrl));
  const params = input.params ?? {};
  const secrets = input.secrets ?? {};
  let locale = input.locale ?? 'zh-CN';
  let targets: { channel: DeliveryChannel; recipient: string }[] = [];
  const addressed = input.to?.email
    ? [{ channel: 'email' as const, recipient: input.to.email }]
    : input.to?.mobile
      ? [{ channel: 'sms' as const, recipient: input.to.mobile }]
      : undefined;
  if (input.userId) {
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId));
    if (!user) return '';
    const settings = await settingsOf({ ...deps, db: tx }, user.id, locale);
    locale = settings.locale;
    const essential = isEssential(input.kind);
    if (addressed) targets = addressed;
    else if (user.email && (essential || settings.email)) targets.push({ channel: 'email', recipient: user.email });
    else if (!user.email && user.mobile && (essential || settings.sms))
      targets.push({ channel: 'sms', recipient: user.mobile });
  } else if (addressed) targets = addressed;

  const copy = renderMessage(input.kind, locale, { publicUrl, ...params, ...maskSecrets(secrets) });
  const now = deps.clock.now();
  const [notification] = await tx
    .insert(notifications)
    .values({
      userId: input.userId ?? null,
      kind: input.kind,
      locale,
      subject: copy.subject,
      body: copy.text,
      params,
      createdAt: now,
    })
    .returning({ id: notifications.id });
  for (const target of targets) {
    const [delivery] = await tx
      .insert(deliveries)
      .values({ notificationId: notification!.id, ...target, state: 'queued', createdAt: now })
      .returning({ id: deliveries.id });
    await queueDelivery(tx, jobs, delivery!.id, secrets);
  }
  return notification!.id;
}

/** Queues the job of a delivery in the transaction and keeps its id on the delivery. */
export async function queueDelivery(tx: Db, jobs: JobQueue, deliveryId: string, secrets: TemplateParams) {
  const jobId = await jobs.send(DELIVER_QUEUE, { deliveryId, secrets } satisfies DeliverJob, { tx });
  await tx.update(deliveries).set({ jobId }).where(eq(deliveries.id, deliveryId));
}

/**
 * Sends one delivery (the job of DELIVER_QUEUE). Idempotent: a delivery already sent is not sent
 * again. A failed try records why and throws, so the job is retried; the last one marks it failed.
 */
export async function deliver(
  deps: Deps,
  channels: { mailer: Mailer; sms: SmsSender; publicUrl: string; secret: string },
  job: DeliverJob & { retryCount: number },
): Promise<void> {
  const [row] = await deps.db
    .select({ delivery: deliveries, notification: notifications })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(eq(deliveries.id, job.deliveryId));
  if (!row || row.delivery.state === 'sent') return;
  const { delivery, notification } = row;
  const params = { publicUrl: channels.publicUrl, ...notification.params, ...job.secrets };
  try {
    if (delivery.channel === 'email') {
      const unsubscribeUrl = notification.userId
        ? `${channels.publicUrl}/api/v1/unsubscribe?token=${unsubscribeToken(notification.userId, channels.secret)}`
        : undefined;
      const message = renderMessage(notification.kind, notification.locale, params, unsubscribeUrl);
      await channels.mailer.send({
        to: delivery.recipient,
        ...message,
        ...(isEssential(notification.kind) ? {} : { unsubscribeUrl }),
      });
    } else {
      await channels.sms.send({ to: delivery.recipient, kind: notification.kind, params });
    }
  } catch (error) {
    const last = job.retryCount >= DELIVERY_RETRY_LIMIT;
    await deps.db
      .update(deliveries)
      .set({
        attempts: delivery.attempts + 1,
        error: (error as Error).message,
        ...(last ? { state: 'failed' as const } : {}),
      })
      .where(eq(deliveries.id, delivery.id));
    throw error;
  }
  await deps.db
    .update(deliveries)
    .set({ state: 'sent', attempts: delivery.attempts + 1, error: null, sentAt: deps.clock.now() })
    .where(eq(deliveries.id, delivery.id));
}

/**
 * The token of a person's unsubscribe link: their id and its HMAC under the platform's secret, so
 * every mail carries a working link without storing one, and none can be made for someone else.
 */
export function unsubscribeToken(userId: string, secret: string): string {
  return `${userId}.${createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest('base64url')}`;
}

/** The person an unsubscribe token is for, or null when it is not one of ours. */
export function unsubscribeTokenUser(token: string, secret: string): string | null {
  const [userId = ''] = token.split('.');
  const expected = Buffer.from(unsubscribeToken(userId, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
