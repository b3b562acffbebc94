import type { Readable } from 'node:stream';

/**
 * The chunks of a byte stream (one not in object mode), one at a time. Node types a stream's
 * chunks as `any`; a byte stream's are Buffers.
 */
export function bufferChunks(stream: Readable): AsyncIterator<Buffer> {
  return stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
}
