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
    reporters: reporters('admin-e2e'),
  },
});
