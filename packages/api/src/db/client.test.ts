import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.js';
import { openDatabase, type DatabaseHandle } from './client.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';
import { pagedReads } from './paged-reads.js';
import { editions } from './tables.js';

/**
 * The database client: migrations on a new database and on a warm start, and prepared statements
 * (on by default) through a URL, as the API reaches PostgreSQL: the database
 * is PostgreSQL with TEST_DATABASE_URL, else the embedded PGlite behind a TCP proxy, whose
 * connections all share one session. The proxy cuts every connection, as a stall or a restart
 * does; the pool opens new ones and the same statements must run on them.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
let embedded: EmbeddedDatabase | undefined;
let database: string | undefined;
let proxy: TcpProxy;
let handle: DatabaseHandle;
let firstMigration: 'applied' | 'current';

beforeAll(async () => {
  let target: { host: string; port: number } | { path: string };
  if (adminUrl) {
    database = `saishi_test_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(adminUrl);
    target = { host: url.hostname, port: Number(url.port || 5432) };
  } else {
    embedded = await startEmbeddedDatabase({ dataDir: 'memory://', maxConnections: 8 });
    target = { path: join(embedded.connection.host, `.s.PGSQL.${embedded.connection.port}`) };
  }
  proxy = await startTcpProxy(target);
  handle = await openDatabase({
    url: `postgres://postgres@127.0.0.1:${proxy.port}/${database ?? 'postgres'}`,
    dataDir: 'memory://',
    prepareStatements: true,
    pool: { max: 2, connectTimeoutMs: 5_000, statementTimeoutMs: 10_000, queryTimeoutMs: 20_000 },
  });
  firstMigration = await handle.migrate();
}, 120_000);

afterAll(async () => {
  await handle?.close();
  await proxy?.close();
  await embedded?.stop();
  if (database) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});

const editionByCode = (code: string) =>
  handle.db.select({ id: editions.id }).from(editions).where(eq(editions.code, code));

/** The statements this session has prepared by name (`nameStatement` calls them s_…). */
async function namedStatements(): Promise<number> {
  const client = await handle.pool.connect();
  try {
    await client.query('select $1::int as warm', [1]);
    const { rows } = await client.query<{ count: string }>(
      "select count(*) from pg_prepared_statements where name like 's\\_%'",
    );
    return Number(rows[0]!.count);
  } finally {
    client.release();
  }
}

describe('prepared statements', () => {
  it('runs the same statements on the connections that replace lost ones', async () => {
    // Both connections of the pool run (and, on PostgreSQL, prepare) the statement.
    await Promise.all([editionByCode('none-1'), editionByCode('none-2')]);
    proxy.cut();
    proxy.restore();
    for (let attempt = 0; attempt < 3; attempt++) {
      // The pool's idle connections learnt of the cut or fail once; new ones open after them.
      const results = await Promise.allSettled([editionByCode('none-1'), editionByCode('none-2')]);
      if (results.every((result) => result.status === 'fulfilled')) break;
      for (const result of results) {
        if (result.status === 'rejected') expect(String(result.reason)).not.toMatch(/already exists/);
      }
    }
    expect(await editionByCode('none-3')).toEqual([]);
    expect(await Promise.all([editionByCode('none-1'), editionByCode('none-2')])).toEqual([[], []]);
  });

  it('names statements on PostgreSQL, where each connection is a session, and not on PGlite', async () => {
    const named = await namedStatements();
    if (adminUrl) expect(named).toBeGreaterThan(0);
    else expect(named).toBe(0);
  });
});

describe('paged reads', () => {
  it("let go of pg's rows once drizzle has mapped them, where other reads keep theirs", async () => {
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const answers = vi.spyOn(handle.pool, 'query');
    const series = (db: typeof handle.db) =>
      db.select({ n: sql<number>`n`.mapWith(Number) }).from(sql`generate_series(1, 2) as n`);
    const lastAnswer = () => answers.mock.results.at(-1)?.value as Promise<pg.QueryResult>;
    try {
      expect(await series(pagedReads(handle.db))).toEqual([{ n: 1 }, { n: 2 }]);
      const paged = await lastAnswer();
      // The readers of an answer run in the turn that delivers it; the rows go after it.
      expect(paged.rows).toEqual([[1], [2]]);
      await nextTurn();
      expect(paged.rows).toEqual([]);

      expect(await series(handle.db)).toEqual([{ n: 1 }, { n: 2 }]);
      const shared = await lastAnswer();
      await nextTurn();
      expect(shared.rows).toEqual([[1], [2]]);
    } finally {
      answers.mockRestore();
    }
  });

  it('read a transaction as it is', async () => {
    await handle.db.transaction(async (tx) => {
      expect(pagedReads(tx)).toBe(tx);
    });
  });
});

describe('migrations', () => {
  it('migrates a new database, then finds it current on a warm start, and migrates again after a change', async () => {
    expect(firstMigration).toBe('applied');
    expect(await handle.migrate()).toBe('current');
    // The job runner's schema gone (or of another version): the next start installs it again.
    await handle.pool.query('drop schema pgboss cascade');
    expect(await handle.migrate()).toBe('applied');
    expect(await handle.pool.query('select version from pgboss.version')).toMatchObject({ rowCount: 1 });
    // A migration of this build not recorded as applied: migrate() runs the migrator again (which
    // here fails, the objects of that migration being there already) instead of skipping it.
    await handle.pool.query(
      'delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)',
    );
    expect(await handle.migrate().catch(() => 'migrator ran')).not.toBe('current');
  });
});

describe('the pool under a rush', () => {
  it('lets a request wait for a busy connection longer than opening one may take', async () => {
    const queued = await openDatabase({
      url: `postgres://postgres@127.0.0.1:${proxy.port}/${database ?? 'postgres'}`,
      dataDir: 'memory://',
      pool: { max: 1, connectTimeoutMs: 200, acquireTimeoutMs: 60_000, statementTimeoutMs: 0, queryTimeoutMs: 60_000 },
    });
    try {
      const busy = await queued.pool.connect();
      const waiting = queued.pool.query<{ answer: number }>('select 42 as answer');
      // The only connection stays busy for five times the connect timeout: the query waits its turn.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      busy.release();
      expect((await waiting).rows[0]?.answer).toBe(42);
    } finally {
      await queued.close();
    }
  });
});
