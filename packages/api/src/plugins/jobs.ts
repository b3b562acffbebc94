import { sql } from 'drizzle-orm';
import fp from 'fastify-plugin';
import PgBoss from 'pg-boss';
import { jobsDatabase } from '../db/jobs-schema.js';
import type { Db } from '../lib/deps.js';
import { InFlight } from '../lib/in-flight.js';
import { DEADLOCK_DETECTED, pgErrorOf } from '../lib/pg-errors.js';

/** How a queue retries and gives up; set when the queue is first created. */
export interface QueueSettings {
  /** Tries after the first one (default 5). */
  retryLimit?: number;
  /** Seconds before the first retry; doubled (with jitter) each time (default 30). */
  retryDelaySeconds?: number;
  /** A run taking longer fails (and is retried) (default 15 minutes). */
  expireInSeconds?: number;
}

export interface SendOptions {
  /** Not before this instant. */
  startAfter?: Date;
  /** At most one queued job with this key in the queue: a second send returns null. */
  singletonKey?: string;
  /**
   * Queue it in this transaction: the job exists only if the transaction commits, so work recorded
   * in it (a notification and its deliveries) is never left without its job, nor a job without it.
   */
  tx?: Db;
}

/**
 * pg-boss's statements run through a drizzle transaction: each `$n` becomes a parameter of its own
 * (undefined as null: drizzle leaves an undefined value out of the statement).
 */
function transactionDb(tx: Db): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const chunks = text
        .split(/\$(\d+)/)
        .map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
      // Both databases are reached through node-postgres, whose results carry `rows`.
      return (await tx.execute(sql.join(chunks))) as { rows: unknown[] };
    },
  };
}

/** What a handler gets: the job's id, its data and how many times it was tried before. */
export interface JobContext<T> {
  id: string;
  data: T;
  retryCount: number;
}

/** Throwing fails the try: the job is retried with backoff until its queue's retry limit. */
export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

/** What services need to queue work. */
export interface JobQueue {
  /** Queues a job in a queue defined by some `work()` (this or another instance); its id, or null (singleton). */
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
}

/**
 * The platform's durable job runner: pg-boss on the platform's database (PostgreSQL or the
 * embedded PGlite alike, through the same `pg` pool). Jobs are rows, so they survive a restart;
 * a job is fetched with `FOR UPDATE SKIP LOCKED`, so it runs once whatever the number of API
 * instances; a failed try is retried with exponential backoff up to the queue's limit.
 */
export interface JobRunner extends JobQueue {
  /** Creates the queue if missing (a queue's settings are those of its creation). */
  define(name: string, settings?: QueueSettings): Promise<void>;
  /** Defines the queue and runs its jobs in this instance with `handler`. */
  work<T extends object>(name: string, handler: JobHandler<T>, settings?: QueueSettings): Promise<void>;
  /** Queues a failed job again (one more try). */
  retry(name: string, id: string): Promise<void>;
}

export const DEFAULT_QUEUE_SETTINGS: Required<QueueSettings> = {
  retryLimit: 5,
  retryDelaySeconds: 30,
  expireInSeconds: 15 * 60,
};

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}

/** How long stopping waits for the jobs running in this instance to end. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * Creating a queue attaches a partition to pg-boss's job table: two instances starting together
 * on a new database deadlocked there (40P01) and one of them failed to start. PostgreSQL rolls the
 * victim back, and trying again either finds the queue the other made (ON CONFLICT DO NOTHING) or
 * makes it.
 */
async function againAfterDeadlock(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || pgErrorOf(error)?.code !== DEADLOCK_DETECTED) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/**
 * Decorates the app with `jobs` (a JobRunner), started with the app and stopped before the
 * database closes. A job sent from this instance wakes this instance's worker of its queue at once;
 * other instances see it at their next poll (`pollSeconds`).
 */
export default fp<{ pollSeconds: number }>(
  async (app, { pollSeconds }) => {
    // The jobs running here and pg-boss's statements: stopping waits for them (see onClose).
    const inFlight = new InFlight();
    const { db: database, ...jobsSchema } = jobsDatabase(app.database.pool);
    const boss = new PgBoss({
      ...jobsSchema,
      db: { executeSql: (text, values) => inFlight.track(database.executeSql(text, values)) },
      // migrate() installs the schema; on a database that skipped it (a tool's), pg-boss does.
      migrate: true,
      supervise: true,
      schedule: false,
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
      archiveFailedAfterSeconds: 30 * 24 * 3600,
    });
    boss.on('error', (error) => app.log.error({ err: error }, 'job runner'));
    const workers = new Map<string, string[]>();
    // Workers defined while the app is built (a plugin's `work()`) start with the runner, when the
    // app is ready: building the app asks nothing of the database, which may still be starting or
    // be migrated after (src/server.ts).
    let started = false;
    const defined: (() => Promise<void>)[] = [];

    const runner: JobRunner = {
      async send(name, data, options = {}) {
        const id = await boss.send(name, data, {
          ...(options.startAfter ? { startAfter: options.startAfter } : {}),
          ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
          ...(options.tx ? { db: transactionDb(options.tx) } : {}),
        });
        // A job sent in a transaction is seen at the next poll, once committed; others at once.
        if (!options.tx) for (const workerId of workers.get(name) ?? []) boss.notifyWorker(workerId);
        return id;
      },
      async define(name, settings = {}) {
        const queue = { ...DEFAULT_QUEUE_SETTINGS, ...settings };
        await againAfterDeadlock(() =>
          boss.createQueue(name, {
            name,
            retryLimit: queue.retryLimit,
            retryDelay: queue.retryDelaySeconds,
            retryBackoff: true,
            expireInSeconds: queue.expireInSeconds,
          }),
        );
      },
      async work(name, handler, settings = {}) {
        if (!started) {
          defined.push(() => runner.work(name, handler, settings));
          return;
        }
        await runner.define(name, settings);
        const workerId = await boss.work<Parameters<typeof handler>[0]['data']>(
          name,
          { pollingIntervalSeconds: pollSeconds, includeMetadata: true, batchSize: 1 },
          async ([job]) => {
            if (job) await inFlight.track(handler({ id: job.id, data: job.data, retryCount: job.retryCount }));
          },
        );
        workers.set(name, [...(workers.get(name) ?? []), workerId]);
      },
      retry: (name, id) => boss.retry(name, id),
    };
    app.decorate('jobs', runner);
    app.addHook('onReady', async () => {
      await boss.start();
      started = true;
      for (const startWorker of defined.splice(0)) await startWorker();
    });
    app.addHook('onClose', async () => {
      await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS, close: false });
      // pg-boss records a job's end without awaiting it, and a job still running when its wait
      // ran out ends later: both are waited for before the database closes, or their statements
      // would fail on a closed pool (an unhandled rejection inside pg-boss).
      await inFlight.settled(STOP_TIMEOUT_MS);
    });
  },
  { name: 'jobs', dependencies: ['database'] },
);
