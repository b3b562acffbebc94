import type { Readable } from 'node:stream';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { LocalDiskStorage } from './storage-local.js';
import type { S3StorageOptions } from './storage-s3.js';

/** An inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where uploaded bytes live. Keys are opaque slash-separated names chosen by the caller.
 * Implementations never leave a partial object under a key: a write either stores the whole
 * stream or nothing.
 */
export interface FileStorage {
  readonly driver: 'local' | 's3';
  /** Stores the stream under the key; rejects (and keeps nothing) if the stream errors. */
  write(key: string, body: Readable): Promise<void>;
  /** The stored bytes, or only the inclusive range of them. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** The size in bytes, or null when nothing is stored under the key. */
  stat(key: string): Promise<{ sizeBytes: number } | null>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes what writes cut short by a crash left behind (temporary `.part` files on disk,
   * unfinished multipart uploads in S3) last touched before the instant; returns how many.
   */
  sweepPartials(before: Date): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    storage: FileStorage;
  }
}

type StorageConfig = Pick<
  Config,
  | 'STORAGE_DRIVER'
  | 'STORAGE_DIR'
  | 'S3_BUCKET'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
>;

/**
 * An S3 bucket whose SDK (the slowest modules to load, about a second) is imported on the first
 * call, not at every start of the API: a deployment on local disk never loads it.
 */
function lazyS3Storage(options: S3StorageOptions): FileStorage {
  let loading: Promise<FileStorage> | undefined;
  const s3 = () => (loading ??= import('./storage-s3.js').then(({ S3Storage }) => new S3Storage(options)));
  return {
    driver: 's3',
    write: async (key, body) => (await s3()).write(key, body),
    read: async (key, range) => (await s3()).read(key, range),
    stat: async (key) => (await s3()).stat(key),
    delete: async (key) => (await s3()).delete(key),
    sweepPartials: async (before) => (await s3()).sweepPartials(before),
  };
}

/** Builds the storage backend the configuration selects (`STORAGE_DRIVER`, local disk by default). */
export function createStorage(config: StorageConfig): FileStorage {
  if (config.STORAGE_DRIVER === 's3') {
    if (!config.S3_BUCKET) throw new Error('S3_BUCKET must be set when STORAGE_DRIVER=s3');
    return lazyS3Storage({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
  }
  return new LocalDiskStorage(config.STORAGE_DIR);
}

/** Decorates the app with `app.storage`, the one place uploaded bytes go to and come from. */
export default fp<{ storage: FileStorage }>(
  async (app, { storage }) => {
    app.decorate('storage', storage);
  },
  { name: 'storage' },
);
