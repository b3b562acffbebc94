import { defineConfig } from 'vitest/config';
import { coverage, reporters } from '../../vitest.reporters.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database; two workers fit the 2-core machines.
    maxWorkers: 2,
    reporters: reporters('api'),
    coverage: coverage(),
  },
});
