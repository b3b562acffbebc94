import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig, secretsKey } from './config.js';

const SECRETS_KEY = randomBytes(32).toString('base64');

describe('configuration from the environment', () => {
  it('has working defaults: embedded database, demo data, port 3000', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './.data/pglite', SEED_DEMO: true, NODE_ENV: 'development' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads and coerces values', () => {
    const config = loadConfig({}, { PORT: '8080', SEED_DEMO: 'false', DATABASE_URL: 'postgres://u@h:5432/d' });
    expect(config).toMatchObject({ PORT: 8080, SEED_DEMO: false, DATABASE_URL: 'postgres://u@h:5432/d' });
  });

  it('stops with a message naming the bad value', () => {
    expect(() => loadConfig({}, { PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({}, { PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({}, { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({}, { LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({}, { NODE_ENV: 'production', SECRETS_KEY })).toThrow(/JWT_SECRET/);
    expect(loadConfig({}, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SECRETS_KEY }).NODE_ENV).toBe(
      'production',
    );
  });

  it('needs SECRETS_KEY (32 bytes) in production, and derives one from JWT_SECRET elsewhere', () => {
    const jwt = { JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({}, { NODE_ENV: 'production', ...jwt })).toThrow(/SECRETS_KEY/);
    expect(() => loadConfig({}, { ...jwt, SECRETS_KEY: randomBytes(16).toString('base64') })).toThrow(/SECRETS_KEY/);
    expect(secretsKey(loadConfig({}, { ...jwt, SECRETS_KEY }))).toEqual(Buffer.from(SECRETS_KEY, 'base64'));
    const urlSafe = randomBytes(32).toString('base64url');
    expect(secretsKey(loadConfig({}, { ...jwt, SECRETS_KEY: urlSafe }))).toEqual(Buffer.from(urlSafe, 'base64url'));
    const derived = secretsKey(loadConfig({}, jwt));
    expect(derived).toHaveLength(32);
    expect(secretsKey(loadConfig({}, { JWT_SECRET: 'y'.repeat(40) }))).not.toEqual(derived);
  });
});
