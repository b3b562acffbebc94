import { and, asc, count, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, instantKey, instantParam, toPage } from '../../lib/pagination.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { JobQueue } from '../../plugins/jobs.js';
import { editionTimeZone } from '../editions/service.js';
import { editions } from '../editions/tables.js';
import { queueWebhookDelivery } from './outbox.js';
import type { WebhookDeliveryListQuery, WebhookEndpointBody, WebhookEndpointPatch } from './schemas.js';
import { sealWebhookSecret } from './secrets.js';
import { newWebhookSecret } from './signature.js';
import { assertPublicTarget, parseTargetUrl } from './target.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from './tables.js';

type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** How long the previous secret still signs after a rotation, so receivers can switch without a gap. */
export const PREVIOUS_SECRET_HOURS = 24;

/** Endpoints an edition may have: each event is queued to every one, so their number bounds the work of a decision. */
export const MAX_ENDPOINTS_PER_EDITION = 20;

/** How an endpoint is saved: the SSRF guard's setting and the box its secret is sealed with. */
export interface EndpointSettings {
  allowPrivateTargets: boolean;
  secrets: SecretBox;
}

const present = (row: EndpointRow, zone: string) => ({
  id: row.id,
  editionId: row.editionId,
  url: row.url,
  description: row.description,
  events: row.events,
  enabled: row.enabled,
  previousSecretExpiresAt: isoInZoneOrNull(row.previousSecretExpiresAt, zone),
  createdAt: isoInZone(row.createdAt, zone),
  updatedAt: isoInZone(row.updatedAt, zone),
});

/** A URL an endpoint may have: http(s) without credentials, public unless private targets are allowed. */
async function checkedUrl(text: string, allowPrivate: boolean): Promise<string> {
  const url = parseTargetUrl(text);
  await assertPublicTarget(url, allowPrivate);
  return url.toString();
}

async function findEndpoint(deps: Deps, id: string): Promise<EndpointRow> {
  return firstOrThrow(await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)), () =>
    notFound('WEBHOOK_NOT_FOUND', { id }),
  );
}

/** The edition's endpoints, oldest first (an edition has a handful). */
export async function listEndpoints(deps: Deps, editionId: string) {
  const rows = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.editionId, editionId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  const zone = await editionTimeZone(deps.db, editionId);
  return rows.map((row) => present(row, zone));
}

export async function getEndpoint(deps: Deps, id: string) {
  const row = await findEndpoint(deps, id);
  return present(row, await editionTimeZone(deps.db, row.editionId));
}

/**
 * Registers an endpoint with a new secret, returned this once and stored sealed. The edition is
 * locked while its endpoints are counted, so two registrations at once cannot pass the cap.
 */
export async function createEndpoint(
  deps: Deps,
  editionId: string,
  input: Static<typeof WebhookEndpointBody>,
  settings: EndpointSettings,
) {
  const url = await checkedUrl(input.url, settings.allowPrivateTargets);
  const now = deps.clock.now();
  const secret = newWebhookSecret();
  const row = await deps.db.transaction(async (tx) => {
    await tx.select({ id: editions.id }).from(editions).where(eq(editions.id, editionId)).for('update');
    const [existing] = await tx
      .select({ total: count() })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.editionId, editionId));
    if ((existing?.total ?? 0) >= MAX_ENDPOINTS_PER_EDITION)
      throw new DomainError('WEBHOOK_ENDPOINT_LIMIT', 409, { params: { max: MAX_ENDPOINTS_PER_EDITION } });
    const [inserted] = await tx
      .insert(webhookEndpoints)
      .values({
        editionId,
        url,
        description: input.description ?? null,
        events: [...new Set(input.events)],
        secret: sealWebhookSecret(settings.secrets, secret),
        enabled: input.enabled ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return inserted!;
  });
  return { ...present(row, await editionTimeZone(deps.db, editionId)), secret };
}

