import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.reporters.js';

/** The browser suite: the real API on an embedded database, the built admin, Debian's Chromium. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // The browser waits on a real server: give expect.poll the time a slow CI machine needs.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: reporters('admin-e2e'),
  },
});
