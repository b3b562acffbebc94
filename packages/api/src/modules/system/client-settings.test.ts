import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config.js';
import { createTestApp, type TestApp } from '../../test/app.js';

// The login page shows the demo accounts only where they exist and it is not production
// (issue 17: demo passwords were shown on the production login page).

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const settings = async (config: Partial<Config>) => {
  t = await createTestApp({ seed: false, config });
  const response = await t.http.get('/api/v1/client-settings').expect(200);
  return response.body as { demoLogins: boolean };
};

describe('the client settings', () => {
  it('offers the demo logins where the demo data is loaded outside production', async () => {
    expect(await settings({ SEED_DEMO: true })).toEqual({ demoLogins: true });
  });

  it('hides them without the demo data', async () => {
    expect(await settings({ SEED_DEMO: false })).toEqual({ demoLogins: false });
  });

  it('hides them in production, demo data or not', async () => {
    expect(
      await settings({
        SEED_DEMO: true,
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-enough-length-0123',
        SECRETS_KEY: 'c2Fpc2hpLWNsaWVudC1zZXR0aW5ncy10ZXN0LWtleSE=',
      }),
    ).toEqual({ demoLogins: false });
  });
});
