/**
 * The embedded database's thread: PGlite (PostgreSQL compiled to WASM) served over the PostgreSQL
 * wire protocol on a Unix socket (or a loopback port), so that the API talks to it with the same
 * `pg` pool as to PostgreSQL, and PGlite's CPU time no longer blocks the thread that serves HTTP.
 * PGLiteSocketServer serializes the connections' queries (one backend) and keeps a connection's
 * transaction exclusive until it ends. Started by `startEmbeddedDatabase()` (./embedded.ts).
 */
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { unpackDataDir } from './data-dir.js';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded.js';
import { serializeRoundTrips } from './pglite-queue.js';

const { dataDir, socketPath, maxConnections, loadDataDir } = workerData as EmbeddedWorkerData;
const port = parentPort!;
const send = (message: EmbeddedWorkerMessage) => port.postMessage(message);
type Request = { type: 'stop' } | { type: 'dump'; compress: boolean };

/** A dumped data folder as PGlite reads it: a gzipped one (its magic bytes) says so by its type. */
function dataDirBlob(data: Uint8Array): Blob {
  const gzipped = data[0] === 0x1f && data[1] === 0x8b;
  return new Blob([data], gzipped ? { type: 'application/x-gzip' } : {});
}

try {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // A folder on disk is unpacked by Node, several times faster than through PGlite's file system.
  if (loadDataDir && !inMemory) unpackDataDir(loadDataDir, dataDir);
  const db = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    ...(loadDataDir && inMemory ? { loadDataDir: dataDirBlob(loadDataDir) } : {}),
  });
  const server = new PGLiteSocketServer({
    db,
    maxConnections,
    ...(socketPath ? { path: socketPath } : { host: '127.0.0.1', port: 0 }),
  });
  serializeRoundTrips(server);
  await server.start();
  const answer = async (message: Request) => {
    if (message.type === 'dump') {
      const dump = await db.dumpDataDir(message.compress ? 'gzip' : 'none');
      send({ type: 'dump', data: new Uint8Array(await dump.arrayBuffer()) });
      return;
    }
    await server.stop();
    await db.close();
    // The owner ends the thread: tsx's compiler (from source) would keep it alive.
    send({ type: 'stopped' });
  };
  // A failure here leaves the thread as an uncaught error: the owner sees it exit.
  port.on('message', (message: Request) => {
    answer(message).catch((error: unknown) => {
      throw error;
    });
  });
  const address = socketPath ?? Number(server.getServerConn().split(':').pop());
  send({ type: 'ready', address });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
