import type { Role } from '@saishi/shared';
import type { Database } from '../db/client.js';
import type { NotifyInput } from '../modules/messages/service.js';
import type { WebhookEmission } from '../modules/webhooks/schemas.js';
import type { Clock } from '../plugins/clock.js';
import type { FileStorage } from '../plugins/storage.js';

/** A transaction: the same query interface as the database. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Where a query may run: the database itself or an open transaction. */
export type Db = Database | Transaction;

/**
 * What every use case may depend on, passed as its first argument: `createTeam(deps, …)`.
 * Plain objects, never Fastify's: a service runs the same from a route, a job, a CLI or a test.
 * Inside a transaction, pass `{ ...deps, db: tx }` to the functions it calls.
 */
export interface Deps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
  /**
   * Tells someone (modules/messages): the inbox entry and its e-mail or SMS, written in `tx` with
   * the decision it tells of. Absent in seeds and tools, which tell no one.
   */
  notify?: (input: NotifyInput, tx?: Db) => Promise<string>;
  /**
   * Tells integrators' servers (modules/webhooks): the event and its deliveries, written in `tx`
   * with the decision. Absent in seeds and tools.
   */
  emit?: (emission: WebhookEmission, tx: Db) => Promise<void>;
}

/** Who is acting or looking: the verified claims of the access token (`request.user`). */
export interface Actor {
  /** The user's id. */
  sub: string;
  role: Role;
}
