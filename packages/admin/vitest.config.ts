import vue from '@vitejs/plugin-vue';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { coverage, reporters } from '../../vitest.reporters.js';

/** Unit and component tests (happy-dom); the browser suite has its own config. */
export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ['saishi-source', ...defaultClientConditions] },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // Components mount the real Element Plus in happy-dom; on a busy shared CI machine that takes seconds.
    testTimeout: 30_000,
    reporters: reporters('admin'),
    // `pnpm test` reports coverage of the sources (settings shared by every package).
    coverage: coverage(),
  },
});
