/**
 * Fault benchmark (issue 18): what hostile input and a failing database cost, measured in one run.
 *
 *  1. Fuzz: the suite's property-based test of every OpenAPI operation (src/modules/system/
 *     openapi-fuzz.test.ts, run by vitest with FUZZ_REPORT): requests sent, 5xx answers.
 *  2. Database faults: the compiled server (`dist/server.js`, built first, default pool timeouts)
 *     reaches its database through a TCP proxy of this process, which stalls it (connections
 *     held open, nothing answered) and then cuts it (connections closed, new ones refused). For a
 *     read, a login and /readyz: time until the 503, and time until 200 again once the database
 *     is back.
 *  3. Hostile imports: /healthz latency (median, p99, max) while an organizer sends hostile list
 *     files to the blacklist preview (an XLSX of BENCH_HOSTILE_ROWS rows, one that declares 3 GiB
 *     unpacked, a CSV past the size limit), against idle /healthz measured just before; the answer
 *     to each file and the server's resident memory before and after.
 *
 * Figures are printed, never asserted (the suite asserts the limits). Run:
 *   pnpm --filter @saishi/api bench:faults
 *   BENCH_PG_URL        PostgreSQL server to create a scratch database in (default
 *                       postgres://postgres@127.0.0.1:5432/postgres); unreachable: the embedded one
 *   BENCH_FUZZ_RUNS     generated requests per operation, caller and stage (default 4)
 *   BENCH_HOSTILE_ROWS  rows of the hostile workbook (default 1,000,000, as reported in issue 18)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../src/db/embedded.js';
import { startTcpProxy, type TcpProxy } from '../src/test/tcp-proxy.js';
import { zipDeclaring } from '../src/test/hostile-files.js';
import { recordFigure } from './figures.js';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FUZZ_RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 4);
const HOSTILE_ROWS = Number(process.env.BENCH_HOSTILE_ROWS ?? 1_000_000);
const ADMIN = { login: 'admin@saishi.demo', password: 'Saishi@2024' };
/** How long a request may take before the bench calls it hung. */
const HUNG_MS = 60_000;

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

function rssMiB(child: ChildProcess): number {
  const out = spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
  return Number(out) / 1024;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------------------------ 1. fuzz

interface FuzzReport {
  requests: number;
  serverErrors: number;
  clientErrors: number;
  failures: number;
  operations: number;
  callers: number;
  seconds: number;
}

function fuzz(): FuzzReport {
  const scratch = mkdtempSync(join(tmpdir(), 'saishi-bench-fuzz-'));
  const report = join(scratch, 'report.json');
  try {
    const run = spawnSync(process.execPath, [VITEST, 'run', 'src/modules/system/openapi-fuzz.test.ts'], {
      cwd: API_DIR,
      env: { ...process.env, FUZZ_REPORT: report, FUZZ_RUNS: String(FUZZ_RUNS) },
      encoding: 'utf8',
    });
    if (!existsSync(report)) throw new Error(`the fuzz run wrote no report:\n${run.stdout}\n${run.stderr}`);
    return JSON.parse(readFileSync(report, 'utf8')) as FuzzReport;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------- the server under test

interface Backend {
  /** Where the proxy forwards to. */
  target: { host: string; port: number } | { path: string };
  database: string;
  dispose(): Promise<void>;
}

async function startBackend(): Promise<Backend & { kind: string }> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch {
    const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir: 'memory://', maxConnections: 20 });
    const { host, port } = embedded.connection;
    return {
      kind: 'embedded PGlite (no PostgreSQL at BENCH_PG_URL)',
      target: { path: join(host, `.s.PGSQL.${port}`) },
      database: 'postgres',
      dispose: () => embedded.stop(),
    };
  }
  const database = `saishi_bench_faults_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = new URL(PG_URL);
  return {
    kind: 'PostgreSQL',
    target: { host: url.hostname, port: Number(url.port || 5432) },
    database,
    async dispose() {
      const cleanup = new pg.Client({ connectionString: PG_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${database} with (force)`);
      await cleanup.end();
    },
  };
}

