import { createHmac } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import fp from 'fastify-plugin';

/** The header a browser client sends the CSRF token in; no other place is read. */
export const CSRF_HEADER = 'x-csrf-token';

export interface CsrfPluginOptions {
  /** The server's secret (JWT_SECRET); cookies are signed with a key derived from it. */
  secret: string;
  /** The only path the CSRF secret cookie is sent to (the session routes). */
  path: string;
}

/**
 * Cookies (`@fastify/cookie`) and CSRF protection (`@fastify/csrf-protection`) for the browser
 * session: the CSRF secret lives in a signed, httpOnly, SameSite=Strict cookie on `path`, the
 * token derived from it (`reply.generateCsrf()`) is handed to the page in a JSON answer and must
 * come back in the `X-CSRF-Token` header of every request that `app.csrfProtection` guards.
 * A wrong or missing token is a 403 `CSRF_TOKEN_INVALID` problem (plugins/problems.ts).
 */
export default fp<CsrfPluginOptions>(
  async (app, options) => {
    const signingKey = createHmac('sha256', options.secret).update('saishi cookie signing').digest('base64url');
    await app.register(cookie, { secret: signingKey });
    await app.register(csrfProtection, {
      cookieKey: 'saishi_csrf',
      cookieOpts: { path: options.path, httpOnly: true, sameSite: 'strict', signed: true },
      getToken: (request) => {
        const token = request.headers[CSRF_HEADER];
        return typeof token === 'string' ? token : undefined;
      },
    });
  },
  { name: 'csrf' },
);
