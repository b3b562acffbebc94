import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../../lib/errors.js';
import { problemResponses } from '../../lib/http-schemas.js';
import { BrowserSession, type CookieSecureMode } from './browser-session.js';
import { CsrfToken, LoginBody, Session } from './schemas.js';
import * as accounts from './service.js';
import { accountLimiter, type AccountLimits } from './throttle.js';
import { operations } from './operations.js';

export interface AuthRoutesOptions extends AccountLimits {
  refreshTtlDays: number;
  authRateLimitMax: number;
  /** `SESSION_COOKIE_SECURE`. */
  sessionCookieSecure: CookieSecureMode;
}

/** The browser session of the accounts routes: its cookies go to `<prefix>/auth` only. */
export function browserSession(prefix: string, options: AuthRoutesOptions): BrowserSession {
  return new BrowserSession(`${prefix}/auth`, options.sessionCookieSecure, options.refreshTtlDays);
}

/**
 * Login, limited per client address and per account, and the CSRF token of a browser session
 * after a reload; it opens a session (`./signup.routes.ts`
 * creates accounts, `./session.routes.ts` refreshes and ends sessions).
 */
const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const settings: accounts.TokenSettings = {
    sign: (claims) => app.jwt.sign(claims),
    refreshTtlDays: options.refreshTtlDays,
  };
  const rateLimit = { max: options.authRateLimitMax, timeWindow: '1 minute' };
  const loginAttempts = accountLimiter(app, 'login', (request) => (request.body as { login: string }).login, options);
  const browser = browserSession(app.prefix, options);
  const tags = ['accounts'];

  app.post(
    '/auth/login',
    {
      config: { rateLimit, idempotency: false },
      schema: {
        tags,
        ...operations.login,
        body: LoginBody,
        response: { 200: Session, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await loginAttempts.check(request, reply);
      const user = await accounts.authenticate(app.deps, request.body).catch(async (error: unknown) => {
        if (error instanceof DomainError && error.code === 'INVALID_CREDENTIALS') await loginAttempts.count(request);
        throw error;
      });
      const session = await accounts.issueSession(app.deps, user, settings);
      if (request.body.refreshTokenIn !== 'cookie') return session;
      const { refreshToken, ...rest } = session;
      return { ...rest, csrfToken: browser.start(request, reply, refreshToken) };
    },
  );

  app.get(
    '/auth/csrf-token',
    {
      schema: {
        tags,
        ...operations.getCsrfToken,
        response: { 200: CsrfToken },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { csrfToken: reply.generateCsrf({ secure: browser.secure(request) }) };
    },
  );
};

export default authRoutes;
