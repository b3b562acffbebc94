import { defineOperations } from '../../lib/http-schemas.js';
import { MAX_ENDPOINTS_PER_EDITION } from './service.js';

/** A URL refused by the SSRF guard (target.ts): not http(s), private, or not resolving. */
const TARGET_ERRORS = ['WEBHOOK_URL_INVALID', 'WEBHOOK_TARGET_FORBIDDEN', 'WEBHOOK_TARGET_UNRESOLVED'] as const;

/** How the webhooks operations read in the OpenAPI document: operationId (the key), summary and description. */
export const operations = defineOperations({
  listWebhooks: {
    summary: "An edition's webhook endpoints (organizers)",
    description:
      'Every endpoint of the edition, oldest first, with the event types it receives and whether it is enabled. Secrets are never shown again after creation or rotation. Division organizers see their division’s editions only.',
    errors: {},
  },
  createWebhook: {
    summary: 'Register a webhook endpoint for the edition (organizers)',
    description: `Events of the chosen types are POSTed to \`url\` as JSON, signed: \`Saishi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the secret>\`. The answer carries the \`secret\` this once. The URL must be http(s) without credentials and resolve to a public address (private, loopback and link-local targets are refused with \`WEBHOOK_TARGET_FORBIDDEN\`). See the \`webhooks\` section for the events and the README for verifying a signature (tolerance 300 s). An edition has at most ${MAX_ENDPOINTS_PER_EDITION} endpoints (409 \`WEBHOOK_ENDPOINT_LIMIT\`).`,
    errors: { 400: TARGET_ERRORS, 409: ['WEBHOOK_ENDPOINT_LIMIT'] },
  },
  getWebhook: {
    summary: 'One webhook endpoint (organizers)',
    description: 'The endpoint without its secret.',
    errors: { 404: ['WEBHOOK_NOT_FOUND'] },
  },
  updateWebhook: {
    summary: 'Change, disable or enable a webhook endpoint (organizers)',
    description:
      '`enabled: false` stops deliveries: no new event is queued for it and its pending deliveries fail without a try (redeliver them once it is enabled again). A new `url` is checked like at creation.',
    errors: { 400: TARGET_ERRORS, 404: ['WEBHOOK_NOT_FOUND'] },
  },
  deleteWebhook: {
    summary: 'Delete a webhook endpoint (organizers)',
    description: 'Removes the endpoint and its delivery log for good.',
    errors: { 404: ['WEBHOOK_NOT_FOUND'] },
  },
  rotateWebhookSecret: {
    summary: "Rotate a webhook endpoint's secret (organizers)",
    description:
      'Returns the new `secret` this once. For 24 hours the previous secret signs too (a second `v1` in `Saishi-Signature`, until `previousSecretExpiresAt`), so a receiver can switch without refusing a delivery.',
    errors: { 404: ['WEBHOOK_NOT_FOUND'] },
  },
  listWebhookDeliveries: {
    summary: "A webhook endpoint's delivery log (organizers)",
    description:
      'Deliveries newest first, a page at a time, by `state` and `eventType`: each with every try (HTTP status, duration, error). A delivery is retried with exponential backoff until a 2xx answer or its retries are used up (`failed`).',
    errors: { 404: ['WEBHOOK_NOT_FOUND'] },
  },
  redeliverWebhook: {
    summary: 'Send a delivery again (organizers)',
    description:
      'Queues the same event (same body and event id, newly signed) to the endpoint again, e.g. after a `failed` delivery or one the receiver lost; 409 `WEBHOOK_DELIVERY_PENDING` while a try is still due.',
    errors: { 404: ['WEBHOOK_NOT_FOUND', 'WEBHOOK_DELIVERY_NOT_FOUND'], 409: ['WEBHOOK_DELIVERY_PENDING'] },
  },
});
