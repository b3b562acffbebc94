import fp from 'fastify-plugin';
import type { Deps } from '../../lib/deps.js';
import { purgeDiscardedFiles } from './discard.js';

/**
 * A write still in progress touches its partial file continuously; one untouched this long was
 * cut short by a crash. File times are the real ones, so this compares with the real time.
 */
export const PARTIAL_UPLOAD_MAX_IDLE_MS = 60 * 60_000;

/** What the sweep removed: orphaned partial uploads, and discarded files whose bytes are now gone. */
export interface StorageSweepReport {
  partials: number;
  purged: number;
  failed: number;
}

/** Removes orphaned partial uploads and finishes the deletion of discarded files. */
export async function sweepStorage(deps: Pick<Deps, 'db' | 'storage'>): Promise<StorageSweepReport> {
  const partials = await deps.storage.sweepPartials(new Date(Date.now() - PARTIAL_UPLOAD_MAX_IDLE_MS));
  return { partials, ...(await purgeDiscardedFiles(deps)) };
}

/** Sweeps the storage once the app is ready (what a crash left), then every `sweepEveryMs` (0: never). */
export default fp<{ sweepEveryMs: number }>(
  async (app, options) => {
    let timer: NodeJS.Timeout | undefined;
    const sweep = async () => {
      try {
        const report = await sweepStorage(app.deps);
        if (report.partials + report.purged + report.failed > 0) app.log.info(report, 'storage swept');
      } catch (error) {
        app.log.warn({ err: error }, 'storage sweep failed');
      }
    };
    app.addHook('onReady', async () => {
      await sweep();
      if (options.sweepEveryMs > 0) {
        timer = setInterval(() => void sweep(), options.sweepEveryMs);
        timer.unref();
      }
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'storage-sweep', dependencies: ['storage'] },
);
