import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../plugins/idempotency.tables.js';
import { createTestApp, type TestApp } from '../test/app.js';
import { serializeError } from './logging.js';

let t: TestApp;
const logs: string[] = [];

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
  t = await createTestApp({ logStream: stream, config: { AUTH_RATE_LIMIT_MAX: 1000 } });
});
afterAll(async () => t.close());

describe('secrets stay out of the logs', () => {
  it('logs a whole account flow, including a failed query, without passwords, hashes or tokens', async () => {
    const password = 'Wandering-Heron-4471';
    const email = 'secret.person@example.test';
    await t.signUpVerified({ email, password, displayName: 'Secret Person' });
    const session = await t.http
      .post('/api/v1/auth/login')
      .set('idempotency-key', 'login-1')
      .send({ login: email, password })
      .expect(200);
    const refreshed = await t.http
      .post('/api/v1/auth/refresh')
      .set('idempotency-key', 'refresh-1')
      .send({ refreshToken: session.body.refreshToken })
      .expect(200);
    await t.http.get('/api/v1/me').set('authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);

    // A query that fails with a password hash and an email among its parameters.
    await t.db.execute(sql`alter table users add constraint short_name check (length(display_name) < 40)`);
    const failed = await t.http.post('/api/v1/auth/signup').send({
      email: 'other.person@example.test',
      password,
      displayName: 'A display name much too long to fit here',
      privacyNoticeId: await t.privacyNoticeId(),
    });
    expect(failed.status).toBe(500);
    await t.db.execute(sql`alter table users drop constraint short_name`);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: refreshed.body.refreshToken }).expect(204);
    await new Promise((done) => setImmediate(done));

    const text = logs.join('');
    expect(text).toContain('request failed');
    expect(text).toContain('Failed query');
    for (const secret of [
      password,
      session.body.accessToken,
      session.body.refreshToken,
      refreshed.body.accessToken,
      refreshed.body.refreshToken,
      '$argon2',
      'other.person@example.test',
    ]) {
      expect(text, `the logs contain ${secret}`).not.toContain(secret);
    }
  });

  it('logs a browser session without its cookies or CSRF token', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ login: 'admin@saishi.demo', password: 'Saishi@2024', refreshTokenIn: 'cookie' })
      .expect(200);
    const cookieOf = (response: { headers: Record<string, unknown> }) =>
      (response.headers['set-cookie'] as string[]).map((line) => line.split(';')[0]!);
    const cookies = cookieOf(login);
    const refreshed = await t.http
      .post('/api/v1/auth/refresh')
      .set('cookie', cookies.join('; '))
      .set('x-csrf-token', login.body.csrfToken)
      .send({})
      .expect(200);
    const rotated = cookieOf(refreshed).find((cookie) => cookie.startsWith('saishi_refresh='))!;
    const csrfCookie = cookies.find((cookie) => cookie.startsWith('saishi_csrf='))!;
    await t.http
      .post('/api/v1/auth/logout')
      .set('cookie', `${rotated}; ${csrfCookie}`)
      .set('x-csrf-token', login.body.csrfToken)
      .send({})
      .expect(204);
    // A forged request is logged as refused, without what it carried.
    await t.http
      .post('/api/v1/auth/refresh')
      .set('cookie', rotated)
      .set('x-csrf-token', 'forged-csrf')
      .send({})
      .expect(403);
    await new Promise((done) => setImmediate(done));

    const text = logs.join('');
    expect(text).toContain('/api/v1/auth/refresh');
    const values = [...cookies, rotated].map((cookie) => decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)));
    for (const secret of [...values, login.body.csrfToken, login.body.accessToken, refreshed.body.accessToken]) {
      expect(text, `the logs contain ${secret}`).not.toContain(secret);
    }
  });

  it('keeps no answer of an auth route in the idempotency store', async () => {
    expect(await t.db.select().from(idempotencyKeys)).toEqual([]);
  });
});

describe('serializeError', () => {
  it('removes the parameters of a failed query from its fields, message and stack', () => {
    const error = new DrizzleQueryError(
      'insert into users values ($1, $2)',
      ['a@b.test', '$argon2id$v=19$m=1$abc$def'],
      new Error('check violation'),
    );
    const serialized = JSON.stringify(serializeError(error));
    expect(serialized).toContain('insert into users');
    expect(serialized).not.toContain('a@b.test');
    expect(serialized).not.toContain('$argon2id');
  });
});
