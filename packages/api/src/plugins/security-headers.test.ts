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
  it('gives JSON, problems and files a CSP that lets nothing run, load or frame them', async () => {
    for (const path of ['/api/v1/editions', '/api/v1/no-such-route', '/healthz', '/openapi.json']) {
      const res = await direct.http.get(path);
      expect(res.headers['content-security-policy'], path).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy'], path).toBe('same-origin');
      // What only a page reads is not sent with every answer.
      for (const pageOnly of ['cross-origin-opener-policy', 'x-xss-protection', 'x-dns-prefetch-control']) {
        expect(res.headers[pageOnly], `${path} ${pageOnly}`).toBeUndefined();
      }
    }
  });

  it('gives the pages (/docs, /admin) the CSP of what they load from this origin', async () => {
    for (const path of ['/docs/', '/docs', '/admin/']) {
      const res = await direct.http.get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], path).toBe('same-origin');
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
