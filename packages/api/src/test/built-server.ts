import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApi } from '../../scripts/build.js';
import { API_ROOT } from '../lib/paths.js';

/**
 * The production build as it is deployed: `node dist/server.js` compiled by scripts/build.ts, in
 * production mode, started from another working directory (as the image does), on the embedded
 * database or, with TEST_DATABASE_URL, on a fresh PostgreSQL database.
 */
export interface BuiltServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Compiles the API into a cache folder of its own per test file (files run in parallel), with the
 * embedded database's templates where the server runs on it (without TEST_DATABASE_URL): a new
 * data folder then starts from them, as in production.
 */
export async function buildServer(name: string): Promise<string> {
  const outdir = join(API_ROOT, `node_modules/.cache/saishi-${name}`);
  await buildApi(outdir, { templates: !process.env.TEST_DATABASE_URL });
  return outdir;
}

/** A new PostgreSQL database when TEST_DATABASE_URL is set (none otherwise: the embedded one). */
export async function freshDatabaseUrl(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return { drop: async () => {} };
  const name = `saishi_test_${randomUUID().replaceAll('-', '')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Starts `node <outdir>/server.js` and waits until it prints its address. */
export async function startBuiltServer(outdir: string, env: Record<string, string>): Promise<BuiltServer> {
  const cwd = mkdtempSync(join(tmpdir(), 'saishi-server-'));
  const child = spawn(process.execPath, ['--enable-source-maps', join(outdir, 'server.js')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-for-the-build-test-0123456789',
      SECRETS_KEY: 'c2Fpc2hpLWJ1aWx0LXNlcnZlci10ZXN0LWtleS0zMmI=',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: 'memory://',
      STORAGE_DIR: join(cwd, 'files'),
      ADMIN_DIST: join(cwd, 'no-admin'),
      SEED_DEMO: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      done(code);
    }),
  );
  // Migrations and the demo data of a fresh database, on a 2-core machine that may be busy.
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const match = /API:\s+(http:\/\/\S+?)\/api\/v1/.exec(output);
    if (match?.[1]) return { child, url: match[1], output: () => output, exited };
    if (child.exitCode !== null) break;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the built server did not start:\n${output}`);
}

/** The JSON log lines a server printed. */
export function logged(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
