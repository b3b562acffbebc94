import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { WEBHOOK_DELIVERY_STATES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { editions } from '../editions/tables.js';

const eventTypeList = sql.raw(`array[${WEBHOOK_EVENT_TYPES.map((type) => `'${type}'`).join(', ')}]::text[]`);

/**
 * An integrator's endpoint: the URL the edition's events of the chosen types are POSTed to, signed
 * with its secret (HMAC-SHA256). After a rotation the previous secret signs too until it expires,
 * so a receiver can switch without losing deliveries.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    description: text(),
    events: text().array().$type<WebhookEventType[]>().notNull(),
    secret: text().notNull(),
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    enabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('webhook_endpoints_edition').on(table.editionId),
    check(
      'webhook_endpoints_events_known',
      sql`cardinality(${table.events}) > 0 and ${table.events} <@ ${eventTypeList}`,
    ),
    check(
      'webhook_endpoints_previous_secret_expires',
      sql`(${table.previousSecret} is null) = (${table.previousSecretExpiresAt} is null)`,
    ),
  ],
);

/**
 * An event of an edition, as sent: `body` is the exact JSON every delivery of it POSTs (and signs),
 * so retries and redeliveries send the same bytes. Written in the transaction of the decision.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid().primaryKey(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    type: text({ enum: WEBHOOK_EVENT_TYPES }).notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('webhook_events_edition').on(table.editionId, table.createdAt),
    checkOneOf('webhook_events_type_known', table.type, WEBHOOK_EVENT_TYPES),
  ],
);

/** One event to one endpoint: the outbox row a job of `webhooks.deliver` works off. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    state: text({ enum: WEBHOOK_DELIVERY_STATES }).notNull(),
    /** Tries so far, redeliveries included. */
    attempts: integer().notNull().default(0),
    jobId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    unique('webhook_deliveries_once').on(table.endpointId, table.eventId),
    index('webhook_deliveries_endpoint').on(table.endpointId, table.createdAt, table.id),
    checkOneOf('webhook_deliveries_state_known', table.state, WEBHOOK_DELIVERY_STATES),
    check('webhook_deliveries_attempts', sql`${table.attempts} >= 0`),
  ],
);

/** Each try of a delivery: the answer's status (null when none came), how long it took, what went wrong. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer().notNull(),
    statusCode: integer(),
    durationMs: integer().notNull(),
    error: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('webhook_attempts_number').on(table.deliveryId, table.attempt),
    check('webhook_attempts_positive', sql`${table.attempt} >= 1 and ${table.durationMs} >= 0`),
  ],
);
