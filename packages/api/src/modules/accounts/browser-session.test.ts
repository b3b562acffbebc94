import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { AUTH_RATE_LIMIT_MAX: 1000, TRUST_PROXY: 'loopback' } });
});
afterAll(async () => t.close());

const ADMIN = { login: 'admin@saishi.demo', password: 'Saishi@2024' };

interface SetCookie {
  value: string;
  attributes: string[];
}

/** The cookies an answer sets, by name: value and lower-cased attributes. */
function setCookies(response: Response): Record<string, SetCookie> {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies: Record<string, SetCookie> = {};
  for (const line of header ?? []) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const [name, ...value] = pair!.split('=');
    cookies[name!] = { value: value.join('='), attributes: attributes.map((attribute) => attribute.toLowerCase()) };
  }
  return cookies;
}

/** A browser's cookie jar for the /auth routes: what it sends back, updated from each answer. */
class Jar {
  private readonly values = new Map<string, string>();

  take(response: Response): void {
    for (const [name, cookie] of Object.entries(setCookies(response))) {
      if (cookie.value === '' || cookie.attributes.includes('max-age=0')) this.values.delete(name);
      else this.values.set(name, cookie.value);
    }
  }

  get header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }
}

async function browserLogin(jar = new Jar(), headers: Record<string, string> = {}) {
  const response = await t.http
    .post('/api/v1/auth/login')
    .set(headers)
    .send({ ...ADMIN, refreshTokenIn: 'cookie' });
  expect(response.status).toBe(200);
  jar.take(response);
  return { jar, response, csrfToken: response.body.csrfToken as string };
}

const refresh = (jar: Jar, csrfToken?: string, locale = 'zh-CN') => {
  const request = t.http.post('/api/v1/auth/refresh').set('Cookie', jar.header).set('Accept-Language', locale);
  if (csrfToken !== undefined) request.set('X-CSRF-Token', csrfToken);
  return request.send({});
};