interface Api {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startApi(databaseUrl: string): Promise<Api> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'saishi-bench-faults-'));
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-faults-secret-0123456789-abcdefghij',
      SECRETS_KEY: 'c2Fpc2hpLWJlbmNoLWZhdWx0cy1zZWNyZXRzLWtleSE=',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'fatal',
      DATABASE_URL: databaseUrl,
      STORAGE_DIR: join(dataDir, 'files'),
      SEED_DEMO: 'true',
      CLOCK_FIXED_AT: '2024-07-15T10:00:00+08:00',
      AUTH_RATE_LIMIT_MAX: '1000',
    },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the API did not become ready:\n${output}`);
    const ready = await fetch(`${url}/readyz`).catch(() => null);
    if (ready?.ok) break;
    await sleep(100);
  }
  return {
    url,
    child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// --------------------------------------------------------------------------- 2. database faults

interface Timed {
  status: number;
  ms: number;
  retryAfter: string | null;
}

async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(HUNG_MS) });
    await response.arrayBuffer();
    return {
      status: response.status,
      ms: performance.now() - started,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch {
    return { status: 0, ms: performance.now() - started, retryAfter: null };
  }
}

const PROBES: Record<string, (url: string) => Promise<Timed>> = {
  'GET /api/v1/editions/current': (url) => timed(`${url}/api/v1/editions/current`),
  'POST /api/v1/auth/login': (url) =>
    timed(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    }),
  'GET /readyz': (url) => timed(`${url}/readyz`),
};

/** Asks until the answer is `status` (each ask timed), and returns the time since `since`. */
async function until(probe: () => Promise<Timed>, status: number, since: number): Promise<number> {
  while (performance.now() - since < HUNG_MS) {
    if ((await probe()).status === status) return performance.now() - since;
    await sleep(50);
  }
  return Number.POSITIVE_INFINITY;
}

/** How long each fault lasts while its probe keeps asking. */
const FAULT_MS = 4_000;

async function databaseFaults(api: Api, proxy: TcpProxy): Promise<void> {
  for (const fault of ['stall', 'cut'] as const) {
    const what =
      fault === 'stall' ? 'stalled (connections held, nothing answered)' : 'lost (connections cut, new ones refused)';
    console.log(`\n  database ${what} for ${FAULT_MS / 1000} s`);
    console.log(
      '    request                        asked  first 503 after  longest wait  other  Retry-After  200 again after return',
    );
    // The worst of the three probes, for the goals table.
    const summary = { firstUnavailable: 0, longest: 0, other: 0, recovered: 0 };
    for (const [name, probe] of Object.entries(PROBES)) {
      // Warm: the API has pooled connections that the fault catches in use or idle.
      await until(() => probe(api.url), 200, performance.now());
      const faultAt = performance.now();
      if (fault === 'stall') proxy.stall();
      else proxy.cut();
      const answers: Timed[] = [];
      let firstUnavailable = Number.POSITIVE_INFINITY;
      while (performance.now() - faultAt < FAULT_MS) {
        const answer = await probe(api.url);
        answers.push(answer);
        if (answer.status === 503 && firstUnavailable === Number.POSITIVE_INFINITY)
          firstUnavailable = performance.now() - faultAt;
        await sleep(50);
      }
      const backAt = performance.now();
      if (fault === 'stall') proxy.resume();
      else proxy.restore();
      const recovered = await until(() => probe(api.url), 200, backAt);
      const longest = Math.max(...answers.map((answer) => answer.ms));
      // Anything but 503 (unavailable) and 200 (served from memory) is a 500 or a hang.
      const other = answers.filter((answer) => answer.status !== 503 && answer.status !== 200).length;
      const retryAfter = answers.find((answer) => answer.status === 503)?.retryAfter ?? '-';
      console.log(
        `    ${name.padEnd(30)} ${String(answers.length).padStart(5)}  ${`${fixed(firstUnavailable)} ms`.padStart(15)}  ${`${fixed(longest)} ms`.padStart(12)}  ${String(other).padStart(5)}  ${retryAfter.padStart(11)}  ${fixed(recovered)} ms`,
      );
      summary.firstUnavailable = Math.max(summary.firstUnavailable, firstUnavailable);
      summary.longest = Math.max(summary.longest, longest);
      summary.other += other;
      summary.recovered = Math.max(summary.recovered, recovered);
      // Let the health check see the database again before the next probe's fault.
      await sleep(1_500);
    }
    recordFigure({
      figure: `database ${fault === 'stall' ? 'stalled' : 'lost'}`,
      value:
        `503 after ≤ ${fixed(summary.firstUnavailable)} ms, longest wait ${fixed(summary.longest)} ms, ` +
        `${summary.other} other answers, 200 again ≤ ${fixed(summary.recovered)} ms after it returns`,
    });
  }
}

// ----------------------------------------------------------------------------- 3. hostile imports

/** A workbook of `rows` one-cell rows, the shape of the file that once took 1.59 GB (cached in tmpdir). */
async function hostileWorkbook(rows: number): Promise<Buffer> {
  const cached = join(tmpdir(), `saishi-bench-hostile-${rows}.xlsx`);
  if (existsSync(cached)) return readFileSync(cached);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(['credit_code', 'name', 'list_kind', 'source_date']).commit();
  for (let row = 0; row < rows; row += 1) sheet.addRow([row % 10]).commit();
  sheet.commit();
  await workbook.commit();
  const bytes = Buffer.concat(chunks);
  writeFileSync(cached, bytes);
  return bytes;
}

/**
 * Runs `task` while /healthz is asked every 20 ms from a process of its own (so that sending a
 * large upload from this one does not delay the probes); its result and the probes' latencies.
 */
async function probingHealth<T>(url: string, task: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
  const prober = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const latencies = [];
       let stop = false;
       process.stdin.on('end', () => (stop = true)).resume();
       while (!stop) {
         const started = performance.now();
         await fetch(process.argv[1] + '/healthz').then((response) => response.arrayBuffer());
         latencies.push(performance.now() - started);
         if (latencies.length === 1) process.stderr.write('probing\\n');
         await new Promise((resolve) => setTimeout(resolve, 20));
       }
       process.stdout.write(JSON.stringify(latencies));`,
      url,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  prober.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => prober.once('exit', resolve));
  await new Promise((resolve) => prober.stderr.once('data', resolve));
  const result = await task();
  prober.stdin.end();
  await exited;
  return { result, latencies: JSON.parse(output || '[]') as number[] };
}

