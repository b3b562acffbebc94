/**
 * How the API opens its database, apart from opening it (./client.ts): the settings a server reads
 * before it loads the database driver, so that the embedded database's thread starts first.
 */
import type { EmbeddedDatabase } from './embedded.js';

/** How the API waits for the database; see the README's configuration table. */
export interface PoolSettings {
  /** Connections kept at most. */
  max: number;
  /** Giving up on opening a connection after this long. */
  connectTimeoutMs: number;
  /**
   * Giving up on waiting for a free connection after this long: a deadline rush queues many more
   * requests than there are connections, each for longer than a connection takes to open.
   */
  acquireTimeoutMs: number;
  /** PostgreSQL's `statement_timeout`: the server cancels a statement running longer (0: none). */
  statementTimeoutMs: number;
  /** Giving up on an answer that does not come (a stalled server or network) after this long. */
  queryTimeoutMs: number;
}

export const DEFAULT_POOL: PoolSettings = {
  max: 10,
  connectTimeoutMs: 2_000,
  acquireTimeoutMs: 15_000,
  statementTimeoutMs: 2_000,
  queryTimeoutMs: 2_500,
};

export interface DatabaseOptions {
  /** PostgreSQL URL; without it the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder, or `memory://` for an in-memory database. */
  dataDir: string;
  pool?: Partial<PoolSettings>;
  /**
   * PostgreSQL only: prepare each parameterized statement once per connection (`nameStatement`);
   * on unless false. A server whose connections share one session (PGlite) gets unnamed statements.
   */
  prepareStatements?: boolean | undefined;
  /** PGlite only: start from this dumped data folder (`dump()`, gzipped or not) instead of an empty one. */
  loadDataDir?: Uint8Array | undefined;
  /**
   * PGlite only: the embedded database already starting (`startEmbeddedDatabase`), used instead of
   * starting one: a server starts its thread before loading the rest of the API (src/server.ts).
   */
  embedded?: Promise<EmbeddedDatabase> | undefined;
}

/** The embedded database's connections: the pool's, and a few for tools that connect on their own. */
export function embeddedConnections(pool: Partial<PoolSettings> = {}): number {
  return (pool.max ?? DEFAULT_POOL.max) + 4;
}
