import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { API_ROOT } from '../lib/paths.js';
import { startAutoAnalyze } from './auto-analyze.js';
import { EMBEDDED_LOGIN, startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';
import { JOBS_SCHEMA, JOBS_SCHEMA_VERSION, installJobsSchema } from './jobs-schema.js';
import { DEFAULT_POOL, embeddedConnections, type DatabaseOptions } from './options.js';
import { nameStatement } from './statement-names.js';
import * as schema from './tables.js';

export type Schema = typeof schema;
/** The database, whichever engine runs it; transactions have the same interface. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  /** The `pg` pool under `db`, for libraries that speak SQL themselves (the job runner). */
  pool: pg.Pool;
  kind: 'postgres' | 'pglite';
  /**
   * Applies the committed migrations and the job runner's schema (idempotent): `applied`, or
   * `current` when the database already has every migration of this build's journal and the job
   * runner's schema version (a warm start: one query, nothing read or planned beyond it).
   */
  migrate(): Promise<'applied' | 'current'>;
  /**
   * Runs `work` while holding the platform's startup lock (a PostgreSQL session advisory lock on
   * a connection of its own): API instances started together migrate and load the demo data one
   * after the other instead of racing on check-then-insert.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** Whether a trivial query answers (rejects when it does not, within the query timeout). */
  ping(): Promise<boolean>;
  /** The embedded database's data folder as a tarball (PGlite only, gzipped with `compress`), e.g. a migrated template. */
  dump(options?: { compress?: boolean }): Promise<Uint8Array>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = join(API_ROOT, 'drizzle');

/**
 * Opens the database: PostgreSQL at `url`, or else the embedded PGlite started in a worker thread
 * (./embedded.ts). Either way the API reaches it through one `pg` pool and drizzle's node-postgres
 * driver: one code path, the same SQL semantics (a transaction holds its own connection).
 *
 * It does not wait for the embedded database's thread to start: the handle's connections do
 * (`EmbeddedClient`), so a server builds its app while the thread starts (src/server.ts), and
 * a thread that fails to start fails the first statement.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const settings = { ...DEFAULT_POOL, ...options.pool };
  const embedded = options.url
    ? undefined
    : (options.embedded ??
      startEmbeddedDatabase({
        dataDir: options.dataDir,
        maxConnections: embeddedConnections(options.pool),
        loadDataDir: options.loadDataDir,
      }));
  embedded?.catch(() => {}); // its failure is the first connection's (EmbeddedClient)
  const target = options.url ? { connectionString: options.url } : { ...EMBEDDED_LOGIN, embedded };
  const connection: ConnectionConfig = {
    ...target,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    query_timeout: settings.queryTimeoutMs,
    // PGlite runs one statement at a time in its own thread and has no timer to cancel one.
    ...(options.url && settings.statementTimeoutMs ? { statement_timeout: settings.statementTimeoutMs } : {}),
  };
  // PGlite serves every connection from one session, where statement names would collide.
  const poolConfig: pg.PoolConfig & ConnectionConfig = {
    ...connection,
    // The pool waits this long for a free connection; each client still opens its own within
    // `connectTimeoutMs` (TimeoutClient).
    connectionTimeoutMillis: Math.max(settings.acquireTimeoutMs, settings.connectTimeoutMs),
    connectTimeoutMs: settings.connectTimeoutMs,
    max: settings.max,
    Client: options.url ? (options.prepareStatements !== false ? PreparingClient : TimeoutClient) : EmbeddedClient,
  };
  const pool = new pg.Pool(poolConfig);
  const ping = pinger(connection);
  // An idle client whose backend goes away (server restart, a dropped test database) is removed
  // and replaced by the pool; without a listener its error would crash the process.
  pool.on('error', () => {});
  const db = drizzle({ client: pool, schema, casing: 'snake_case' });
  const autoAnalyze = embedded ? startAutoAnalyze(pool) : undefined;
  return {
    db,
    pool,
    kind: embedded ? 'pglite' : 'postgres',
    // Migrations may rewrite big tables: they get no statement or query timeout.
    migrate: async () => {
      if (await migrationsCurrent(pool)) return 'current';
      await withoutTimeouts(connection, async (migrationsDb, migrationsPool) => {
        await migrate(migrationsDb, { migrationsFolder: MIGRATIONS_FOLDER });
        await installJobsSchema(migrationsPool);
      });
      return 'applied';
    },
    exclusively: (work) => exclusively(connection, work),
    ping,
    dump: async (dumpOptions) => {
      if (!embedded) throw new Error('only the embedded database can be dumped');
      return (await embedded).dump(dumpOptions);
    },
    async close() {
      ping.close();
      await autoAnalyze?.stop();
      await pool.end();
      // A thread that failed to start has nothing to stop.
      await (await embedded?.catch(() => undefined))?.stop();
    },
  };
}

/**
 * Whether the database has applied exactly this build's migrations (their number, and the last
 * one's timestamp and SHA-256, as drizzle records them) and the job runner's schema version. A new
 * database (no such tables yet) or any difference answers false: `migrate()` then does the work.
 */
async function migrationsCurrent(pool: pg.Pool): Promise<boolean> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const last = journal.entries.at(-1);
  if (!last) return false;
  const lastSql = await readFile(join(MIGRATIONS_FOLDER, `${last.tag}.sql`), 'utf8');
  const lastHash = createHash('sha256').update(lastSql).digest('hex');
  try {
    const { rows } = await pool.query<{ applied: number; hash: string; when: string; jobs: number }>(
      `select (select count(*)::int from drizzle.__drizzle_migrations) as applied, m.hash, m.created_at as when,
              (select version from ${JOBS_SCHEMA}.version) as jobs
         from drizzle.__drizzle_migrations m order by m.created_at desc limit 1`,
    );
    const row = rows[0];
    return (
      row !== undefined &&
      row.applied === journal.entries.length &&
      row.hash === lastHash &&
      Number(row.when) === last.when &&
      row.jobs === JOBS_SCHEMA_VERSION
    );
  } catch {
    return false; // a new database: the tables are not there yet
  }
}

