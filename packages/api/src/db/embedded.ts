import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RUNNING_FROM_SOURCE, entryFile } from '../lib/paths.js';

export interface EmbeddedWorkerData {
  dataDir: string;
  /** The Unix socket to listen on; a loopback port is used without it (Windows). */
  socketPath?: string | undefined;
  maxConnections: number;
  /** A data folder dumped by `dump()` (a tarball, gzipped or not) to start from instead of an empty database. */
  loadDataDir?: Uint8Array | undefined;
}

export type EmbeddedWorkerMessage =
  | { type: 'ready'; address: string | number }
  | { type: 'failed'; message: string }
  | { type: 'dump'; data: Uint8Array }
  | { type: 'stopped' };

export interface EmbeddedDatabase {
  /** How `pg` reaches it: a Unix socket's folder (`host`) and port, or a loopback port. */
  connection: { host: string; port: number; user: string; database: string };
  /** The whole data folder as a tarball (gzipped with `compress`), e.g. a migrated template for tests. */
  dump(options?: { compress?: boolean }): Promise<Uint8Array>;
  stop(): Promise<void>;
  /** Called when the thread ends without being stopped (a WASM abort): the database is gone. */
  onExit(listener: (error: Error) => void): void;
}

/**
 * The worker's code: the compiled entry, or from source a module that loads the TypeScript file
 * through tsx (a worker does not inherit the loaders of vitest or of `tsx watch`).
 */
function workerUrl(file: string): URL {
  if (!RUNNING_FROM_SOURCE) return pathToFileURL(file);
  // tsx's ESM API (`tsx/esm/api`, its `import` condition, which require.resolve cannot pick).
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } };
  };
  const api = pathToFileURL(join(dirname(manifest), exports['./esm/api'].import.default)).href;
  const target = pathToFileURL(file).href;
  const code = `const { tsImport } = await import(${JSON.stringify(api)}); await tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Who the API connects as, and to which database: PGlite has one of each. */
export const EMBEDDED_LOGIN = { user: 'postgres', database: 'postgres' } as const;

/** The port number in the Unix socket's name (`.s.PGSQL.<port>`), which `pg` derives from `port`. */
const SOCKET_PORT = 5432;

/**
 * Starts PGlite in a worker thread (./pglite-worker.ts) behind the PostgreSQL wire protocol. Run
 * from source (tsx, vitest) the thread loads the TypeScript file through tsx; run from the build it
 * loads the compiled entry (dist/db/pglite-worker.js).
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  maxConnections: number;
  loadDataDir?: Uint8Array | undefined;
}): Promise<EmbeddedDatabase> {
  // A Unix socket in a private folder (0700): only this user can connect, and no port is taken.
  const socketFolder = process.platform === 'win32' ? undefined : mkdtempSync(join(tmpdir(), 'saishi-db-'));
  const data: EmbeddedWorkerData = {
    dataDir: options.dataDir,
    socketPath: socketFolder && join(socketFolder, `.s.PGSQL.${SOCKET_PORT}`),
    maxConnections: options.maxConnections,
    loadDataDir: options.loadDataDir,
  };
  const worker = new Worker(workerUrl(entryFile('db/pglite-worker')), { workerData: data });
  const removeSocketFolder = () => {
    if (socketFolder) rmSync(socketFolder, { recursive: true, force: true });
  };

  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const exitListeners: ((error: Error) => void)[] = [];
  const ready = await new Promise<string | number>((resolve, reject) => {
    const onMessage = (message: EmbeddedWorkerMessage) => {
      if (message.type === 'ready') resolve(message.address);
      else if (message.type === 'failed') reject(new Error(`the embedded database did not start: ${message.message}`));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the embedded database's thread exited (${code})`)));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    removeSocketFolder();
    throw error;
  });
  worker.removeAllListeners('error').removeAllListeners('exit');
  worker.on('error', () => {});
  worker.once('exit', (code) => {
    removeSocketFolder();
    if (stopping) return;
    for (const listener of exitListeners) listener(new Error(`the embedded database's thread exited (${code})`));
  });

  const request = <T extends EmbeddedWorkerMessage['type']>(message: { type: string; compress?: boolean }, answer: T) =>
    new Promise<Extract<EmbeddedWorkerMessage, { type: T }>>((resolve) => {
      const onMessage = (reply: EmbeddedWorkerMessage) => {
        if (reply.type !== answer) return;
        worker.off('message', onMessage);
        resolve(reply as Extract<EmbeddedWorkerMessage, { type: T }>);
      };
      worker.on('message', onMessage);
      worker.postMessage(message);
    });

  return {
    connection:
      typeof ready === 'string'
        ? { host: socketFolder!, port: SOCKET_PORT, ...EMBEDDED_LOGIN }
        : { host: '127.0.0.1', port: ready, ...EMBEDDED_LOGIN },
    dump: async (dumpOptions) =>
      (await request({ type: 'dump', compress: dumpOptions?.compress ?? false }, 'dump')).data,
    async stop() {
      if (stopping) return exited;
      stopping = true;
      // Closing PGlite checkpoints the data folder; a thread that already ended has nothing to close.
      await Promise.race([request({ type: 'stop' }, 'stopped'), exited]);
      await worker.terminate();
    },
    onExit: (listener) => exitListeners.push(listener),
  };
}
