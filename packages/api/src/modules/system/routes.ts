import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../lib/errors.js';
import { problemResponses } from '../../lib/http-schemas.js';
import { operations } from './operations.js';

const Health = Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] });
const Readiness = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]),
  },
  { examples: [{ status: 'ok', database: 'postgres' }] },
);

/** Liveness of the process and readiness of its database, for orchestrators and load balancers. */
const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        ...operations.getHealth,
        response: { 200: Health },
      },
      // Liveness: answers while the database is unavailable (restarting the API would not help).
      config: { withoutDatabase: true },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        ...operations.getReadiness,
        response: { 200: Readiness, ...problemResponses(503) },
      },
    },
    async (request) => {
      try {
        await app.database.ping();
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        throw new DomainError('SERVICE_UNAVAILABLE', 503);
      }
      return { status: 'ok' as const, database: app.database.kind };
    },
  );
};

export default systemRoutes;
