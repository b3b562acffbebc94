import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from './test/fake-s3.js';
import { startMailbox } from './test/mail.js';
import { buildServer, freshDatabaseUrl, startBuiltServer, type BuiltServer } from './test/built-server.js';

/**
 * Two API instances of the production build on one PostgreSQL, one Redis and one S3-compatible
 * bucket, started at the same moment on a fresh database (as `docker compose up` starts the
 * replicas): they must behave as one service. PostgreSQL and Redis only: the embedded database
 * belongs to one process.
 */
const REDIS_URL = process.env.TEST_REDIS_URL;
const SHARED_SERVICES = Boolean(process.env.TEST_DATABASE_URL && REDIS_URL);

const PASSWORD = 'Saishi@2024';

describe.runIf(SHARED_SERVICES)('two API instances on one PostgreSQL and one Redis', () => {
  let first: BuiltServer;
  let second: BuiltServer;
  let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let s3: FakeS3;

  beforeAll(async () => {
    const outdir = await buildServer('multi-instance-test');
    database = await freshDatabaseUrl();
    mailbox = await startMailbox();
    s3 = await startFakeS3();
    const env = {
      DATABASE_URL: database.url!,
      REDIS_URL: REDIS_URL!,
      REDIS_KEY_PREFIX: `saishi-test-${randomUUID()}:`,
      SMTP_URL: mailbox.url,
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: 'test',
      S3_SECRET_ACCESS_KEY: 'test',
      S3_FORCE_PATH_STYLE: 'true',
      ACCOUNT_ATTEMPTS_MAX: '2',
      JOBS_POLL_SECONDS: '0.5',
      REFERENCE_CACHE_TTL_MS: '1000',
    };
    // Started together on an empty database: they take turns to migrate and load the demo data.
    [first, second] = await Promise.all([startBuiltServer(outdir, env), startBuiltServer(outdir, env)]);
  }, 300_000);

  afterAll(async () => {
    for (const server of [first, second]) if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await Promise.all([first?.exited, second?.exited]);
    await database?.drop();
    await mailbox?.close();
    await s3?.close();
  });

  const call = (server: BuiltServer, path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const login = (server: BuiltServer, account: string, password: string) =>
    call(server, '/auth/login', { method: 'POST', body: JSON.stringify({ login: account, password }) });
  const tokenOf = async (server: BuiltServer, account: string) => {
    const response = await login(server, account, PASSWORD);
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };

  it('both start on the fresh database and load the demo data once', async () => {
    for (const server of [first, second]) {
      const edition = await call(server, '/editions/current');
      expect(edition.status).toBe(200);
      expect(await edition.json()).toMatchObject({ code: '2024-guangxi' });
    }
    const token = await tokenOf(first, 'admin@saishi.demo');
    const editions = await call(second, '/editions', { token });
    const codes = ((await editions.json()) as { items: { code: string }[] }).items.map((edition) => edition.code);
    expect(codes.filter((code) => code === '2024-guangxi')).toHaveLength(1);
  });

  it('count failed logins of one account together, whichever instance answers', async () => {
    const account = 'leader4@saishi.demo';
    expect((await login(first, account, 'wrong guess 1')).status).toBe(401);
    expect((await login(second, account, 'wrong guess 2')).status).toBe(401);
    const locked = await login(first, account, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answer a write retried on the other instance from the stored answer, doing it once', async () => {
    const token = await tokenOf(first, 'admin@saishi.demo');
    const topics = async () =>
      ((await (await call(second, '/editions/current/topics?field=transportation')).json()) as { items: unknown[] })
        .items.length;
    const before = await topics();
    const key = `topic-${randomUUID()}`;
    const write = (server: BuiltServer) =>
      call(server, '/editions/current/topics', {
        method: 'POST',
        token,
        headers: { 'idempotency-key': key },
        body: JSON.stringify({ fieldCode: 'transportation', title: '两个实例的同一次请求' }),
      });
    const original = await write(first);
    expect(original.status).toBe(201);
    const retried = await write(second);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await retried.json()).toEqual(await original.json());
    // The reference data each instance keeps in memory follows the write within its TTL.
    const deadline = Date.now() + 10_000;
    while ((await topics()) !== before + 1 && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 200));
    expect(await topics()).toBe(before + 1);
  });

  it('deliver a queued message once although both instances run the queue', async () => {
    const notice = (await (await call(second, '/editions/current/privacy-notice')).json()) as { id: string };
    const email = `replicas-${randomUUID()}@example.test`;
    const signup = await call(first, '/auth/signup', {
      method: 'POST',
      body: JSON.stringify({
        email,
        password: 'two instances, one queue',
        displayName: '多实例',
        privacyNoticeId: notice.id,
      }),
    });
    expect(signup.status).toBe(202);
    const mail = await mailbox.mailTo(email);
    expect(mail.text).toMatch(/\d{6}/);
    // Both instances poll every half second: give a duplicate the time to arrive, then count.
    await new Promise((wait) => setTimeout(wait, 3_000));
    const to = (address: string) =>
      mailbox.received.filter((received) =>
        [received.to ?? []].flat().some((entry) => entry.value.some((value) => value.address === address)),
      );
    expect(to(email)).toHaveLength(1);
  });

  it('serve a file stored by one instance from the other (shared S3 storage)', async () => {
    const token = await tokenOf(second, 'admin@saishi.demo');
    const projects = (await (await call(second, '/projects', { token })).json()) as { items: { id: string }[] };
    expect(projects.items.length).toBeGreaterThan(0);
    const files = (await (await call(first, `/projects/${projects.items[0]!.id}/files`, { token })).json()) as {
      items: { id: string; sha256: string }[];
    };
    expect(files.items.length).toBeGreaterThan(0);
    for (const server of [first, second]) {
      const content = await call(server, `/projects/${projects.items[0]!.id}/files/${files.items[0]!.id}/content`, {
        token,
      });
      expect(content.status).toBe(200);
      expect((await content.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    expect(s3.objects.size).toBeGreaterThan(0);
  });
});
