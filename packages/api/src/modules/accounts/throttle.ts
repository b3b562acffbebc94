import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { normalizeLogin } from './service.js';

export interface AccountLimits {
  accountAttemptsMax: number;
  accountLockoutMinutes: number;
}

/**
 * A limit per account (email or mobile), whatever address the attempts come from: after `max`
 * counted attempts within the window the account answers 429 with Retry-After until the window
 * ends. Keys are hashed, so the store holds no login names.
 */
export function accountLimiter(
  app: FastifyInstance,
  kind: string,
  login: (request: FastifyRequest) => string,
  options: AccountLimits,
) {
  const limiter = app.createRateLimit({
    max: options.accountAttemptsMax,
    timeWindow: options.accountLockoutMinutes * 60_000,
    keyGenerator: (request) =>
      `${kind}:${createHash('sha256')
        .update(normalizeLogin(login(request)))
        .digest('hex')}`,
  });
  return {
    /** Refuses the request while the account is locked. */
    async check(request: FastifyRequest, reply: FastifyReply) {
      const status = await limiter(request, { increment: false });
      if (!status.isAllowed && status.remaining === 0 && status.ttl > 0) {
        void reply.header('retry-after', String(status.ttlInSeconds));
        throw new DomainError('ACCOUNT_LOCKED', 429, { params: { seconds: status.ttlInSeconds } });
      }
    },
    /** Counts one attempt against the account. */
    async count(request: FastifyRequest) {
      await limiter(request);
    },
  };
}
