import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, freshDatabaseUrl, logged, startBuiltServer, type BuiltServer } from './test/built-server.js';

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

describe('the production build (node dist/server.js)', () => {
  let server: BuiltServer;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;

  beforeAll(async () => {
    const outdir = await buildServer('server-test');
    database = await freshDatabaseUrl();
    server = await startBuiltServer(outdir, database.url ? { DATABASE_URL: database.url } : {});
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

  it("serves the demo data's stored files (a new embedded database starts from the build's template)", async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin@saishi.demo', password: 'Saishi@2024' }),
    });
    const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const get = async (path: string) => (await fetch(`${server.url}/api/v1${path}`, { headers: auth })).json();
    const projects = (await get('/projects')) as { items: { id: string }[] };
    const project = projects.items[0]!.id;
    const files = (await get(`/projects/${project}/files`)) as { items: { id: string; sizeBytes: number }[] };
    const file = files.items[0]!;
    const content = await fetch(`${server.url}/api/v1/projects/${project}/files/${file.id}/content`, { headers: auth });
    expect(content.status).toBe(200);
    const bytes = Buffer.from(await content.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(file.sizeBytes);
  });

  it('keeps passwords, tokens, cookies and hashes out of the whole log of its run', async () => {
    const password = 'Saishi@2024';
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post('/auth/login', { login: 'admin@saishi.demo', password: 'wrong-password' })).status).toBe(401);
    const apiLogin = (await (await post('/auth/login', { login: 'admin@saishi.demo', password })).json()) as Record<
      string,
      string
    >;
    const refreshed = (await (await post('/auth/refresh', { refreshToken: apiLogin.refreshToken })).json()) as Record<
      string,
      string
    >;
    const browser = await post('/auth/login', { login: 'expert@saishi.demo', password, refreshTokenIn: 'cookie' });
    const { csrfToken, accessToken } = (await browser.json()) as Record<string, string>;
    const cookies = browser.headers.getSetCookie().map((line) => line.split(';')[0]!);
    const browserRefresh = await post('/auth/refresh', {}, { cookie: cookies.join('; '), 'x-csrf-token': csrfToken! });
    expect(browserRefresh.status).toBe(200);
    const me = await fetch(`${server.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${refreshed.accessToken}` },
    });
    expect(me.status).toBe(200);
    await post('/auth/logout', { refreshToken: refreshed.refreshToken });
    await new Promise((settle) => setTimeout(settle, 200)); // the last lines reach the output

    const output = server.output();
    expect(logged(output).filter((line) => line.msg === 'request completed').length).toBeGreaterThan(5);
    const secrets = [
      password,
      apiLogin.accessToken,
      apiLogin.refreshToken,
      refreshed.accessToken,
      refreshed.refreshToken,
      accessToken,
      csrfToken,
      ...cookies.map((cookie) => decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1))),
      ...browserRefresh.headers.getSetCookie().map((line) => line.split(';')[0]!.split('=')[1]!),
    ];
    for (const secret of secrets) expect(output, `the log holds ${secret}`).not.toContain(secret!);
    expect(output).not.toMatch(/\$argon2|eyJ[\w-]+\.eyJ/);
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
