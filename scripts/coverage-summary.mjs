// Prints one coverage table of every package from their coverage/coverage-summary.json (written
// by vitest with coverage on: `pnpm coverage`, or TEST_COVERAGE=true in CI). Reports only: no
// threshold fails the build yet.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const METRICS = ['lines', 'statements', 'branches', 'functions'];
const rows = readdirSync('packages')
  .sort()
  .map((name) => ({ name, file: join('packages', name, 'coverage', 'coverage-summary.json') }))
  .filter(({ file }) => existsSync(file))
  .map(({ name, file }) => ({ name, total: JSON.parse(readFileSync(file, 'utf8')).total }));

if (rows.length === 0) {
  console.log('coverage: no report (run the tests with coverage: pnpm coverage)');
} else {
  const cell = (metric) => `${metric.pct.toFixed(1)}% (${metric.covered}/${metric.total})`.padEnd(22);
  console.log(`coverage  ${'package'.padEnd(8)}${METRICS.map((metric) => metric.padEnd(22)).join('')}`.trimEnd());
  for (const { name, total } of rows)
    console.log(`coverage  ${name.padEnd(8)}${METRICS.map((metric) => cell(total[metric])).join('')}`.trimEnd());
}
