import fp from 'fastify-plugin';
import type { Db } from '../../lib/deps.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { deliverWebhook, type WebhookSettings } from './delivery.js';
import { emitWebhookEvent, WEBHOOK_QUEUE, type WebhookJob } from './outbox.js';
import type { WebhookEmission } from './schemas.js';

/** Telling integrators' servers: `app.webhooks.emit(emission, tx)` in the decision's transaction. */
export interface Webhooks {
  emit(emission: WebhookEmission, tx: Db): Promise<void>;
  /** Seals and opens the endpoints' secrets (SECRETS_KEY). */
  secrets: SecretBox;
}

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: Webhooks;
  }
}

/**
 * Decorates the app with `webhooks` and runs the delivery queue in this instance: a job per
 * delivery, retried `retryLimit` times with exponential backoff from `retryDelaySeconds`.
 */
export default fp<WebhookSettings & { retryDelaySeconds: number }>(
  async (app, { retryDelaySeconds, ...settings }) => {
    app.decorate('webhooks', {
      emit: (emission: WebhookEmission, tx: Db) => emitWebhookEvent(app.deps, app.jobs, emission, tx),
      secrets: settings.secrets,
    });
    await app.jobs.work<WebhookJob>(
      WEBHOOK_QUEUE,
      (job) => deliverWebhook(app.deps, settings, { deliveryId: job.data.deliveryId, retryCount: job.retryCount }),
      { retryLimit: settings.retryLimit, retryDelaySeconds },
    );
  },
  { name: 'webhooks', dependencies: ['jobs'] },
);
