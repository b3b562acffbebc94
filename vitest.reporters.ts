/**
 * Test reporters for every package: the default console output, plus a JSON report per
 * package when VITEST_REPORT_DIR is set (CI sums them into one closing line).
 */
export function reporters(suite: string): (string | [string, Record<string, unknown>])[] {
  const directory = process.env.VITEST_REPORT_DIR;
  if (!directory) return ['default'];
  const database = process.env.TEST_DATABASE_URL ? '-postgres' : '';
  return ['default', ['json', { outputFile: `${directory}/${suite}${database}.json` }]];
}
