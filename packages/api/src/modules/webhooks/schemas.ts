import { Type, type Static } from 'typebox';
import {
  AWARD_CATEGORY_CODES,
  GRADE_CODES,
  QUALIFICATION_STATUSES,
  ROUND_KINDS,
  ROUND_STATUSES,
  TRACK_CODES,
  WEBHOOK_DELIVERY_STATES,
  WEBHOOK_EVENT_TYPES,
} from '@saishi/shared';
import { DateTime, EditionRef, Nullable, PageQuery, Uuid } from '../../lib/http-schemas.js';
import {
  EVENT_EXAMPLES,
  WEBHOOK_BODY_EXAMPLE,
  WEBHOOK_DELIVERY_EXAMPLE,
  WEBHOOK_EXAMPLE,
  WEBHOOK_WITH_SECRET_EXAMPLE,
} from './examples.js';

const EventType = Type.Enum(WEBHOOK_EVENT_TYPES, { description: 'What the event is about' });

const Fields = {
  url: Type.String({
    format: 'uri',
    minLength: 8,
    maxLength: 2000,
    description: 'Where events are POSTed: http(s), a public address (private and loopback ones are refused)',
  }),
  description: Nullable(Type.String({ minLength: 1, maxLength: 200 }), {
    description: 'What the endpoint is for, for organizers',
  }),
  events: Type.Array(EventType, {
    minItems: 1,
    maxItems: WEBHOOK_EVENT_TYPES.length,
    uniqueItems: true,
    description: 'The event types sent to the endpoint',
  }),
  enabled: Type.Boolean({ description: 'Events are sent only while enabled; a disabled endpoint gets none' }),
};

export const WebhookEndpoint = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    url: Fields.url,
    description: Fields.description,
    events: Fields.events,
    enabled: Fields.enabled,
    previousSecretExpiresAt: Nullable(DateTime, {
      description: 'After a rotation: until when the previous secret signs too (a second `v1`); else null',
    }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { examples: [WEBHOOK_EXAMPLE] },
);

export const WebhookEndpointWithSecret = Type.Object(
  {
    ...WebhookEndpoint.properties,
    secret: Type.String({
      description: 'The signing secret: shown this once (creation or rotation), never again; keep it safe',
    }),
  },
  { examples: [WEBHOOK_WITH_SECRET_EXAMPLE] },
);

export const WebhookEndpointBody = Type.Object(
  {
    url: Fields.url,
    description: Type.Optional(Fields.description),
    events: Fields.events,
    enabled: Type.Optional(Fields.enabled),
  },
  { additionalProperties: false, examples: [WEBHOOK_BODY_EXAMPLE] },
);

export const WebhookEndpointPatch = Type.Partial(Type.Object(Fields), {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ enabled: false }],
});

export const WebhookListParams = Type.Object({ edition: EditionRef() });

export const WebhookDeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid });

export const WebhookAttempt = Type.Object({
  attempt: Type.Integer({ minimum: 1, description: 'Which try of the delivery (redeliveries continue the count)' }),
  statusCode: Nullable(Type.Integer(), { description: "The receiver's HTTP status; null when no answer came" }),
  durationMs: Type.Integer({ minimum: 0, description: 'How long the try took, in milliseconds' }),
  error: Nullable(Type.String(), {
    description: 'Why the try failed (a non-2xx status, a timeout, a refused address)',
  }),
  at: DateTime,
});

export const WebhookDelivery = Type.Object(
  {
    id: Uuid,
    endpointId: Uuid,
    eventId: Uuid,
    eventType: EventType,
    state: Type.Enum(WEBHOOK_DELIVERY_STATES, {
      description: '`pending` (a try is due, with backoff), `delivered` (a 2xx came) or `failed` (retries used up)',
    }),
    attempts: Type.Integer({ minimum: 0, description: 'Tries so far' }),
    createdAt: DateTime,
    deliveredAt: Nullable(DateTime),
    tries: Type.Array(WebhookAttempt, { description: 'Every try, oldest first' }),
  },
  { examples: [WEBHOOK_DELIVERY_EXAMPLE] },
);

