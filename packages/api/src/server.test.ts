import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../scripts/build.js';
import { API_ROOT } from './lib/paths.js';

/**
 * The production build as it is deployed: `node dist/server.js` compiled by scripts/build.ts, in
 * production mode, started from another working directory (as the image does), on the embedded
 * database or, with TEST_DATABASE_URL, on a fresh PostgreSQL database.
 */
const OUTDIR = join(API_ROOT, 'node_modules/.cache/saishi-server-test');

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function freshDatabaseUrl(): Promise<{ url?: string; drop: () => Promise<void> }> {
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

async function startBuiltServer(env: Record<string, string>): Promise<Server> {
  const cwd = mkdtempSync(join(tmpdir(), 'saishi-server-'));
  const child = spawn(process.execPath, ['--enable-source-maps', join(OUTDIR, 'server.js')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-for-the-build-test-0123456789',
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

/** Whether a new TCP connection to the server is accepted. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function logged(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the production build (node dist/server.js)', () => {
  let server: Server;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;

  beforeAll(async () => {
    await buildApi(OUTDIR);
    database = await freshDatabaseUrl();
    server = await startBuiltServer(database.url ? { DATABASE_URL: database.url } : {});
  }, 200_000);

  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await database?.drop();
  });

  it('applies the migrations, loads the demo data and answers with JSON logs', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    const edition = await fetch(`${server.url}/api/v1/editions/current`);
    expect(edition.status).toBe(200);
    expect(await edition.json()).toMatchObject({ code: '2024-guangxi' });
    expect(logged(server.output()).some((line) => line.msg === 'request completed')).toBe(true);
  });

  it('on SIGTERM finishes the request in flight, takes no new connection and exits 0', async () => {
    // A login whose body is still arriving when the signal comes, on a keep-alive connection that
    // the client would keep open for a minute (as browsers do).
    const agent = new Agent({ keepAlive: true, timeout: 60_000 });
    const body = JSON.stringify({ login: 'admin@saishi.demo', password: 'Saishi@2024' });
    const split = Math.floor(body.length / 2);
    const login = request(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
      login.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body: text }),
        );
      });
      login.on('error', reject);
    });
    login.write(body.slice(0, split));
    await new Promise((wait) => setTimeout(wait, 300));

    server.child.kill('SIGTERM');
    // The listening socket closes: a new connection is refused while the login is still open.
    const deadline = Date.now() + 10_000;
    let accepted = true;
    while (accepted && Date.now() < deadline) {
      accepted = await accepts(server.url);
      if (accepted) await new Promise((wait) => setTimeout(wait, 50));
    }
    expect(accepted).toBe(false);
    expect(server.child.exitCode).toBeNull();

    login.end(body.slice(split));
    const response = await answered;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toHaveProperty('accessToken');
    // The connection ends with the answer, so the drain does not wait for the client to let go.
    expect(response.connection).toBe('close');

    expect(await server.exited).toBe(0);
    agent.destroy();
    expect(logged(server.output())).toContainEqual(
      expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }),
    );
  });
});
