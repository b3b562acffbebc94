import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../lib/errors.js';
import { parseImportFile } from './blacklist-files.js';
import type { ParseOutcome } from './blacklist-worker.js';

// The worker thread that parses a 信用中国 list file (R-SOC-3) off the API's event loop: it gets
// the file's bytes, answers one ParseOutcome and ends. An entry of the build (scripts/build.ts).

const { bytes } = workerData as { bytes: Uint8Array };

async function outcome(): Promise<ParseOutcome> {
  try {
    return { ok: true, rows: await parseImportFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
  } catch (error) {
    if (error instanceof DomainError)
      return { ok: false, code: error.code, status: error.status, params: error.params };
    return { ok: false, code: 'BLACKLIST_FILE_UNREADABLE', status: 400, params: { reason: 'not a readable table' } };
  }
}

parentPort?.postMessage(await outcome());