const latencyFigures = (latencies: number[]) =>
  `${fixed(percentile(latencies, 0.5), 1)} ms`.padStart(8) +
  `${fixed(percentile(latencies, 0.99), 1)}`.padStart(8) +
  `${fixed(Math.max(...latencies), 1)}`.padStart(8);

async function hostileImports(api: Api): Promise<void> {
  const login = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const generated = performance.now();
  const csv = (rows: number) =>
    Buffer.from(
      `credit_code,name,list_kind,source_date\n${'91450100MA5N00017R,单位,dishonest_debtor,2024-01-01\n'.repeat(rows)}`,
    );
  const files: [string, string, Buffer][] = [
    [`XLSX, ${HOSTILE_ROWS.toLocaleString('en')} rows`, 'many-rows.xlsx', await hostileWorkbook(HOSTILE_ROWS)],
    ['XLSX, 60,000 rows (limit 50,000)', 'rows.xlsx', await hostileWorkbook(60_000)],
    ['XLSX declaring 3 GiB unpacked', 'bomb.xlsx', zipDeclaring(3 * 1024 ** 3)],
    ['CSV, 60,000 rows (limit 50,000)', 'rows.csv', csv(60_000)],
    ['CSV past the 10 MiB limit', 'big.csv', csv(230_000)],
  ];
  console.log(`\n  hostile files ready in ${fixed((performance.now() - generated) / 1000, 1)} s`);

  const idle = (await probingHealth(api.url, () => sleep(2_000))).latencies;
  const idleMedian = percentile(idle, 0.5);
  let worstP99 = 0;
  let maxRssMiB = 0;
  const answers: string[] = [];
  console.log(
    '    during                                 size   answer                               in    /healthz median     p99     max  × idle   RSS MiB',
  );
  console.log(
    `    ${'nothing (idle, 2 s)'.padEnd(38)} ${''.padStart(8)}   ${''.padEnd(34)} ${''.padStart(8)}   ${latencyFigures(idle)}`,
  );
  for (const [label, filename, bytes] of files) {
    const rssBefore = rssMiB(api.child);
    const form = new FormData();
    form.append('file', new Blob([bytes]), filename);
    const { result: answer, latencies } = await probingHealth(api.url, async () => {
      const started = performance.now();
      const response = await fetch(`${api.url}/api/v1/blacklists/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: form,
        signal: AbortSignal.timeout(HUNG_MS),
      }).catch(() => null);
      const body = response ? ((await response.json().catch(() => ({}))) as { code?: string }) : {};
      return { status: response?.status ?? 0, code: body.code ?? '', ms: performance.now() - started };
    });
    worstP99 = Math.max(worstP99, percentile(latencies, 0.99));
    maxRssMiB = Math.max(maxRssMiB, rssMiB(api.child));
    answers.push(String(answer.status));
    console.log(
      `    ${label.padEnd(38)} ${`${fixed(bytes.length / 1024 ** 2, 1)} MiB`.padStart(8)}   ${`${answer.status} ${answer.code}`.padEnd(34).slice(0, 34)} ${`${fixed(answer.ms)} ms`.padStart(8)}   ${latencyFigures(latencies)}  ${`× ${fixed(percentile(latencies, 0.5) / idleMedian, 1)}`.padStart(6)}   ${fixed(rssBefore)} → ${fixed(rssMiB(api.child))}`,
    );
  }
  recordFigure({
    figure: '/healthz under hostile imports',
    value:
      `p99 ${fixed(worstP99, 1)} ms at worst (idle median ${fixed(idleMedian, 1)} ms), ` +
      `answers ${answers.join('/')}, RSS ≤ ${fixed(maxRssMiB)} MiB`,
  });
}

// ------------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  console.log('building dist/ (esbuild)…');
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: API_DIR,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('build failed');

  console.log(`\n1. fuzz: every OpenAPI operation × 4 callers × 2 stages × ${FUZZ_RUNS} generated requests`);
  const report = fuzz();
  console.log(
    `  ${report.requests} requests over ${report.operations} operations in ${fixed(report.seconds, 1)} s: ` +
      `${report.serverErrors} answered 5xx, ${report.clientErrors} answered 4xx, ${report.failures} properties failed`,
  );
  recordFigure({
    figure: 'fuzz of every operation',
    value: `${report.serverErrors} × 5xx, ${report.failures} properties failed in ${report.requests} requests`,
  });

  const backend = await startBackend();
  const proxy = await startTcpProxy(backend.target);
  let api: Api | undefined;
  try {
    console.log(`\n2. database faults (${backend.kind} behind a TCP proxy; default pool timeouts)`);
    api = await startApi(`postgres://postgres@127.0.0.1:${proxy.port}/${backend.database}`);
    await databaseFaults(api, proxy);
    console.log('\n3. hostile imports to POST /api/v1/blacklists/preview, as an organizer');
    await hostileImports(api);
  } finally {
    await api?.stop();
    await proxy.close();
    await backend.dispose();
  }
}

await main();
