import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../lib/deps.js';
import { DomainError } from '../lib/errors.js';
import { idempotencyKeys } from './idempotency.tables.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: { scope: string; key: string } | null;
  }
  interface FastifyContextConfig {
    /** `false`: the route ignores Idempotency-Key and its answers are never stored (tokens). */
    idempotency?: boolean;
  }
}

export interface IdempotencyOptions {
  /** How long a stored answer is replayed; older rows are ignored and swept. */
  ttlHours: number;
  /** How often the sweep runs, in milliseconds (0: never, e.g. in tests that sweep by hand). */
  sweepEveryMs: number;
}

/** Deletes the stored answers older than the TTL; returns how many went. */
export async function sweepIdempotencyKeys(deps: Pick<Deps, 'db' | 'clock'>, ttlHours: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - ttlHours * 3_600_000);
  const deleted = await deps.db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, cutoff))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\w\-:.]{1,255}$/;

function requestHash(request: FastifyRequest): string {
  // Multipart bodies are streams: only JSON bodies take part in the fingerprint.
  const body = request.isMultipart() ? '' : JSON.stringify(request.body ?? null);
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}

/**
 * `Idempotency-Key` on writes (API.md): the first request with a key is handled and its answer
 * stored; a retry with the same key and the same request gets the stored answer again
 * (`Idempotent-Replayed: true`); the same key with a different request is refused (422), and a
 * retry while the first is still running gets 409. Server errors are not stored, so they can be retried.
 * Routes that hand out credentials opt out (`config: { idempotency: false }`): no token is kept
 * at rest. Stored answers expire after `ttlHours` and a periodic sweep deletes them.
 */
export default fp<IdempotencyOptions>(
  async (app, options) => {
    app.decorateRequest('idempotencyKey', null);
    const ttlMs = options.ttlHours * 3_600_000;

    if (options.sweepEveryMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      const sweep = () =>
        sweepIdempotencyKeys(app, options.ttlHours).catch((error: unknown) =>
          app.log.warn({ err: error }, 'idempotency sweep failed'),
        );
      app.addHook('onReady', async () => {
        timer = setInterval(() => void sweep(), options.sweepEveryMs);
        timer.unref();
      });
      app.addHook('onClose', async () => clearInterval(timer));
    }

    app.addHook('preHandler', async (request, reply) => {
      const header = request.headers['idempotency-key'];
      if (!WRITE_METHODS.has(request.method) || typeof header !== 'string') return;
      if (request.routeOptions.config.idempotency === false) return;
      if (!KEY_PATTERN.test(header)) {
        throw new DomainError('BAD_REQUEST', 400, {
          params: { reason: 'Idempotency-Key' },
          fields: [{ path: '/headers/idempotency-key', code: 'BAD_REQUEST', params: { reason: 'Idempotency-Key' } }],
        });
      }
      const scope = request.user?.sub ?? 'anonymous';
      const hash = requestHash(request);
      const now = app.clock.now();
      const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, header));
      // An expired answer the sweep has not reached yet is forgotten, as if swept.
      await app.db
        .delete(idempotencyKeys)
        .where(and(where, lt(idempotencyKeys.createdAt, new Date(now.getTime() - ttlMs))));
      const inserted = await app.db
        .insert(idempotencyKeys)
        .values({ scope, key: header, requestHash: hash, createdAt: now })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) {
        request.idempotencyKey = { scope, key: header };
        return;
      }
      const [stored] = await app.db.select().from(idempotencyKeys).where(where);
      if (!stored || stored.requestHash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422);
      if (stored.statusCode === null) throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 409);
      return reply
        .code(stored.statusCode)
        .header('idempotent-replayed', 'true')
        .type(stored.contentType ?? 'application/json')
        .serializer((payload: unknown) => payload as string)
        .send(stored.responseBody ?? '');
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const claimed = request.idempotencyKey;
      if (!claimed) return payload;
      const where = and(eq(idempotencyKeys.scope, claimed.scope), eq(idempotencyKeys.key, claimed.key));
      if (reply.statusCode >= 500 || (typeof payload !== 'string' && payload !== null && payload !== undefined)) {
        await app.db.delete(idempotencyKeys).where(where);
        return payload;
      }
      await app.db
        .update(idempotencyKeys)
        .set({
          statusCode: reply.statusCode,
          contentType: String(reply.getHeader('content-type') ?? 'application/json'),
          responseBody: payload ?? '',
        })
        .where(where);
      return payload;
    });
  },
  { name: 'idempotency', dependencies: ['database', 'clock'] },
);
