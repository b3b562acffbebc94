import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.reporters.js';

/** Unit and component tests (happy-dom); the browser suite has its own config. */
export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // Components mount the real Element Plus in happy-dom; on a busy shared CI machine that takes seconds.
    testTimeout: 30_000,
    reporters: reporters('admin'),
    // `pnpm test` reports statement/branch coverage of the sources (text summary, and HTML in coverage/).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,vue}'],
      exclude: ['src/**/*.test.ts', 'src/test/**', 'src/api/schema.d.ts', 'src/env.d.ts'],
      reporter: ['text-summary', 'html'],
    },
  },
});
