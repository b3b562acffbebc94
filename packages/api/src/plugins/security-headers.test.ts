import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';

let direct: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    createTestApp({ seed: false }),
    createTestApp({ seed: false, config: { TRUST_PROXY: 'loopback' } }),
  ]);
});
afterAll(async () => Promise.all([direct.close(), proxied.close()]));

describe('security headers', () => {
  it('sends a CSP that forbids framing, nosniff and no referrer, on JSON and on /docs', async () => {
    for (const path of ['/api/v1/editions', '/docs/', '/api/v1/no-such-route']) {
      const res = await direct.http.get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
    }
  });

  it('sends HSTS only over TLS, and believes X-Forwarded-Proto only from a trusted proxy', async () => {
    expect((await direct.http.get('/healthz')).headers['strict-transport-security']).toBeUndefined();
    const forged = await direct.http.get('/healthz').set('x-forwarded-proto', 'https');
    expect(forged.headers['strict-transport-security']).toBeUndefined();
    const behindTls = await proxied.http.get('/healthz').set('x-forwarded-proto', 'https');
    expect(behindTls.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect((await proxied.http.get('/healthz')).headers['strict-transport-security']).toBeUndefined();
  });
});
