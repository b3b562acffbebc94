import type { JobQueueName } from '@saishi/shared';
import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq } from 'drizzle-orm';
import type { Db, Deps } from '../../lib/deps.js';
import { isoInZone } from '../../lib/time.js';
import type { JobQueue } from '../../plugins/jobs.js';
import { editions } from '../editions/tables.js';
import type { WebhookEmission } from './schemas.js';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from './tables.js';

/** The queue of webhook deliveries (one job per delivery, retried with exponential backoff). */
export const WEBHOOK_QUEUE = 'webhooks.deliver' satisfies JobQueueName;

export interface WebhookJob {
  deliveryId: string;
}

/** Queues the job of a delivery in `tx` and keeps its id on the delivery. */
export async function queueWebhookDelivery(tx: Db, jobs: JobQueue, deliveryId: string): Promise<void> {
  const jobId = await jobs.send(WEBHOOK_QUEUE, { deliveryId } satisfies WebhookJob, { tx });
  await tx.update(webhookDeliveries).set({ jobId }).where(eq(webhookDeliveries.id, deliveryId));
}

/**
 * The outbox: records an event of the edition and one delivery (with its job) per enabled endpoint
 * subscribed to its type, all in the decision's transaction `tx`: they exist exactly when the
 * decision was committed, and survive a restart (pg-boss jobs are rows). Nothing is written, and the
 * data not even read, when no endpoint wants the event.
 */
export async function emitWebhookEvent(deps: Deps, jobs: JobQueue, emission: WebhookEmission, tx: Db): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.editionId, emission.editionId),
        eq(webhookEndpoints.enabled, true),
        arrayContains(webhookEndpoints.events, [emission.type]),
      ),
    );
  if (endpoints.length === 0) return;
  const [edition] = await tx
    .select({ code: editions.code, timeZone: editions.timeZone })
    .from(editions)
    .where(eq(editions.id, emission.editionId));
  if (!edition) return;
  const now = deps.clock.now();
  const id = randomUUID();
  const body = JSON.stringify({
    id,
    type: emission.type,
    createdAt: isoInZone(now, edition.timeZone),
    edition: { id: emission.editionId, code: edition.code },
    data: await emission.data(),
  });
  await tx
    .insert(webhookEvents)
    .values({ id, editionId: emission.editionId, type: emission.type, body, createdAt: now });
  const created = await tx
    .insert(webhookDeliveries)
    .values(
      endpoints.map((endpoint) => ({
        endpointId: endpoint.id,
        eventId: id,
        state: 'pending' as const,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: webhookDeliveries.id });
  for (const delivery of created) await queueWebhookDelivery(tx, jobs, delivery.id);
}
