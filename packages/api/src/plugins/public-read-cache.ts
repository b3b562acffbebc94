import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../lib/deps.js';
import { keepAnswer, keptAnswer, referenceGeneration } from '../modules/editions/reference-cache.js';
import { DIVISION_HEADER, EDITION_HEADER } from './edition-scope.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Whether this public read's anonymous answers may be kept in memory (true unless false); an
     * answer that depends on the clock (e.g. the timeline's `now`) must not be.
     */
    keepAnswers?: boolean;
  }
}

/** What a request's answer is kept under: path and query, language, and what it names as `current`. */
function keyOf(request: FastifyRequest): string {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value.trim() : '';
  };
  return [request.url, request.locale, header(EDITION_HEADER), header(DIVISION_HEADER)].join('\n');
}

interface Running {
  generation: number;
  answered: Promise<void>;
  done(): void;
}

/** A GET of a public read (`config.publicCacheSeconds`) without any credentials. */
function keepable(request: FastifyRequest): boolean {
  const { config } = request.routeOptions;
  return (
    request.method === 'GET' &&
    config.publicCacheSeconds !== undefined &&
    config.keepAnswers !== false &&
    !request.headers.authorization &&
    !request.headers.cookie
  );
}

/**
 * Answers anonymous public reads (editions, their catalogue, the results library) from memory:
 * the answer sent a moment ago to the same request is sent again without asking the database,
 * which matters most on the embedded database, where every statement waits for the one before.
 * Answers are kept with the edition reference data (modules/editions/reference-cache.ts) for
 * `REFERENCE_CACHE_TTL_MS`, emptied by every write request of this process before it runs and
 * before it answers, and never kept when a write emptied the cache while the read ran. Another
 * instance on the same PostgreSQL sees a change at most that long after it. Requests for an answer
 * being read wait for it; after half the TTL, one request reads anew while the others still get
 * the kept answer, so a busy read never has every client wait at once.
 *
 * Only anonymous answers are kept and served: an organizer, who may see drafts, always gets a
 * fresh answer, and an answer is only ever given for the very request (path, query, language,
 * edition and division headers) that produced it. Registered after the database's health check,
 * so a database that is down still answers 503.
 */
export default fp<{ db: Db }>(
  async (app, { db }) => {
    /** The reads running now, by key: the same request arriving meanwhile waits for their answer. */
    const running = new Map<string, Running>();
    const reading = new WeakMap<FastifyRequest, { key: string; generation: number; running: Running }>();

    app.addHook('onRequest', async (request, reply) => {
      if (!keepable(request)) return;
      const key = keyOf(request);
      let kept = keptAnswer(db, key);
      const ahead = running.get(key);
      if (ahead && ahead.generation === referenceGeneration(db) && !kept) {
        await ahead.answered;
        kept = keptAnswer(db, key);
      }
      const generation = referenceGeneration(db);
      if (generation === undefined) return;
      // An answer past its time is given while another request reads the new one.
      if (kept && (kept.fresh || (ahead && ahead.generation === generation))) {
        if (kept.answer.contentType) reply.type(kept.answer.contentType);
        return reply.send(kept.answer.payload);
      }
      let done = () => {};
      const answered = new Promise<void>((resolve) => (done = resolve));
      const entry = { generation, answered, done };
      running.set(key, entry);
      reading.set(request, { key, generation, running: entry });
    });

    const finish = (request: FastifyRequest) => {
      const read = reading.get(request);
      if (!read) return;
      reading.delete(request);
      if (running.get(read.key) === read.running) running.delete(read.key);
      read.running.done();
    };

    app.addHook('onSend', async (request, reply, payload) => {
      const read = reading.get(request);
      if (read && reply.statusCode === 200 && typeof payload === 'string') {
        const contentType = reply.getHeader('content-type');
        keepAnswer(db, read.key, read.generation, {
          payload,
          contentType: typeof contentType === 'string' ? contentType : undefined,
        });
      }
      finish(request);
      return payload;
    });
    // An answer that never reaches onSend (the client went away) still lets the others go on.
    app.addHook('onResponse', async (request) => finish(request));
    app.addHook('onRequestAbort', async (request) => finish(request));
  },
  { name: 'public-read-cache', dependencies: ['problems', 'database'] },
);