/** Changes the URL (checked again), description, events, or enables / disables the endpoint. */
export async function updateEndpoint(
  deps: Deps,
  id: string,
  input: Static<typeof WebhookEndpointPatch>,
  allowPrivate: boolean,
) {
  await findEndpoint(deps, id);
  const { url, events, ...fields } = input;
  const [row] = await deps.db
    .update(webhookEndpoints)
    .set({
      ...fields,
      ...(url === undefined ? {} : { url: await checkedUrl(url, allowPrivate) }),
      ...(events === undefined ? {} : { events: [...new Set(events)] }),
      updatedAt: deps.clock.now(),
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return present(row!, await editionTimeZone(deps.db, row!.editionId));
}

/**
 * A new secret, returned this once; the previous one keeps signing (a second `v1`) for
 * PREVIOUS_SECRET_HOURS so that the receiver can switch without refusing a delivery.
 */
export async function rotateSecret(deps: Deps, id: string, secrets: SecretBox) {
  const now = deps.clock.now();
  const secret = newWebhookSecret();
  const [row] = await deps.db
    .update(webhookEndpoints)
    .set({
      secret: sealWebhookSecret(secrets, secret),
      previousSecret: sql`${webhookEndpoints.secret}`,
      previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_HOURS * 3600_000),
      updatedAt: now,
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (!row) throw notFound('WEBHOOK_NOT_FOUND', { id });
  return { ...present(row, await editionTimeZone(deps.db, row.editionId)), secret };
}

/** Removes the endpoint and its delivery log for good. */
export async function deleteEndpoint(deps: Deps, id: string): Promise<void> {
  const deleted = await deps.db
    .delete(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw notFound('WEBHOOK_NOT_FOUND', { id });
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect & { eventType: string; cursorAt: string };

/** Deliveries with their tries, in the edition's time zone. */
async function presentDeliveries(deps: Deps, rows: DeliveryRow[], zone: string) {
  const ids = rows.map((row) => row.id);
  const tries =
    ids.length === 0
      ? []
      : await deps.db
          .select()
          .from(webhookAttempts)
          .where(inArray(webhookAttempts.deliveryId, ids))
          .orderBy(asc(webhookAttempts.attempt));
  return (row: DeliveryRow) => ({
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType as (typeof webhookEvents.$inferSelect)['type'],
    state: row.state,
    attempts: row.attempts,
    createdAt: isoInZone(row.createdAt, zone),
    deliveredAt: isoInZoneOrNull(row.deliveredAt, zone),
    tries: tries
      .filter((attempt) => attempt.deliveryId === row.id)
      .map((attempt) => ({
        attempt: attempt.attempt,
        statusCode: attempt.statusCode,
        durationMs: attempt.durationMs,
        error: attempt.error,
        at: isoInZone(attempt.at, zone),
      })),
  });
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  endpointId: webhookDeliveries.endpointId,
  eventId: webhookDeliveries.eventId,
  state: webhookDeliveries.state,
  attempts: webhookDeliveries.attempts,
  jobId: webhookDeliveries.jobId,
  createdAt: webhookDeliveries.createdAt,
  updatedAt: webhookDeliveries.updatedAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  eventType: webhookEvents.type,
  cursorAt: instantKey(webhookDeliveries.createdAt),
};

/** The endpoint's delivery log, newest first, a page at a time, by state and event type. */
export async function listDeliveries(deps: Deps, endpointId: string, query: Static<typeof WebhookDeliveryListQuery>) {
  const endpoint = await findEndpoint(deps, endpointId);
  const after = query.cursor ? decodeCursor(query.cursor, ['instant', 'uuid'] as const) : null;
  const filters = and(
    eq(webhookDeliveries.endpointId, endpointId),
    query.state ? eq(webhookDeliveries.state, query.state) : undefined,
    query.eventType ? eq(webhookEvents.type, query.eventType) : undefined,
  );
  const rows = await deps.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        filters,
        after
          ? or(
              lt(webhookDeliveries.createdAt, instantParam(after[0])),
              and(eq(webhookDeliveries.createdAt, instantParam(after[0])), lt(webhookDeliveries.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const toItem = await presentDeliveries(deps, page, await editionTimeZone(deps.db, endpoint.editionId));
  const [counted] = await deps.db
    .select({ total: count() })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(filters);
  return toPage(rows, query.limit, toItem, (row) => [row.cursorAt, row.id], counted?.total ?? 0);
}

async function findDelivery(deps: Deps, endpointId: string, deliveryId: string) {
  return firstOrThrow(
    await deps.db
      .select(deliveryColumns)
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId))),
    () => notFound('WEBHOOK_DELIVERY_NOT_FOUND', { id: deliveryId }),
  );
}

/**
 * Sends a delivery again (a failed one, or a delivered one the receiver lost): pending once more,
 * with a new job; its tries go on counting. A delivery still pending is a 409.
 */
export async function redeliver(deps: Deps, jobs: JobQueue, endpointId: string, deliveryId: string) {
  const endpoint = await findEndpoint(deps, endpointId);
  await findDelivery(deps, endpointId, deliveryId);
  await deps.db.transaction(async (tx) => {
    // One try at a time: a delivery still pending has its job already.
    const reopened = await tx
      .update(webhookDeliveries)
      .set({ state: 'pending', updatedAt: deps.clock.now() })
      .where(and(eq(webhookDeliveries.id, deliveryId), ne(webhookDeliveries.state, 'pending')))
      .returning({ id: webhookDeliveries.id });
    if (reopened.length === 0) throw new DomainError('WEBHOOK_DELIVERY_PENDING', 409, { params: { id: deliveryId } });
    await queueWebhookDelivery(tx, jobs, deliveryId);
  });
  const row = await findDelivery(deps, endpointId, deliveryId);
  const toItem = await presentDeliveries(deps, [row], await editionTimeZone(deps.db, endpoint.editionId));
  return toItem(row);
}
