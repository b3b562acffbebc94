/**
 * Test reporters and coverage for every package: the default console output, plus a JSON report
 * per package when VITEST_REPORT_DIR is set (CI sums them into one closing line).
 */
export function reporters(suite: string): (string | [string, Record<string, unknown>])[] {
  const directory = process.env.VITEST_REPORT_DIR;
  if (!directory) return ['default'];
  const database = process.env.TEST_DATABASE_URL ? '-postgres' : '';
  return ['default', ['json', { outputFile: `${directory}/${suite}${database}.json` }]];
}

/**
 * V8 coverage of a package's src/ (tests and test helpers excluded), into its coverage/ folder:
 * a summary on the console, coverage-summary.json (CI prints one table of every package from
 * them: scripts/coverage-summary.mjs) and an HTML report. On with `--coverage` (the packages'
 * `coverage` scripts) or TEST_COVERAGE=true (CI, during `npm test`).
 */
export function coverage() {
  return {
    enabled: process.env.TEST_COVERAGE === 'true',
    provider: 'v8' as const,
    include: ['src/**/*.{ts,vue}'],
    exclude: ['src/**/*.test.ts', 'src/test/**', 'src/**/*.d.ts'],
    reporter: ['text-summary', 'json-summary', 'html'],
  };
}