/** The advisory lock key of startup work (an arbitrary constant: "saishi" in ASCII). */
const STARTUP_LOCK_KEY = 0x736169736869;

async function exclusively<T>(config: ConnectionConfig, work: () => Promise<T>): Promise<T> {
  // Waiting for another instance's migrations is not a stalled database: no query timeout here.
  // The subclass's query() is typed loosely (it forwards every overload): the base's types here.
  const client: pg.Client = connectionClient({ ...config, query_timeout: undefined, statement_timeout: undefined });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/**
 * `ping()` on a connection of its own, outside the pool: a busy pool (every connection taken under
 * load) is not a database that is down. Concurrent pings share one query; a failed connection is
 * dropped and the next ping opens a new one.
 */
function pinger(config: ConnectionConfig): (() => Promise<boolean>) & { close(): void } {
  let client: TimeoutClient | undefined;
  let pending: Promise<boolean> | undefined;
  // Closed at once: a polite end() would wait for a stalled server to acknowledge it.
  const drop = () => {
    client?.destroy();
    client = undefined;
  };
  const ping = async () => {
    try {
      if (!client) {
        client = connectionClient(config);
        await client.connect();
      }
      // The subclass's query() is typed loosely (it forwards every overload): the base's types here.
      await (client as pg.Client).query('select 1');
      return true;
    } catch (error) {
      drop();
      throw error;
    }
  };
  return Object.assign(
    () => {
      pending ??= ping().finally(() => (pending = undefined));
      return pending;
    },
    { close: drop },
  );
}

/** Runs `work` on a one-connection pool of the same database without any timeout. */
async function withoutTimeouts(
  config: ConnectionConfig,
  work: (db: NodePgDatabase<Schema>, pool: pg.Pool) => Promise<void>,
): Promise<void> {
  const { query_timeout: _query, statement_timeout: _statement, connectionTimeoutMillis: _connect, ...target } = config;
  const pool = new pg.Pool({ ...target, max: 1, Client: target.embedded ? EmbeddedClient : pg.Client });
  pool.on('error', () => {});
  try {
    await work(drizzle({ client: pool, schema, casing: 'snake_case' }), pool);
  } finally {
    await pool.end();
  }
}

/**
 * The pool's `pg` client, made safe for a database that stalls or goes away:
 * - it closes its connection when an answer does not come within `query_timeout`: `pg` itself only
 *   rejects the query and keeps the connection, still waiting for the lost answer, so a
 *   transaction's next statement (its ROLLBACK) would wait behind it and the pool would hand the
 *   stuck connection to the next request. Closed, it is removed from the pool and replaced;
 * - a connection lost while the client is checked out between two statements (a transaction
 *   doing other work, a terminated backend) emits 'error', which the pool listens to only for idle
 *   clients: unheard, it would crash the process. The client's next query fails instead (503).
 */
interface TimeoutClientConfig {
  /** Opening the connection: `connectionTimeoutMillis` of a client the pool makes is its wait. */
  connectTimeoutMs?: number;
}

/** How the handle's clients reach the database: PostgreSQL's settings, or the embedded database starting. */
type ConnectionConfig = pg.ClientConfig &
  TimeoutClientConfig & {
    /** The embedded database's thread, started or starting (`EmbeddedClient`). */
    embedded?: Promise<EmbeddedDatabase> | undefined;
  };

/** A client of the handle outside its pool (its ping, the startup lock). */
function connectionClient(config: ConnectionConfig): TimeoutClient {
  return config.embedded ? new EmbeddedClient(config) : new TimeoutClient(config);
}

class TimeoutClient extends pg.Client {
  constructor(config?: pg.ClientConfig & TimeoutClientConfig) {
    // The pool hands its own options over, whose `connectionTimeoutMillis` is the wait for a free
    // connection: opening one has its own, shorter limit.
    super(config?.connectTimeoutMs ? { ...config, connectionTimeoutMillis: config.connectTimeoutMs } : config);
    this.on('error', () => {});
  }

  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        this.closeAfterTimeout(error);
        (last as (...values: unknown[]) => void)(error, ...rest);
      };
    }
    const result = (super.query as (...values: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.catch((error: unknown) => this.closeAfterTimeout(error));
    return result as never;
  }

  private closeAfterTimeout(error: unknown): void {
    if (error instanceof Error && error.message === 'Query read timeout') this.destroy();
  }

  /**
   * pg's `connect()` with work of a subclass around it (`connect` runs pg's own), answered as pg
   * answers: through the callback given, or as a promise.
   */
  protected connectThrough(args: unknown[], work: (connect: () => Promise<unknown>) => Promise<void>): never {
    const callback = args.find((arg) => typeof arg === 'function') as ((error?: unknown) => void) | undefined;
    const connected = work(() => (pg.Client.prototype.connect as () => Promise<unknown>).call(this));
    if (!callback) return connected as never;
    connected.then(() => callback(), callback);
    return undefined as never;
  }

  /** Closes the connection without waiting for the server. */
  destroy(): void {
    (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
}

/**
 * PostgreSQL's client: each parameterized statement is prepared once per connection (`nameStatement`).
 *
 * A named statement lives in the server session, so naming is only safe where each connection is
 * a session of its own. PGlite behind pglite-socket serves every connection from one session: a
 * connection opened to replace one lost in a stall parsed a name the lost one had already
 * prepared there, and the first request after the stall failed with 42P05 ("prepared statement
 * … already exists"). Each connection therefore asks the server what it is once, when it opens,
 * and names nothing on a shared session.
 */
class PreparingClient extends TimeoutClient {
  private readonly prepared = new Set<string>();
  private ownSession = false;

  override connect(...args: unknown[]): never {
    return this.connectThrough(args, async (connect) => {
      await connect();
      const { rows } = await (this as pg.Client).query<{ version: string }>('select version() as version');
      this.ownSession = !SHARED_SESSION_SERVER.test(rows[0]?.version ?? '');
    });
  }

  override query(...args: unknown[]): never {
    if (this.ownSession) {
      const named = nameStatement(args[0], args[1], this.prepared);
      // A statement and its values became one named config, which carries the values.
      if (named !== args[0]) args.splice(0, Array.isArray(args[1]) ? 2 : 1, named);
    }
    return super.query(...args);
  }
}

/**
 * A client of the embedded database: it connects once the database's thread has started and
 * listens, to where it listens (a Unix socket, or a loopback port the thread picked), so that the
 * handle is usable while the thread starts; a thread that failed to start fails the connection.
 */
class EmbeddedClient extends TimeoutClient {
  private readonly embedded: Promise<EmbeddedDatabase>;

  constructor(config: ConnectionConfig = {}) {
    const { embedded, ...clientConfig } = config;
    if (!embedded) throw new Error('EmbeddedClient needs the embedded database');
    super(clientConfig);
    this.embedded = embedded;
  }

  override connect(...args: unknown[]): never {
    return this.connectThrough(args, async (connect) => {
      const { host, port } = (await this.embedded).connection;
      // pg's client connects to its `host` and `port` fields (a Unix socket's folder and port, or TCP).
      Object.assign(this, { host, port });
      await connect();
    });
  }
}

/** Servers whose connections share one session (`select version()` names them). */
const SHARED_SESSION_SERVER = /\bPGlite\b/;
