import { defineConfig } from 'vitest/config';
import { coverage, reporters } from '../../vitest.reporters.js';

export default defineConfig({
  test: { include: ['src/**/*.test.ts'], reporters: reporters('client'), coverage: coverage() },
});