export const WebhookDeliveryListQuery = Type.Object({
  ...PageQuery.properties,
  state: Type.Optional(Type.Enum(WEBHOOK_DELIVERY_STATES)),
  eventType: Type.Optional(EventType),
});

// The events as sent (the OpenAPI `webhooks`): one envelope, the data of each kind of event.

const envelope = <Data extends ReturnType<typeof Type.Object>>(
  id: string,
  types: readonly string[],
  data: Data,
  example: object,
) =>
  Type.Object(
    {
      id: Type.String({
        format: 'uuid',
        description: 'The event; the same in every try and redelivery (deduplicate on it)',
      }),
      type: Type.Enum(types),
      createdAt: Type.String({ format: 'date-time', description: 'When the decision was made' }),
      edition: Type.Object({ id: Uuid, code: Type.String({ description: 'e.g. `2024-guangxi`' }) }),
      data,
    },
    { $id: id, title: id, examples: [example] },
  );

const TeamRef = Type.Object({
  id: Uuid,
  name: Type.String(),
  trackCode: Type.Enum(TRACK_CODES),
  qualificationStatus: Type.Enum(QUALIFICATION_STATUSES, { description: 'The status the decision left' }),
});

export const TeamEventData = Type.Object({
  team: TeamRef,
  reason: Nullable(Type.String(), { description: 'Why the team was returned or rejected; null otherwise' }),
});

export const ProjectVersionEventData = Type.Object({
  project: Type.Object({ id: Uuid, teamId: Uuid, title: Type.String() }),
  version: Type.Integer({ minimum: 1, description: 'The number of the version just submitted' }),
  submittedAt: DateTime,
});

export const RoundEventData = Type.Object({
  round: Type.Object({ id: Uuid, kind: Type.Enum(ROUND_KINDS), status: Type.Enum(ROUND_STATUSES) }),
});

export const ResultsEventData = Type.Object({
  publishedAt: DateTime,
  awards: Type.Array(
    Type.Object({
      projectId: Uuid,
      teamId: Uuid,
      title: Type.String(),
      awardCategoryCode: Type.Enum(AWARD_CATEGORY_CODES),
      gradeCode: Type.Enum(GRADE_CODES),
    }),
    { description: 'Every award of the edition, now public' },
  ),
});

export const WebhookTeamEvent = envelope(
  'WebhookTeamEvent',
  ['team.submitted', 'team.qualified', 'team.returned', 'team.rejected'],
  TeamEventData,
  EVENT_EXAMPLES.team,
);
export const WebhookProjectVersionEvent = envelope(
  'WebhookProjectVersionEvent',
  ['project.version_submitted'],
  ProjectVersionEventData,
  EVENT_EXAMPLES.project,
);
export const WebhookRoundEvent = envelope(
  'WebhookRoundEvent',
  ['round.opened', 'round.closed'],
  RoundEventData,
  EVENT_EXAMPLES.round,
);
export const WebhookResultsEvent = envelope(
  'WebhookResultsEvent',
  ['results.published'],
  ResultsEventData,
  EVENT_EXAMPLES.results,
);

/** The named event schemas, added to the app so that the document's `webhooks` reference them. */
export const WEBHOOK_EVENT_SCHEMAS = [
  WebhookTeamEvent,
  WebhookProjectVersionEvent,
  WebhookRoundEvent,
  WebhookResultsEvent,
];

/** The data of each event type. */
export interface WebhookEventData {
  'team.submitted': Static<typeof TeamEventData>;
  'team.qualified': Static<typeof TeamEventData>;
  'team.returned': Static<typeof TeamEventData>;
  'team.rejected': Static<typeof TeamEventData>;
  'project.version_submitted': Static<typeof ProjectVersionEventData>;
  'round.opened': Static<typeof RoundEventData>;
  'round.closed': Static<typeof RoundEventData>;
  'results.published': Static<typeof ResultsEventData>;
}

/**
 * What a decision hands to the outbox: the edition, the event's type and how to read its data,
 * in the decision's transaction (read only when some endpoint subscribes to the type).
 */
export type WebhookEmission = {
  [Type in keyof WebhookEventData]: { editionId: string; type: Type; data: () => Promise<WebhookEventData[Type]> };
}[keyof WebhookEventData];
