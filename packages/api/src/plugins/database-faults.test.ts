import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { startEmbeddedDatabase } from '../db/embedded.js';
import { seedDemo } from '../seed/index.js';
import { DURING_COLLECTION, expectProblem } from '../test/app.js';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.js';
import { SettableClock } from './clock.js';

/**
 * Database faults for real: the API reaches its database (PostgreSQL with TEST_DATABASE_URL, else
 * the embedded PGlite) through a TCP proxy that the tests stall or cut, with short timeouts. A
 * request answered while the database is still stalled did not wait for it to come back.
 */
const POOL = { max: 4, connectTimeoutMs: 1_000, statementTimeoutMs: 1_000, queryTimeoutMs: 1_500 };

interface Backend {
  target: { host: string; port: number } | { path: string };
  database: string;
  /** A direct connection, around the proxy. */
  direct(): Promise<pg.Client>;
  migrated: boolean;
  dispose(): Promise<void>;
}

async function startBackend(): Promise<Backend> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const database = `saishi_test_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return {
      target: { host: url.hostname, port: Number(url.port || 5432) },
      database,
      direct: async () => {
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        return client;
      },
      migrated: false,
      async dispose() {
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${database} with (force)`);
        await cleanup.end();
      },
    };
  }
  const templates = inject('pgliteTemplates');
  const embedded = await startEmbeddedDatabase({
    dataDir: 'memory://',
    maxConnections: 16,
    loadDataDir: templates ? readFileSync(templates.seeded) : undefined,
  });
  const { host, port } = embedded.connection;
  return {
    target: { path: join(host, `.s.PGSQL.${port}`) },
    database: 'postgres',
    direct: async () => {
      const client = new pg.Client(embedded.connection);
      await client.connect();
      return client;
    },
    migrated: Boolean(templates),
    dispose: () => embedded.stop(),
  };
}

let backend: Backend;
let proxy: TcpProxy;
let handle: DatabaseHandle;
let app: FastifyInstance;
let http: ReturnType<typeof supertest>;

beforeAll(async () => {
  backend = await startBackend();
  proxy = await startTcpProxy(backend.target);
  handle = await openDatabase({
    url: `postgres://postgres@127.0.0.1:${proxy.port}/${backend.database}`,
    dataDir: 'memory://',
    pool: POOL,
  });
  if (!backend.migrated) {
    await handle.migrate();
    await seedDemo(handle.db);
  }
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ADMIN_DIST: '/nonexistent',
      STORAGE_DIR: '/nonexistent',
      // Every read must reach the database here, not the edition reference data kept in memory.
      REFERENCE_CACHE_TTL_MS: '0',
    },
    {},
  );
  app = await buildApp({ config, database: handle, clock: new SettableClock(DURING_COLLECTION), logger: false });
  await app.ready();
  http = supertest(app.server);
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
  await proxy?.close();
  await backend?.dispose();
});

/** Asks until the API answers 200 again (the database came back), at most ~20 s. */
async function recovered(path: string): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 40 && status !== 200; attempt++) {
    if (attempt > 0) await new Promise((wait) => setTimeout(wait, 500));
    status = (await http.get(path)).status;
  }
  return status;
}

function expectUnavailable(response: supertest.Response): void {
  expectProblem(response, 503, 'SERVICE_UNAVAILABLE');
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

describe('a stalled or lost database', () => {
  it('answers 503 with Retry-After while the database is stalled, keeps /healthz, then recovers', async () => {
    // With timeouts this short, a first connection on a loaded machine may itself time out: the
    // test starts from a database that answers.
    expect(await recovered('/api/v1/editions/current')).toBe(200);
    proxy.stall();
    try {
      const [read, login, ready] = await Promise.all([
        http.get('/api/v1/editions/current'),
        http.post('/api/v1/auth/login').send({ login: 'admin@saishi.demo', password: 'Saishi@2024' }),
        http.get('/readyz'),
      ]);
      expectUnavailable(read);
      expectUnavailable(login);
      expectUnavailable(ready);
      // Once the health check has seen it, requests are refused at once, and liveness still answers.
      expectUnavailable(await http.get('/api/v1/editions/current/tracks'));
      await http.get('/healthz').expect(200);
    } finally {
      proxy.resume();
    }
    expect(await recovered('/readyz')).toBe(200);
    expect(await recovered('/api/v1/editions/current')).toBe(200);
  });

  it('answers 503 while its connections are cut and refused, then recovers', async () => {
    proxy.cut();
    try {
      expectUnavailable(await http.get('/api/v1/editions/current'));
      expectUnavailable(await http.get('/readyz'));
    } finally {
      proxy.restore();
    }
    expect(await recovered('/api/v1/editions/current')).toBe(200);
  });

  it('answers 503 while another session holds a lock the request waits for', async () => {
    const other = await backend.direct();
    try {
      await other.query('begin');
      await other.query('lock table editions in access exclusive mode');
      expectUnavailable(await http.get('/api/v1/editions/current'));
      await other.query('rollback');
    } finally {
      await other.end();
    }
    expect(await recovered('/api/v1/editions/current')).toBe(200);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'answers 503 or 200, never 500, when its backends are terminated, then 200',
    async () => {
      const admin = await backend.direct();
      try {
        expect(await recovered('/api/v1/editions/current')).toBe(200);
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        const statuses = await Promise.all(
          Array.from({ length: 6 }, async () => (await http.get('/api/v1/editions/current')).status),
        );
        for (const status of statuses) expect([200, 503]).toContain(status);
      } finally {
        await admin.end();
      }
      expect(await recovered('/api/v1/editions/current')).toBe(200);
    },
  );
});
