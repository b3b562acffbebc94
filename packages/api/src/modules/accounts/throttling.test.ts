import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { loadConfig, type Config } from '../../config.js';

const opened: TestApp[] = [];
afterAll(async () => Promise.all(opened.map((app) => app.close())));

async function appWith(config: Partial<Config>): Promise<TestApp> {
  const app = await createTestApp({ config });
  opened.push(app);
  return app;
}

/** Direct clients (no proxy believed), and clients behind a trusted proxy on loopback. */
let direct: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    appWith({ AUTH_RATE_LIMIT_MAX: 3, ACCOUNT_ATTEMPTS_MAX: 1000 }),
    appWith({ AUTH_RATE_LIMIT_MAX: 2, ACCOUNT_ATTEMPTS_MAX: 3, TRUST_PROXY: 'loopback' }),
  ]);
});

const login = (t: TestApp, loginName: string, password: string, forwardedFor?: string) => {
  const request = t.http.post('/api/v1/auth/login');
  if (forwardedFor) void request.set('x-forwarded-for', forwardedFor);
  return request.send({ login: loginName, password });
};

/** A different made-up client address for each attempt, as an attacker forging the header sends. */
const forged = (attempt: number) => `198.51.100.${attempt + 1}`;

describe('client address and proxies (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For by default: forged addresses share the real one limit', async () => {
    const t = direct;
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await login(t, 'nobody@example.test', 'wrong-password', forged(attempt))).status).toBe(401);
    const limited = await login(t, 'admin@saishi.demo', 'Saishi@2024', forged(99));
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('behind a trusted proxy takes the address the proxy saw, not what the client claimed', async () => {
    const t = proxied;
    // The proxy appends the real client address to whatever the client sent.
    for (let attempt = 0; attempt < 2; attempt++)
      await login(t, `nobody-${attempt}@example.test`, 'wrong-password', `${forged(attempt)}, 203.0.113.9`);
    expectProblem(
      await login(t, 'nobody-2@example.test', 'wrong-password', `${forged(7)}, 203.0.113.9`),
      429,
      'RATE_LIMITED',
    );
    // Another real client behind the same proxy is not affected.
    expect((await login(t, 'nobody@example.test', 'wrong-password', '203.0.113.10')).status).toBe(401);
  });

  it('refuses a TRUST_PROXY that is not a list of addresses or ranges', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' }, {})).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }, {})).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16, ::1, loopback' }, {}).TRUST_PROXY).toContain('::1');
  });
});

describe('per account lockout', () => {
  it('locks an account after failed logins from any address, and only that account', async () => {
    const t = proxied;
    // A successful login does not count.
    expect((await login(t, 'expert@saishi.demo', 'Saishi@2024')).status).toBe(200);
    for (let attempt = 0; attempt < 3; attempt++)
      expectProblem(await login(t, 'EXPERT@saishi.demo', 'guess', forged(attempt)), 401, 'INVALID_CREDENTIALS');
    // Now even the right password, from a fresh address, waits.
    const locked = await login(t, 'expert@saishi.demo', 'Saishi@2024', forged(50));
    const body = expectProblem(locked, 429, 'ACCOUNT_LOCKED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(String(body.detail)).toContain(String(retryAfter));
    expect((await login(t, 'admin@saishi.demo', 'Saishi@2024', forged(51))).status).toBe(200);
  });

  it('limits sign-ups per email whatever address they come from', async () => {
    const t = proxied;
    const signup = (attempt: number) =>
      t.http
        .post('/api/v1/auth/signup')
        .set('x-forwarded-for', forged(60 + attempt))
        .send({ email: 'Flood@example.test', password: 'a long passphrase 1', displayName: 'Flood' });
    for (let attempt = 0; attempt < 3; attempt++) expect((await signup(attempt)).status).toBeLessThan(429);
    expectProblem(await signup(3), 429, 'ACCOUNT_LOCKED');
  });
});

describe.runIf(process.env.TEST_REDIS_URL)('rate limits in Redis (TEST_REDIS_URL)', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const shared = { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: `saishi-test-${randomUUID()}:` };
    [first, second] = await Promise.all([
      appWith({ ...shared, AUTH_RATE_LIMIT_MAX: 1000, ACCOUNT_ATTEMPTS_MAX: 2 }),
      appWith({ ...shared, AUTH_RATE_LIMIT_MAX: 1000, ACCOUNT_ATTEMPTS_MAX: 2 }),
    ]);
  });

  it('shares the counters between two API instances', async () => {
    expectProblem(await login(first, 'admin@saishi.demo', 'guess-1'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await login(second, 'admin@saishi.demo', 'guess-2'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await login(first, 'admin@saishi.demo', 'Saishi@2024'), 429, 'ACCOUNT_LOCKED');
  });
});
