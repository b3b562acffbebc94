import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

export interface RateLimitOptions {
  /** Shared store for every API instance; unset = this process's memory. */
  redisUrl?: string | undefined;
  keyPrefix: string;
}

/**
 * `@fastify/rate-limit` without a global limit: routes opt in (`config.rateLimit`) or build
 * their own limiter (`app.createRateLimit`). With Redis the counters are shared across instances.
 * A Redis that does not answer refuses the limited requests (500) rather than letting them through.
 */
export default fp<RateLimitOptions>(
  async (app, options) => {
    // ioredis loads only when Redis is configured, not at every start of a single instance.
    const redis = options.redisUrl
      ? new (await import('ioredis')).Redis(options.redisUrl, {
          connectTimeout: 2000,
          maxRetriesPerRequest: 1,
          lazyConnect: true,
        })
      : undefined;
    if (redis) {
      await redis.connect();
      app.addHook('onClose', async () => {
        await redis.quit();
      });
    }
    await app.register(rateLimit, {
      global: false,
      ...(redis ? { redis, nameSpace: `${options.keyPrefix}rate-limit:` } : {}),
    });
  },
  { name: 'rate-limit' },
);