describe('the browser session: refresh token in a cookie, CSRF token in a header', () => {
  it('sets the refresh token as an httpOnly, SameSite=Strict cookie on /api/v1/auth, never in the answer', async () => {
    const { response, csrfToken } = await browserLogin();
    expect(response.body.refreshToken).toBeUndefined();
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(response.body.user.role).toBe('admin');
    expect(csrfToken).toEqual(expect.any(String));
    const cookies = setCookies(response);
    const refreshCookie = cookies.saishi_refresh!;
    expect(refreshCookie.value.length).toBeGreaterThan(20);
    expect(refreshCookie.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/v1/auth', `max-age=${30 * 86_400}`]),
    );
    expect(refreshCookie.attributes).not.toContain('secure'); // plain HTTP, SESSION_COOKIE_SECURE=auto
    const csrfCookie = cookies.saishi_csrf!;
    expect(csrfCookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/v1/auth']));
    expect(csrfCookie.value).not.toContain(csrfToken); // the page gets a token, the cookie keeps the secret
  });

  it('marks the cookies Secure when the request came over TLS through a trusted proxy', async () => {
    const { response } = await browserLogin(new Jar(), { 'X-Forwarded-Proto': 'https' });
    const cookies = setCookies(response);
    expect(cookies.saishi_refresh!.attributes).toContain('secure');
    expect(cookies.saishi_csrf!.attributes).toContain('secure');
  });

  it('rotates the cookie on a refresh with the CSRF token, and a replayed old cookie revokes the session', async () => {
    const { jar, csrfToken } = await browserLogin();
    const first = jar.get('saishi_refresh')!;
    const refreshed = await refresh(jar, csrfToken);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    expect(refreshed.body.accessToken).toEqual(expect.any(String));
    jar.take(refreshed);
    expect(jar.get('saishi_refresh')).not.toBe(first);
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${refreshed.body.accessToken as string}`);
    expect(me.body.role).toBe('admin');

    const stolen = new Jar();
    stolen.set('saishi_refresh', first);
    stolen.set('saishi_csrf', jar.get('saishi_csrf')!);
    const replay = await refresh(stolen, csrfToken);
    expectProblem(replay, 401, 'REFRESH_TOKEN_REUSED');
    expect(setCookies(replay).saishi_refresh?.value).toBe(''); // a failed refresh clears the cookie
    expectProblem(await refresh(jar, csrfToken), 401, 'REFRESH_TOKEN_INVALID');
  });

  it('refuses a cookie-borne refresh without the CSRF token, with a wrong one, or without the CSRF cookie', async () => {
    const { jar, csrfToken } = await browserLogin();
    const missing = expectProblem(await refresh(jar, undefined, 'zh-CN'), 403, 'CSRF_TOKEN_INVALID');
    expect(missing.detail).toContain('CSRF 令牌');
    const wrong = expectProblem(await refresh(jar, `${csrfToken.slice(0, -4)}AAAA`, 'en'), 403, 'CSRF_TOKEN_INVALID');
    expect(wrong.detail).toBe('The CSRF token is missing or invalid; reload the page and try again');
    expect(wrong.title).toBe('Forbidden');

    // A token minted for another browser's secret does not fit this one.
    const other = await browserLogin();
    expectProblem(await refresh(jar, other.csrfToken), 403, 'CSRF_TOKEN_INVALID');
    // The CSRF cookie is signed: the right secret without its signature (a cookie planted by a
    // sibling subdomain, say) is refused along with the token that fits it.
    const signed = decodeURIComponent(jar.get('saishi_csrf')!);
    const forged = new Jar();
    forged.set('saishi_refresh', jar.get('saishi_refresh')!);
    forged.set('saishi_csrf', encodeURIComponent(signed.slice(0, signed.lastIndexOf('.'))));
    expectProblem(await refresh(forged, csrfToken), 403, 'CSRF_TOKEN_INVALID');

    // None of these spent the refresh token.
    expect((await refresh(jar, csrfToken)).status).toBe(200);
  });

  it('gives a reloaded page a CSRF token for the cookie it already has', async () => {
    const { jar } = await browserLogin();
    const fresh = await t.http.get('/api/v1/auth/csrf-token').set('Cookie', jar.header);
    expect(fresh.status).toBe(200);
    expect(fresh.headers['cache-control']).toBe('no-store');
    expect(setCookies(fresh).saishi_csrf).toBeUndefined(); // the secret stays, only a new token
    expect((await refresh(jar, fresh.body.csrfToken as string)).status).toBe(200);
  });

  it('logs out with the cookie and the CSRF token, clearing the cookie; without the token nothing ends', async () => {
    const { jar, csrfToken } = await browserLogin();
    const forged = await t.http.post('/api/v1/auth/logout').set('Cookie', jar.header).send({});
    expectProblem(forged, 403, 'CSRF_TOKEN_INVALID');
    const logout = await t.http
      .post('/api/v1/auth/logout')
      .set('Cookie', jar.header)
      .set('X-CSRF-Token', csrfToken)
      .send({});
    expect(logout.status).toBe(204);
    const cleared = setCookies(logout).saishi_refresh!;
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toContain('path=/api/v1/auth');
    const revoked = jar.get('saishi_refresh')!;
    jar.take(logout);
    expect(jar.get('saishi_refresh')).toBeUndefined();
    expectProblem(await refresh(jar, csrfToken), 401, 'REFRESH_TOKEN_INVALID'); // no cookie left
    jar.set('saishi_refresh', revoked);
    expectProblem(await refresh(jar, csrfToken), 401, 'REFRESH_TOKEN_INVALID'); // and the old one is dead
  });

  it('keeps the body-based refresh token of API clients, with no cookie and no CSRF token', async () => {
    const login = await t.http.post('/api/v1/auth/login').send(ADMIN);
    expect(login.body.refreshToken).toEqual(expect.any(String));
    expect(login.body.csrfToken).toBeUndefined();
    expect(setCookies(login).saishi_refresh).toBeUndefined();
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(setCookies(refreshed).saishi_refresh).toBeUndefined();
    expectProblem(await t.http.post('/api/v1/auth/refresh').send({}), 401, 'REFRESH_TOKEN_INVALID');
  });
});

describe('SESSION_COOKIE_SECURE=always', () => {
  it('marks the cookies Secure even over plain HTTP', async () => {
    const secure = await createTestApp({ config: { SESSION_COOKIE_SECURE: 'always' } });
    try {
      const response = await secure.http.post('/api/v1/auth/login').send({ ...ADMIN, refreshTokenIn: 'cookie' });
      expect(setCookies(response).saishi_refresh!.attributes).toContain('secure');
      expect(setCookies(response).saishi_csrf!.attributes).toContain('secure');
    } finally {
      await secure.close();
    }
  });
});
