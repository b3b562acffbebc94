import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.js';

/**
 * A cold start on the embedded database builds the app while the database's thread starts
 * (src/server.ts): opening the handle and building the app ask nothing of the database; its
 * connections wait for the thread, and the job runner and the health check start when the app is
 * ready, after the migrations.
 */

/** `work`'s value, or a failure naming what waited on the database when it does not settle within 5 s. */
async function withoutWaiting<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} waited for the database`)), 5_000);
  });
  try {
    return await Promise.race([work, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

const config = loadConfig(
  { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', ADMIN_DIST: '/nonexistent' },
  {},
);

describe('a cold start on the embedded database', () => {
  const opened: DatabaseHandle[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((handle) => handle.close()));
  });

  it('builds the app before the database has started, and serves once it has', async () => {
    let start!: (embedded: EmbeddedDatabase) => void;
    const starting = new Promise<EmbeddedDatabase>((resolve) => (start = resolve));
    const handle = await withoutWaiting('opening', openDatabase({ dataDir: 'memory://', embedded: starting }));
    opened.push(handle);
    const app = await withoutWaiting('building the app', buildApp({ config, database: handle, logger: false }));
    try {
      start(await startEmbeddedDatabase({ dataDir: 'memory://', maxConnections: 14 }));
      expect(await handle.migrate()).toBe('applied');
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
        status: 'ok',
        database: 'pglite',
      });
      // The workers defined while the app was built started with it: their queues exist.
      const { rows } = await handle.pool.query<{ name: string }>('select name from pgboss.queue order by name');
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  }, 120_000);

  it("fails the first statement with the thread's failure to start", async () => {
    const handle = await openDatabase({
      dataDir: 'memory://',
      embedded: Promise.reject(new Error('the embedded database did not start: no space left')),
    });
    opened.push(handle);
    await expect(handle.ping()).rejects.toThrow('no space left');
    // A server's first statement: taking the startup lock.
    await expect(handle.exclusively(async () => 'migrated')).rejects.toThrow('no space left');
  });
});
