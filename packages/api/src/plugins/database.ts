import fp from 'fastify-plugin';
import type { Database, DatabaseHandle } from '../db/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    database: DatabaseHandle;
  }
}

/** Decorates the app with the database and closes it after the server has stopped. */
export default fp<{ handle: DatabaseHandle; closeOnShutdown: boolean }>(
  async (app, { handle, closeOnShutdown }) => {
    app.decorate('database', handle);
    app.decorate('db', handle.db);
    if (closeOnShutdown) app.addHook('onClose', () => handle.close());
  },
  { name: 'database' },
);
