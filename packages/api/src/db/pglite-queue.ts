import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** One protocol message of one connection, as PGLiteSocketServer's query queue holds it. */
interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

/** The private query queue of PGLiteSocketServer (@electric-sql/pglite-socket 0.2). */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Messages of the extended query protocol that leave a round trip open until Sync. */
const OPENS_ROUND_TRIP = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((letter) => letter.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Makes PGLiteSocketServer's queue run each connection's extended-protocol round trip (Parse, Bind,
 * Describe, Execute … Sync) without another connection's messages in between. The server queues
 * every message on its own and only keeps a connection exclusive inside an explicit transaction,
 * so two connections' queries interleave on the one backend: one's Parse replaces the other's
 * unnamed statement ("unnamed prepared statement does not exist", or a Bind of the wrong
 * statement). Also: a failed message no longer stops the queue for good, and a connection that
 * goes away in the middle of a round trip or a transaction releases the backend.
 */
export function serializeRoundTrips(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  /** The connection whose round trip is open (a message before its Sync was run). */
  let open: number | null = null;

  const run = async (item: QueuedMessage) => {
    let bytes = 0;
    await queue.db.runExclusive(() =>
      queue.db.execProtocolRawStream(item.message, {
        onRawData: (data) => {
          bytes += data.length;
          item.onData(data);
        },
      }),
    );
    return bytes;
  };

  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = open ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        // The owner's next message has not arrived yet: the others wait for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        try {
          const bytes = await run(item);
          open = OPENS_ROUND_TRIP.has(item.message[0]!) ? item.handlerId : null;
          this.lastHandlerId = item.handlerId;
          item.resolve(bytes);
        } catch (error) {
          open = null;
          item.reject(error);
        }
      }
    } finally {
      this.processing = false;
    }
  };

  const clearTransaction = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(this: QueryQueue, handlerId: number) {
    if (open === handlerId) {
      open = null;
      // Ends the abandoned round trip (a backend in error ignores everything until a Sync).
      await queue.db.runExclusive(() => queue.db.execProtocolRaw(SYNC));
      this.lastHandlerId = handlerId;
    }
    await clearTransaction(handlerId);
    await this.processQueue();
  };
}
