import type { JobQueueName } from '@saishi/shared';
import fp from 'fastify-plugin';
import { reportJobProgress } from '../jobs/service.js';
import { applyRetention } from './retention.js';

/** The queue of the retention job: one job at a time applies every edition's periods. */
export const RETENTION_QUEUE = 'privacy-retention' satisfies JobQueueName;

/**
 * Runs the retention job in this instance: every instance asks for it every `everySeconds` (a
 * singleton key keeps one queued at a time, and pg-boss runs it once whatever the number of
 * instances); its result (what was deleted, counts per edition) shows in GET /jobs/{id}.
 */
export default fp<{ everySeconds: number }>(
  async (app, { everySeconds }) => {
    await app.jobs.work(
      RETENTION_QUEUE,
      async (job) => {
        const result = await applyRetention(app.deps);
        await reportJobProgress(app.deps, job.id, { phase: 'done', result });
      },
      { retryLimit: 3 },
    );
    const apply = () =>
      void app.jobs
        .send(RETENTION_QUEUE, {}, { singletonKey: RETENTION_QUEUE })
        .catch((error: unknown) => app.log.error({ err: error }, 'retention'));
    const timer = setInterval(apply, everySeconds * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'privacy-retention', dependencies: ['jobs'] },
);
