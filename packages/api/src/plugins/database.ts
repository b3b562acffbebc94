import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import type { Database, DatabaseHandle } from '../db/client.js';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError } from '../lib/pg-errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    database: DatabaseHandle;
  }
  interface FastifyContextConfig {
    /** Answer even while the database is unavailable (liveness). */
    withoutDatabase?: boolean;
  }
}

/** How often the database is pinged while the API runs. */
const HEALTH_CHECK_INTERVAL_MS = 1_000;

/**
 * Decorates the app with the database and closes it after the server has stopped. While the
 * database does not answer its ping (stalled, lost, restarting), every request except those of
 * routes marked `withoutDatabase` is answered 503 with Retry-After at once instead of queueing on
 * the pool (@fastify/under-pressure's health check); requests already waiting get their 503 from
 * the pool's timeouts (src/lib/pg-errors.ts isDatabaseUnavailable). It recovers by itself.
 */
export default fp<{ handle: DatabaseHandle; closeOnShutdown: boolean }>(
  async (app, { handle, closeOnShutdown }) => {
    app.decorate('database', handle);
    app.decorate('db', handle.db);
    let reported = false;
    // Until the app is ready the database is not asked: the check under-pressure makes while the
    // app is built would wait for an embedded database still starting (src/server.ts).
    let ready = false;
    app.addHook('onReady', async () => {
      ready = true;
    });
    await app.register(underPressure, {
      healthCheck: async () => {
        if (!ready) return true;
        try {
          await handle.ping();
          if (reported) app.log.info('the database answers again');
          reported = false;
          return true;
        } catch (error) {
          if (!reported) app.log.error({ err: error }, 'the database does not answer');
          reported = true;
          return false;
        }
      },
      healthCheckInterval: HEALTH_CHECK_INTERVAL_MS,
      retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      // undefined lets the request through, as for routes that do not need the database.
      // Resolving lets the request through; rejecting answers it through the error handler.
      pressureHandler: async (request) => {
        if (request.routeOptions.config.withoutDatabase) return;
        throw new DatabaseUnavailableError();
      },
    });
    if (closeOnShutdown) app.addHook('onClose', () => handle.close());
  },
  { name: 'database', dependencies: ['problems'] },
);
