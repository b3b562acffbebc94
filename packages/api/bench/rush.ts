/**
 * Deadline rush (issue 12): the last hour of the collection stage on PostgreSQL, when every team
 * edits its project and uploads its proposal at once. BENCH_RUSH_CLIENTS (default 1,000) team
 * leaders of a generated world each send, at the same moment, a PATCH of their project's summary
 * and then the upload of a proposal PDF (BENCH_RUSH_KIB, default 256 KiB), BENCH_RUSH_ROUNDS times
 * (default 2). The compiled server (`dist/server.js`, built first) runs in its own process with its
 * default pool; this process is the clients. Printed: errors (anything but the expected 200 and
 * 201, or no answer within the HTTP timeout), the latency percentiles of each kind of request, and
 * as the same run's baseline, the p99 of the bare Fastify+pg server (bench/bare-server.ts) under
 * as many concurrent clients. Figures are never asserted.
 *
 * Run: pnpm --filter @saishi/api bench:rush
 *   BENCH_PG_URL  PostgreSQL server to create a scratch database in (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/plugins/auth.js';
import { seedDemo } from '../src/seed/index.js';
import { seedScale } from '../src/seed/scale.js';
import { recordFigure } from './figures.js';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = Number(process.env.BENCH_RUSH_CLIENTS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_RUSH_ROUNDS ?? 2);
const FILE_KIB = Number(process.env.BENCH_RUSH_KIB ?? 256);
const JWT_SECRET = 'bench-rush-secret-bench-rush-secret-0123456789';
/** What a browser would wait before giving up: longer than any answer should take. */
const HTTP_TIMEOUT_MS = 120_000;
/** The last day of the 2024 Guangxi collection stage. */
const CLOCK = '2024-08-15T16:00:00+08:00';

const fixed = (value: number, digits = 0) => value.toFixed(digits);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

/** An access token as the API signs it (HS256, its issuer and audience), for a generated leader. */
function accessToken(userId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: userId,
    role: 'participant',
    iss: JWT_ISSUER,
    aud: JWT_AUDIENCE,
    iat: now,
    exp: now + 3_600,
  })}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

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

/** Starts a server process and waits until `readyPath` answers 200 on the port it prints or is given. */
async function startServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  readyPath: string,
  port?: number,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: API_DIR, env: { ...process.env, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const known = port ?? Number(/port=(\d+)/.exec(output)?.[1] ?? Number.NaN);
    if (!Number.isNaN(known)) {
      const ready = await fetch(`http://127.0.0.1:${known}${readyPath}`).catch(() => null);
      if (ready?.ok) return { url: `http://127.0.0.1:${known}`, child };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Outcome {
  ms: number;
  /** 0: no answer (refused, reset, timed out). */
  status: number;
  code?: string;
}

/** Sends one request (fetch opens as many connections as there are requests in flight); never throws. */
async function timed(
  url: string,
  options: { method: 'PATCH' | 'POST' | 'GET'; headers?: Record<string, string>; body?: string | FormData },
): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...options, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    const text = await response.text();
    const code = response.status >= 400 ? ((JSON.parse(text || '{}') as { code?: string }).code ?? '') : undefined;
    return { ms: performance.now() - started, status: response.status, ...(code === undefined ? {} : { code }) };
  } catch (error) {
    return { ms: performance.now() - started, status: 0, code: (error as Error).name };
  }
}

const proposal = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(FILE_KIB * 1024 - 9, 0x20)]);

/** One client: its edit, then its upload, each round; every answer recorded. */
async function client(
  url: string,
  team: { projectId: string; token: string },
  round: number,
): Promise<{ patch: Outcome; upload: Outcome }> {
  const headers = { authorization: `Bearer ${team.token}` };
  const patch = await timed(`${url}/api/v1/projects/${team.projectId}`, {
    method: 'PATCH',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ summary: `截止前的最后修改，第 ${round + 1} 轮。` }),
  });
  const form = new FormData();
  form.append('file', new Blob([proposal], { type: 'application/pdf' }), '申报书.pdf');
  const upload = await timed(`${url}/api/v1/projects/${team.projectId}/files?kind=proposal`, {
    method: 'POST',
    headers,
    body: form,
  });
  return { patch, upload };
}

