import { and, count, desc, eq, ilike, lt, ne, or, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { maskEmail, maskMobile, type NotificationKind } from '@saishi/shared';
import type { Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, instantKey, instantParam, toPage } from '../../lib/pagination.js';
import type { JobQueue } from '../../plugins/jobs.js';
import { users } from '../accounts/tables.js';
import type { DeliveryListQuery, SentMessage } from './schemas.js';
import { queueDelivery } from './service.js';
import { deliveries, notifications } from './tables.js';
import { containsPattern } from '../../lib/text.js';

/**
 * Kinds whose message carries a secret (a code, a link with a token) that is kept in the delivery
 * job only: they cannot be sent again from the record; the person asks for a new one.
 */
const WITH_SECRETS: readonly NotificationKind[] = ['verification_code', 'password_reset', 'expert_invitation'];

const selection = {
  delivery: deliveries,
  kind: notifications.kind,
  subject: notifications.subject,
  locale: notifications.locale,
  userId: notifications.userId,
  name: users.displayName,
  key: instantKey(deliveries.createdAt),
};

type Row = {
  delivery: typeof deliveries.$inferSelect;
  kind: NotificationKind;
  subject: string;
  locale: string;
  userId: string | null;
  name: string | null;
};

const present = (row: Row): Static<typeof SentMessage> => ({
  id: row.delivery.id,
  kind: row.kind,
  subject: row.subject,
  channel: row.delivery.channel,
  recipient:
    (row.delivery.channel === 'email' ? maskEmail(row.delivery.recipient) : maskMobile(row.delivery.recipient)) ?? '',
  userId: row.userId,
  recipientName: row.name,
  state: row.delivery.state,
  attempts: row.delivery.attempts,
  error: row.delivery.error,
  createdAt: row.delivery.createdAt.toISOString(),
  sentAt: row.delivery.sentAt?.toISOString() ?? null,
  resendable: !WITH_SECRETS.includes(row.kind) && row.delivery.state !== 'queued',
});

const base = (deps: Deps) =>
  deps.db
    .select(selection)
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .leftJoin(users, eq(users.id, notifications.userId));

/**
 * Every e-mail and SMS sent or tried, newest first, for organizers: to whom (the address masked),
 * by which channel, where it is (queued, sent, failed with the reason). Filters by channel, state,
 * kind and person (their name, or a whole address).
 */
export async function listDeliveries(deps: Deps, query: Static<typeof DeliveryListQuery>) {
  const after = query.cursor ? decodeCursor(query.cursor, ['instant', 'uuid'] as const) : undefined;
  const q = query.q?.trim();
  const filters = and(
    query.channel ? eq(deliveries.channel, query.channel) : undefined,
    query.state ? eq(deliveries.state, query.state) : undefined,
    query.kind ? eq(notifications.kind, query.kind) : undefined,
    q
      ? or(ilike(users.displayName, containsPattern(q)), eq(sql`lower(${deliveries.recipient})`, q.toLowerCase()))
      : undefined,
  );
  const rows = await base(deps)
    .where(
      and(
        filters,
        after
          ? or(
              lt(deliveries.createdAt, instantParam(after[0])),
              and(eq(deliveries.createdAt, instantParam(after[0])), lt(deliveries.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(query.limit + 1);
  const [counted] = await deps.db
    .select({ total: count() })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .leftJoin(users, eq(users.id, notifications.userId))
    .where(filters);
  return toPage(rows, query.limit, present, (row) => [row.key, row.delivery.id], counted?.total ?? 0);
}

async function findDelivery(deps: Deps, id: string) {
  const [row] = await base(deps).where(eq(deliveries.id, id));
  if (!row) throw notFound('DELIVERY_NOT_FOUND', { id });
  return row;
}

/**
 * Sends a sent or failed message again (a new delivery job, the same record): one at a time, the
 * state moving to `queued` only from another state, so two organizers' clicks queue it once.
 * Refused for a message that carried a secret (a code, a password link): the person asks again.
 */
export async function resendDelivery(deps: Deps, jobs: JobQueue, id: string) {
  const row = await findDelivery(deps, id);
  if (WITH_SECRETS.includes(row.kind))
    throw new DomainError('DELIVERY_HAS_SECRET', 409, { params: { kind: row.kind } });
  await deps.db.transaction(async (tx) => {
    const claimed = await tx
      .update(deliveries)
      .set({ state: 'queued' })
      .where(and(eq(deliveries.id, id), ne(deliveries.state, 'queued')))
      .returning({ id: deliveries.id });
    if (claimed.length === 0) throw new DomainError('DELIVERY_QUEUED', 409);
    await queueDelivery(tx, jobs, id, {});
  });
  return present(await findDelivery(deps, id));
}
