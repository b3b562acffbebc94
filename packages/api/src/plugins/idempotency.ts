import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../lib/errors.js';
import { idempotencyKeys } from './idempotency.tables.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: { scope: string; key: string } | null;
  }
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
 */
export default fp(
  async (app) => {
    app.decorateRequest('idempotencyKey', null);

    app.addHook('preHandler', async (request, reply) => {
      const header = request.headers['idempotency-key'];
      if (!WRITE_METHODS.has(request.method) || typeof header !== 'string') return;
      if (!KEY_PATTERN.test(header)) {
        throw new DomainError('BAD_REQUEST', 400, {
          params: { reason: 'Idempotency-Key' },
          fields: [{ path: '/headers/idempotency-key', code: 'BAD_REQUEST', params: { reason: 'Idempotency-Key' } }],
        });
      }
      const scope = request.user?.sub ?? 'anonymous';
      const hash = requestHash(request);
      const inserted = await app.db
        .insert(idempotencyKeys)
        .values({ scope, key: header, requestHash: hash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) {
        request.idempotencyKey = { scope, key: header };
        return;
      }
      const [stored] = await app.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, header)));
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
  { name: 'idempotency', dependencies: ['database'] },
);
