import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie holding a browser's refresh token (never readable by the page's scripts). */
export const REFRESH_COOKIE = 'saishi_refresh';

/** `SESSION_COOKIE_SECURE`: when the session cookies are marked Secure. */
export type CookieSecureMode = 'auto' | 'always' | 'never';

/**
 * The browser session: the refresh token travels in an httpOnly, SameSite=Strict cookie sent only
 * to the session routes (`path`), Secure over TLS; the page keeps the access token in memory and
 * proves each cookie-borne request with the CSRF token (plugins/csrf.ts). API clients that keep
 * their refresh token themselves send it in the body instead and need neither.
 */
export class BrowserSession {
  constructor(
    private readonly path: string,
    private readonly secureMode: CookieSecureMode,
    private readonly ttlDays: number,
  ) {}

  secure(request: FastifyRequest): boolean {
    return this.secureMode === 'always' || (this.secureMode === 'auto' && request.protocol === 'https');
  }

  /** The refresh token of the cookie, if the request carries one. */
  refreshToken(request: FastifyRequest): string | undefined {
    return request.cookies[REFRESH_COOKIE] || undefined;
  }

  /** Sets the refresh cookie, and returns the CSRF token the page must send along with it. */
  start(request: FastifyRequest, reply: FastifyReply, refreshToken: string): string {
    const secure = this.secure(request);
    reply.setCookie(REFRESH_COOKIE, refreshToken, {
      path: this.path,
      httpOnly: true,
      sameSite: 'strict',
      secure,
      maxAge: this.ttlDays * 86_400,
    });
    return reply.generateCsrf({ secure });
  }

  end(request: FastifyRequest, reply: FastifyReply): void {
    reply.clearCookie(REFRESH_COOKIE, {
      path: this.path,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(request),
    });
  }
}
