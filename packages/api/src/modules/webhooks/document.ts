import {
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  type WebhookEventType,
} from '@saishi/shared';

/** The named schema of each event type's request body (modules/webhooks/schemas.ts). */
const SCHEMA_OF: Record<WebhookEventType, string> = {
  'team.submitted': 'WebhookTeamEvent',
  'team.qualified': 'WebhookTeamEvent',
  'team.returned': 'WebhookTeamEvent',
  'team.rejected': 'WebhookTeamEvent',
  'project.version_submitted': 'WebhookProjectVersionEvent',
  'round.opened': 'WebhookRoundEvent',
  'round.closed': 'WebhookRoundEvent',
  'results.published': 'WebhookResultsEvent',
};

/** When each event is sent. */
const WHEN: Record<WebhookEventType, string> = {
  'team.submitted': 'The team leader submitted the team for qualification review (资格审核).',
  'team.qualified': 'An organizer approved the team.',
  'team.returned': 'An organizer returned the team for changes; `reason` says what to change.',
  'team.rejected': 'An organizer rejected the team; `reason` says why.',
  'project.version_submitted': 'A team submitted a new, immutable version of its project.',
  'round.opened': 'An organizer opened a review round.',
  'round.closed': 'An organizer closed a review round.',
  'results.published': 'An organizer published the results: the awards of the edition are public.',
};

const HEADERS = {
  'Saishi-Signature': {
    description: `\`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the endpoint's secret>\`; a second \`v1\` for 24 h after a rotation. Refuse a delivery whose \`t\` is more than ${WEBHOOK_SIGNATURE_TOLERANCE_SECONDS} s from your clock (replay).`,
    required: true,
    schema: { type: 'string', pattern: '^t=\\d+(,v1=[0-9a-f]{64})+$' },
  },
  'Saishi-Event': { description: 'The event type', required: true, schema: { type: 'string' } },
  'Saishi-Event-Id': {
    description: 'The event id (also `id` in the body): the same in every try and redelivery; deduplicate on it',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  },
  'Saishi-Delivery': {
    description: 'The delivery (the event to this endpoint); shown in the delivery log',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  },
} as const;

/**
 * The OpenAPI 3.1 `webhooks`: what each event POSTs to a registered endpoint, how it is signed,
 * and what the endpoint answers. Any 2xx within the timeout delivers it; anything else is retried
 * with exponential backoff, then logged as failed (redeliverable).
 */
export function webhooksDocument() {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `on${type.replace(/(^|[._])(\w)/g, (_match, _sep, letter: string) => letter.toUpperCase())}`,
          summary: WEBHOOK_EVENT_LABELS[type].en,
          description: `${WHEN[type]} Sent to the edition's enabled endpoints that subscribe to \`${type}\` (POST /api/v1/editions/{edition}/webhooks), signed with their secret.`,
          tags: ['webhooks'],
          security: [],
          parameters: Object.entries(HEADERS).map(([name, header]) => ({ name, in: 'header' as const, ...header })),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${SCHEMA_OF[type]}` } } },
          },
          responses: {
            '200': { description: 'Received (any 2xx): the delivery is done' },
            '400': { description: 'Refused (e.g. a bad signature): retried with backoff, then logged as failed' },
          },
        },
      },
    ]),
  );
}
