import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { WEBHOOK_SIGNATURE_HEADER } from '@saishi/shared';
import type { Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import type { SecretBox } from '../../lib/secret-box.js';
import { openableWebhookSecret, openWebhookSecret } from './secrets.js';
import { signatureHeader } from './signature.js';
import { assertPublicLiteral, guardedLookup, parseTargetUrl } from './target.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from './tables.js';

/** How deliveries go out: the SSRF guard's exception, the secrets' box, the timeout, the retries of the queue. */
export interface WebhookSettings {
  allowPrivateTargets: boolean;
  /** Opens the endpoints' sealed secrets. */
  secrets: SecretBox;
  timeoutMs: number;
  retryLimit: number;
}

/** What one POST came to: the status (null without an answer), how long it took, the error. */
interface PostOutcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** The longest error text kept of a try. */
const ERROR_MAX = 500;

/** The error of a try in words: a DomainError (a refused address) by its code and address. */
function describe(error: unknown): string {
  if (error instanceof DomainError) return `${error.code} ${Object.values(error.params).join(' ')}`.trim();
  return (error as Error).message || String(error);
}

/**
 * POSTs the body once, with the guarded lookup (a non-public address fails the connection), no
 * redirects followed, and the timeout over the whole exchange. The answer's body is read and dropped.
 */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  settings: WebhookSettings,
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      resolve({ statusCode, durationMs: elapsed(), error: error?.slice(0, ERROR_MAX) ?? null });
    };
    try {
      assertPublicLiteral(url, settings.allowPrivateTargets);
    } catch (error) {
      finish(null, describe(error));
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(settings.allowPrivateTargets),
        signal: AbortSignal.timeout(settings.timeoutMs),
      },
      (response: IncomingMessage) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          finish(status, status >= 200 && status < 300 ? null : `HTTP ${status}`);
        });
        response.on('error', (error) => finish(response.statusCode ?? null, describe(error)));
      },
    );
    request.on('error', (error) =>
      finish(null, error.name === 'AbortError' ? `no answer within ${settings.timeoutMs} ms` : describe(error)),
    );
    request.end(body);
  });
}

/**
 * Sends one delivery (the job of WEBHOOK_QUEUE): the event's stored body, signed with the
 * endpoint's secret (and the previous one while it is in force). Every try is logged; a 2xx
 * delivers it, anything else throws so that the job is retried with backoff, and the last retry
 * marks it failed. A delivered delivery is not sent again (a job run twice); a disabled endpoint
 * fails its pending deliveries without a try (they can be redelivered once it is enabled).
 */
export async function deliverWebhook(
  deps: Deps,
  settings: WebhookSettings,
  job: { deliveryId: string; retryCount: number },
): Promise<void> {
  const [row] = await deps.db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: webhookEvents })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, job.deliveryId));
  if (!row || row.delivery.state !== 'pending') return;
  const { endpoint, event } = row;
  if (!endpoint.enabled) {
    await deps.db
      .update(webhookDeliveries)
      .set({ state: 'failed', updatedAt: deps.clock.now() })
      .where(eq(webhookDeliveries.id, job.deliveryId));
    return;
  }
  const now = deps.clock.now();
  const secrets = [openWebhookSecret(settings.secrets, endpoint.secret)];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    // Sealed under a SECRETS_KEY since changed (the rotation that followed it), it no longer signs.
    const previous = openableWebhookSecret(settings.secrets, endpoint.previousSecret);
    if (previous !== null) secrets.push(previous);
  }
  // The receiver's replay check compares it with its own clock: real time, not the platform's clock.
  const timestamp = Math.floor(Date.now() / 1000);
  const outcome = await post(
    parseTargetUrl(endpoint.url),
    {
      'content-type': 'application/json',
      'user-agent': 'Saishi-Webhooks/1.0',
      [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(secrets, timestamp, event.body),
      'Saishi-Event': event.type,
      'Saishi-Event-Id': event.id,
      'Saishi-Delivery': job.deliveryId,
    },
    event.body,
    settings,
  );
  const delivered = outcome.error === null;
  const last = !delivered && job.retryCount >= settings.retryLimit;
  await deps.db.transaction(async (tx) => {
    const [counted] = await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        updatedAt: deps.clock.now(),
        ...(delivered ? { state: 'delivered' as const, deliveredAt: deps.clock.now() } : {}),
        ...(last ? { state: 'failed' as const } : {}),
      })
      .where(eq(webhookDeliveries.id, job.deliveryId))
      .returning({ attempts: webhookDeliveries.attempts });
    await tx.insert(webhookAttempts).values({
      deliveryId: job.deliveryId,
      attempt: counted!.attempts,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      error: outcome.error,
      at: now,
    });
  });
  if (!delivered) throw new Error(`webhook delivery ${job.deliveryId}: ${outcome.error}`);
}
