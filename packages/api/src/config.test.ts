import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

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
    expect(() => loadConfig({}, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({}, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe('production');
  });
});
