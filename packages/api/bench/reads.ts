/**
 * Read benchmark (issue 12): the API's hot reads against a bare Fastify+pg baseline measured in
 * the same run, cold start to ready, resident memory, and the embedded database under 100
 * connections. Every server is the compiled build (`dist/server.js`, built first) in its own
 * process; autocannon drives them from this one. Figures are ratios or percentiles, never asserted.
 *
 * Run: pnpm --filter @saishi/api bench:reads
 *   BENCH_PG_URL   PostgreSQL server to create a scratch database in (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS  seconds per autocannon run (default 5); BENCH_ROUNDS interleaved rounds (default 3)
 *   BENCH_ONLY     `coldstart`: only the cold starts (and the bare baseline's), without the load runs
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { recordFigure } from './figures.js';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COLD_START_ONLY = process.env.BENCH_ONLY === 'coldstart';

interface Server {
  url: string;
  child: ChildProcess;
  readyMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

function rssMiB(child: ChildProcess): number {
  const out = spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
  return Number(out) / 1024;
}

/** Starts a process that prints `port=N` (the baseline) or listens on the given PORT (the API). */
async function startProcess(args: string[], env: NodeJS.ProcessEnv, port?: number): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: API_DIR, env: { ...process.env, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const readyPath = port === undefined ? '/bare/hello' : '/readyz';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const known = port ?? Number(/port=(\d+)/.exec(output)?.[1] ?? Number.NaN);
    if (!Number.isNaN(known)) {
      const ready = await fetch(`http://127.0.0.1:${known}${readyPath}`).catch(() => null);
      if (ready?.ok) return { url: `http://127.0.0.1:${known}`, child, readyMs: performance.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A port free right now: the OS picks it, we release it for the server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startApi(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  return startProcess(
    ['--enable-source-maps', 'dist/server.js'],
    {
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      SECRETS_KEY: 'c2Fpc2hpLWJlbmNoLXJlYWRzLXNlY3JldHMta2V5ISE=',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'true',
      AUTH_RATE_LIMIT_MAX: '10000',
      ADMIN_DIST: join(API_DIR, 'no-admin'),
      ...env,
    },
    port,
  );
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function load(url: string, connections: number, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections, duration: SECONDS, headers, timeout: 10 });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function login(api: Server): Promise<string> {
  const response = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin@saishi.demo', password: 'Saishi@2024' }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (!body.accessToken) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** Reads on PostgreSQL as ratios of the bare endpoint, measured round by round, interleaved. */
async function postgresReads(databaseUrl: string, api: Server) {
  const bare = await startProcess(['--import', 'tsx', 'bench/bare-server.ts'], { DATABASE_URL: databaseUrl });
  const token = await login(api);
  const auth = { authorization: `Bearer ${token}` };
  const reads: { name: string; path: string; headers?: Record<string, string>; goal: number }[] = [
    { name: 'GET /editions/current', path: '/api/v1/editions/current', goal: 0.7 },
    { name: 'GET /editions/current/fields', path: '/api/v1/editions/current/fields', goal: 0.7 },
    { name: 'GET /results (public library)', path: '/api/v1/results', goal: 0.4 },
    { name: 'GET /projects (organizer list)', path: '/api/v1/projects', headers: auth, goal: 0.4 },
  ];
  const bareRps: number[] = [];
  const apiRps = new Map<string, number[]>(reads.map((read) => [read.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    bareRps.push((await load(`${bare.url}/bare/edition`, 10)).rps);
    for (const read of reads) apiRps.get(read.name)!.push((await load(`${api.url}${read.path}`, 10, read.headers)).rps);
  }
  await stop(bare);
  const baseline = median(bareRps);
  console.log(`\nPostgreSQL reads, 10 connections, median of ${ROUNDS} interleaved ${SECONDS} s runs`);
  console.log(`  bare Fastify+pg, one indexed SELECT: ${fixed(baseline, 0)} req/s (= 1.00)`);
  for (const read of reads) {
    const rps = median(apiRps.get(read.name)!);
    console.log(
      `  ${read.name.padEnd(34)} ${fixed(rps, 0).padStart(7)} req/s  ${fixed(rps / baseline)}×  (goal ≥ ${read.goal})`,
    );
    recordFigure({
      figure: read.goal === 0.7 ? 'single-query public reads' : 'organizer list, public results',
      value: `${read.name.replace(/^GET /, '')} ${fixed(rps / baseline)}×`,
    });
  }
}

/**
 * The embedded database under 100 connections: p99 and failed requests of public reads, beside the
 * p99 of the bare Fastify+pg server's indexed SELECT at 100 connections in the same run (`bareP99`).
 */
async function embeddedUnderLoad(api: Server, bareP99: number) {
  console.log(`\nEmbedded database, 100 connections, ${SECONDS} s (goal: p99 ≤ 250 ms, 0 timeouts)`);
  console.log(`  bare Fastify+pg, one indexed SELECT, 100 connections: p99 ${bareP99} ms`);
  for (const path of ['/api/v1/editions/current', '/api/v1/editions/current/fields', '/api/v1/results']) {
    // One request first: the first read of a path (compiling it, the embedded database's first
    // statements on its tables) would otherwise hold all 100 clients and be all a 5 s p99 measures.
    await (await fetch(`${api.url}${path}`)).arrayBuffer();
    const result = await load(`${api.url}${path}`, 100);
    const ratio = bareP99 > 0 ? ` (${fixed(result.p99 / bareP99, 1)}× bare)` : '';
    console.log(
      `  GET ${path.replace('/api/v1', '').padEnd(28)} ${fixed(result.rps, 0).padStart(6)} req/s  p99 ${result.p99} ms${ratio}  failed ${result.errors}`,
    );
    recordFigure({
      figure: 'embedded p99 at 100 connections',
      value: `${path.replace('/api/v1', '')} p99 ${result.p99} ms${ratio}, ${result.errors} failed`,
    });
  }
}

/** The bare server's p99 at 100 connections: what the machine allows right now. */
async function bareP99At100(databaseUrl: string): Promise<number> {
  const bare = await startProcess(['--import', 'tsx', 'bench/bare-server.ts'], { DATABASE_URL: databaseUrl });
  const { p99 } = await load(`${bare.url}/bare/edition`, 100);
  await stop(bare);
  return p99;
}

async function main() {
  console.log('building dist/ (esbuild)…');
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: API_DIR,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('build failed');

  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const database = `saishi_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = Object.assign(new URL(PG_URL), { pathname: `/${database}` }).toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'saishi-bench-pglite-'));
  try {
    const pgFresh = await startApi({ DATABASE_URL: databaseUrl });
    await stop(pgFresh);
    const pgApi = await startApi({ DATABASE_URL: databaseUrl });
    const pgRss = rssMiB(pgApi.child);
    if (!COLD_START_ONLY) await postgresReads(databaseUrl, pgApi);
    await stop(pgApi);

    const embeddedFresh = await startApi({ DATA_DIR: dataDir, STORAGE_DIR: join(dataDir, 'files') });
    await stop(embeddedFresh);
    const embedded = await startApi({ DATA_DIR: dataDir, STORAGE_DIR: join(dataDir, 'files') });
    const embeddedRss = rssMiB(embedded.child);
    if (!COLD_START_ONLY) await embeddedUnderLoad(embedded, await bareP99At100(databaseUrl));
    await stop(embedded);

    const bare = await startProcess(['--import', 'tsx', 'bench/bare-server.ts'], { DATABASE_URL: databaseUrl });
    const bareRss = rssMiB(bare.child);
    await stop(bare);

    console.log('\nCold start to ready (/readyz answers 200), resident memory at ready');
    console.log(`  PostgreSQL, new database (migrate + demo data): ${fixed(pgFresh.readyMs, 0)} ms`);
    console.log(
      `  PostgreSQL, existing database:                  ${fixed(pgApi.readyMs, 0)} ms (goal ≤ 1000)  ${fixed(pgRss, 0)} MiB`,
    );
    console.log(
      `  embedded, new data folder:                      ${fixed(embeddedFresh.readyMs, 0)} ms (goal ≤ 2000)`,
    );
    console.log(
      `  embedded, existing data folder:                 ${fixed(embedded.readyMs, 0)} ms  ${fixed(embeddedRss, 0)} MiB`,
    );
    console.log(
      `  bare Fastify+pg (tsx):                          ${fixed(bare.readyMs, 0)} ms  ${fixed(bareRss, 0)} MiB`,
    );
    recordFigure({
      figure: 'cold start',
      value:
        `embedded fresh ${fixed(embeddedFresh.readyMs, 0)} ms (${fixed(embeddedFresh.readyMs / bare.readyMs, 1)}× bare), ` +
        `PostgreSQL ${fixed(pgApi.readyMs, 0)} ms (${fixed(pgApi.readyMs / bare.readyMs, 1)}× bare)`,
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
