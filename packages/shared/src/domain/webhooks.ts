/** The vocabulary of webhooks: what the platform tells integrators' servers, and how it went. */

/**
 * What a webhook event is about: a decision of the competition, sent to the endpoints of its
 * edition that subscribe to it. The payload of each is documented in the OpenAPI `webhooks`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'team.submitted',
  'team.qualified',
  'team.returned',
  'team.rejected',
  'project.version_submitted',
  'round.opened',
  'round.closed',
  'results.published',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Where a delivery is: waiting for its (next) try, delivered (a 2xx answer), or given up on. */
export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** The header that carries a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Saishi-Signature';

/**
 * How far a signature's timestamp may be from the receiver's clock, in seconds, before a receiver
 * should refuse the delivery as a replay (the tolerance the integrator guide documents).
 */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;
