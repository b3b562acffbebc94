import etag from '@fastify/etag';
import { hash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Seconds a shared cache (CDN, reverse proxy) and browsers may keep a successful anonymous
     * answer of this public read; it may then serve it stale for as long again while revalidating.
     */
    publicCacheSeconds?: number;
  }
}

/**
 * Marks every GET route that the calling plugin registers as a public read that shared caches may
 * keep for `seconds` (a minute by default): for plugins of public reads only.
 */
export function cachePublicReads(app: FastifyInstance, seconds = 60): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET')) route.config = { ...route.config, publicCacheSeconds: seconds };
  });
}

/**
 * HTTP caching of reads. Every GET answer carries an ETag, so a client or proxy that sends
 * If-None-Match gets 304 without the body. Public reads that opt in (`config.publicCacheSeconds`)
 * are cacheable by shared caches when anonymous; answers to a request with credentials never are
 * (`private, no-cache`), since an organizer may see drafts that the public must not.
 * The answer depends on the edition and division a client looks at and on its language: `Vary`
 * names those headers so that a cache keeps one copy per combination.
 */
export default fp(
  async (app) => {
    // One call per answer (crypto.hash), not a Hash object created, fed and digested.
    await app.register(etag, { weak: true, hashFn: (payload) => hash('sha1', payload, 'base64') });
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
      if (reply.hasHeader('cache-control')) return payload;
      const seconds = request.routeOptions.config.publicCacheSeconds;
      if (request.headers.authorization || request.headers.cookie) {
        reply.header('cache-control', 'private, no-cache');
      } else if (seconds !== undefined && (reply.statusCode === 200 || reply.statusCode === 304)) {
        reply.header('cache-control', `public, max-age=${seconds}, stale-while-revalidate=${seconds}`);
        reply.header('vary', 'Accept-Language, Saishi-Edition, Saishi-Division');
      } else {
        reply.header('cache-control', 'no-cache');
      }
      return payload;
    });
  },
  { name: 'http-cache' },
);