function describe(outcomes: Outcome[], expected: number): { line: string; errors: number; p99: number } {
  const errors = outcomes.filter((outcome) => outcome.status !== expected);
  const reasons = new Map<string, number>();
  for (const error of errors) {
    const reason = `${error.status} ${error.code ?? ''}`.trim();
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const ms = outcomes.map((outcome) => outcome.ms);
  const p99 = percentile(ms, 0.99);
  const why = [...reasons].map(([reason, count]) => `${count}× ${reason}`).join(', ');
  return {
    line:
      `${String(outcomes.length).padStart(6)}  errors ${String(errors.length).padStart(4)}${why ? ` (${why})` : ''}  ` +
      `p50 ${fixed(percentile(ms, 0.5))} ms  p99 ${fixed(p99)} ms  max ${fixed(Math.max(...ms))} ms`,
    errors: errors.length,
    p99,
  };
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
  const database = `saishi_bench_rush_${process.pid}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = Object.assign(new URL(PG_URL), { pathname: `/${database}` }).toString();
  const storageDir = mkdtempSync(join(tmpdir(), 'saishi-bench-rush-'));
  let api: ChildProcess | undefined;
  try {
    // The world: the demo, then CLIENTS approved teams with a submitted project each.
    const handle = await openDatabase({
      url: databaseUrl,
      dataDir: 'memory://',
      pool: { statementTimeoutMs: 0, queryTimeoutMs: 600_000 },
    });
    let teams: { projectId: string; token: string }[];
    try {
      await handle.migrate();
      await seedDemo(handle.db);
      await seedScale(handle.db, { projects: CLIENTS, experts: 10 });
      await handle.pool.query('analyze');
      const { rows } = await handle.pool.query<{ project_id: string; leader_user_id: string }>(
        `select p.id as project_id, t.leader_user_id from projects p join teams t on t.id = p.team_id
          where t.invite_code like 'SCALE%' order by p.id limit $1`,
        [CLIENTS],
      );
      teams = rows.map((row) => ({ projectId: row.project_id, token: accessToken(row.leader_user_id) }));
    } finally {
      await handle.close();
    }
    if (teams.length !== CLIENTS) throw new Error(`generated ${teams.length} teams, wanted ${CLIENTS}`);

    const bare = await startServer(
      ['--import', 'tsx', 'bench/bare-server.ts'],
      { DATABASE_URL: databaseUrl },
      '/bare/hello',
    );
    const bareOutcomes = await Promise.all(teams.map(() => timed(`${bare.url}/bare/edition`, { method: 'GET' })));
    await stop(bare.child);

    const port = await freePort();
    const server = await startServer(
      ['--enable-source-maps', 'dist/server.js'],
      {
        NODE_ENV: 'production',
        JWT_SECRET,
        SECRETS_KEY: 'c2Fpc2hpLWJlbmNoLXJ1c2gtc2VjcmV0cy1rZXkhISE=',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        STORAGE_DIR: join(storageDir, 'files'),
        SEED_DEMO: 'false',
        CLOCK_FIXED_AT: CLOCK,
        ADMIN_DIST: join(API_DIR, 'no-admin'),
      },
      '/readyz',
      port,
    );
    api = server.child;

    const patches: Outcome[] = [];
    const uploads: Outcome[] = [];
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(teams.map((team) => client(server.url, team, round)));
      for (const result of results) {
        patches.push(result.patch);
        uploads.push(result.upload);
      }
    }
    const seconds = (performance.now() - started) / 1000;

    const bareFigures = describe(bareOutcomes, 200);
    const patchFigures = describe(patches, 200);
    const uploadFigures = describe(uploads, 201);
    console.log(
      `\nDeadline rush on PostgreSQL: ${CLIENTS} clients at once, ${ROUNDS} rounds of an edit and a ` +
        `${FILE_KIB} KiB proposal each, in ${fixed(seconds, 1)} s`,
    );
    console.log(`  bare Fastify+pg, one GET each: ${bareFigures.line}`);
    console.log(`  PATCH /projects/{id}:          ${patchFigures.line}`);
    console.log(`  POST /projects/{id}/files:     ${uploadFigures.line}`);
    recordFigure({
      figure: 'deadline rush',
      value:
        `${patchFigures.errors + uploadFigures.errors} errors in ${patches.length + uploads.length} requests; ` +
        `p99 edit ${fixed(patchFigures.p99)} ms, upload ${fixed(uploadFigures.p99)} ms ` +
        `(bare GET p99 ${fixed(bareFigures.p99)} ms at ${CLIENTS} clients)`,
    });
  } finally {
    if (api) await stop(api);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

await main();
