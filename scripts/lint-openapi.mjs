// `pnpm lint:openapi [openapi.json]`: lints the served OpenAPI document with Redocly's recommended
// ruleset (redocly.yaml) and fails on any error or warning.
// Without a file, the document is what GET /openapi.json answers on an app built on the embedded
// database (packages/api/scripts/dump-openapi.ts). `--report-only` prints the problems, exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only');
let file = args.find((arg) => !arg.startsWith('--'));
let scratch;
if (!file) {
  scratch = mkdtempSync(join(tmpdir(), 'saishi-openapi-'));
  file = join(scratch, 'openapi.json');
  const dump = spawnSync(
    'pnpm',
    ['--silent', '--filter', '@saishi/api', 'exec', 'tsx', 'scripts/dump-openapi.ts', file],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (dump.status !== 0) process.exit(dump.status ?? 1);
}
const lint = spawnSync(
  'pnpm',
  [
    '--silent',
    'exec',
    'redocly',
    'lint',
    '--config',
    'redocly.yaml',
    '--format',
    'json',
    '--max-problems',
    '10000',
    resolve(file),
  ],
  {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 ** 2,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
);
if (scratch) rmSync(scratch, { recursive: true, force: true });
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  process.stderr.write(lint.stderr);
  console.error('lint:openapi: Redocly did not answer with a report');
  process.exit(1);
}
for (const problem of report.problems)
  console.log(`${problem.severity} ${problem.ruleId} ${problem.location?.[0]?.pointer ?? ''}: ${problem.message}`);
const { errors, warnings } = report.totals;
console.log(`lint:openapi: ${errors} errors, ${warnings} warnings (Redocly recommended ruleset)`);
if (errors + warnings > 0 && !reportOnly) process.exit(1);
