import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '@saishi/shared';
import { DomainError } from '../../lib/errors.js';
import { API_ROOT } from '../../lib/paths.js';
import { abandonUpload, type IncomingFile } from '../files/service.js';
import { MAX_IMPORT_BYTES, tooLarge, unreadable, type FileRow } from './blacklist-files.js';

/** The worker's bounds: a hostile file fails in it, never in the API's own heap or event loop. */
const WORKER_HEAP_MB = 256;
const WORKER_TIME_LIMIT_MS = 30_000;

/** What the worker (`blacklist-parser.ts`) answers. */
export type ParseOutcome =
  | { ok: true; rows: FileRow[] }
  | { ok: false; code: ErrorCode; status: number; params: Record<string, string | number> };

/**
 * The worker: its build in dist/, or under tsx and vitest its TypeScript source, loaded through
 * tsx's loader (a worker thread does not inherit the parent's).
 */
function startWorker(bytes: Buffer): Worker {
  const options = {
    workerData: { bytes },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
  };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(pathToFileURL(join(API_ROOT, 'dist/modules/teams/blacklist-parser.js')), options);
  // tsx resolves its `require` build here; its ESM build sits next to it.
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const source = new URL('./blacklist-parser.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** Parses the file's bytes in a worker thread with a bounded heap and a time limit. */
export function parseInWorker(bytes: Buffer): Promise<FileRow[]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(bytes);
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(unreadable('the file takes too long to read'));
    }, WORKER_TIME_LIMIT_MS);
    worker.once('message', (outcome: ParseOutcome) => {
      clearTimeout(timer);
      void worker.terminate();
      if (outcome.ok) resolve(outcome.rows);
      else reject(new DomainError(outcome.code, outcome.status, { params: outcome.params }));
    });
    worker.once('error', () => {
      clearTimeout(timer);
      reject(unreadable('the file is too large or too complex to read'));
    });
    worker.once('exit', () => {
      clearTimeout(timer);
      reject(unreadable('the file is too large or too complex to read'));
    });
  });
}

/** Reads the whole upload (at most MAX_IMPORT_BYTES) into memory. */
async function readUpload(file: IncomingFile['file']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > MAX_IMPORT_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
    if (file.truncated) throw tooLarge();
  } catch (error) {
    throw abandonUpload(file, error);
  }
  if (total === 0) throw unreadable('empty file');
  return Buffer.concat(chunks);
}

/**
 * Reads the upload, then parses it in a worker thread (`blacklist-parser.ts`): unpacking and
 * parsing a hostile workbook costs CPU and memory, which the worker bounds (its heap, a time
 * limit) while the API keeps answering everyone else.
 */
export async function readImportRows(file: IncomingFile['file']): Promise<FileRow[]> {
  return parseInWorker(await readUpload(file));
}
