import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { loadConfig } from '../../config.js';
import { ensureAdmin } from './service.js';

let t: TestApp;

/** JWT expiry is checked against the real clock by the library, so tokens are built with explicit iat/exp. */
const nowSeconds = () => Math.floor(Date.now() / 1000);
function hs256(payload: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
beforeAll(async () => {
  t = await createTestApp({ config: { AUTH_RATE_LIMIT_MAX: 1000 } });
});
afterAll(async () => t.close());

const signup = async (body: Record<string, unknown>) =>
  t.http.post('/api/v1/auth/signup').send({ privacyNoticeId: await t.privacyNoticeId(), ...body });
const login = (loginName: string, password: string) =>
  t.http.post('/api/v1/auth/login').send({ login: loginName, password });

describe('sign-up and login', () => {
  it('signs up with an email, confirms the code, then logs in with it in any case', async () => {
    const accepted = await signup({ email: 'Alice@Example.test', password: 'correct horse', displayName: 'Alice' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ channel: 'email' });
    // Not usable before the code is confirmed.
    expectProblem(await login('alice@example.test', 'correct horse'), 403, 'ACCOUNT_NOT_VERIFIED');
    const code = t.sentCodes.findLast((message) => message.to === 'alice@example.test')!.code;
    const wrong = code === '000000' ? '000001' : '000000';
    expectProblem(
      await t.http.post('/api/v1/auth/verify').send({ login: 'alice@example.test', code: wrong }),
      400,
      'VERIFICATION_CODE_INVALID',
    );
    const verified = await t.http.post('/api/v1/auth/verify').send({ login: 'ALICE@example.test', code });
    expect(verified.status).toBe(200);
    expect(verified.body.user).toMatchObject({ email: 'alice@example.test', role: 'participant' });
    // The code works once.
    expectProblem(
      await t.http.post('/api/v1/auth/verify').send({ login: 'alice@example.test', code }),
      400,
      'VERIFICATION_CODE_INVALID',
    );
    const res = await login('ALICE@example.test', 'correct horse');
    expect(res.status).toBe(200);
    const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.displayName).toBe('Alice');
  });

  it('signs up and logs in with a mobile number, the code going by SMS', async () => {
    await t.signUpVerified({ mobile: '13912345678', password: 'mobile-pass', displayName: 'Bob' });
    expect(t.sentCodes.at(-1)).toMatchObject({ channel: 'sms', to: '13912345678' });
    expect((await login('13912345678', 'mobile-pass')).status).toBe(200);
  });

  it('answers a sign-up alike whether the login is taken or not, and sends nothing for a taken one', async () => {
    await t.signUpVerified({ email: 'carol@example.test', password: 'password-1', displayName: 'Carol' });
    const sentBefore = t.sentCodes.length;
    const taken = await signup({ email: 'CAROL@example.test', password: 'password-2', displayName: 'C2' });
    const fresh = await signup({ email: 'carl@example.test', password: 'password-2', displayName: 'Carl' });
    expect(taken.status).toBe(202);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(t.sentCodes.slice(sentBefore).map((message) => message.to)).toEqual(['carl@example.test']);
    // The taken account keeps its password.
    expect((await login('carol@example.test', 'password-1')).status).toBe(200);
    expectProblem(await signup({ password: 'password-2', displayName: 'Nobody' }), 400, 'LOGIN_REQUIRED');
    expectProblem(await login('carol@example.test', 'wrong-password'), 401, 'INVALID_CREDENTIALS');
    expectProblem(await login('nobody@example.test', 'wrong-password'), 401, 'INVALID_CREDENTIALS');
  });

  it('lets a sign-up code expire', async () => {
    await signup({ email: 'late@example.test', password: 'late-person', displayName: 'Late' });
    const code = t.sentCodes.at(-1)!.code;
    const start = t.clock.now();
    t.clock.advance(16 * 60_000);
    try {
      expectProblem(
        await t.http.post('/api/v1/auth/verify').send({ login: 'late@example.test', code }),
        400,
        'VERIFICATION_CODE_INVALID',
      );
    } finally {
      t.clock.set(start);
    }
  });

  it('refuses a short password, a common one, and one equal to the login (ASVS 2.1)', async () => {
    const weak = (password: string, login: Record<string, string> = { email: 'Weak.Person@example.test' }) =>
      signup({ ...login, password, displayName: 'Weak' });
    expectProblem(await weak('Short-9'), 400, 'VALIDATION_FAILED');
    expectProblem(await weak('1234567890'), 400, 'PASSWORD_TOO_COMMON');
    expectProblem(await weak('QwertyUIOP'), 400, 'PASSWORD_TOO_COMMON');
    expectProblem(await weak('weak.person@EXAMPLE.test'), 400, 'PASSWORD_SAME_AS_LOGIN');
    expectProblem(await weak('13900001111', { mobile: '13900001111' }), 400, 'PASSWORD_SAME_AS_LOGIN');
    await expect(ensureAdmin(t.app.deps, { email: 'weak-admin@example.test', password: 'short' })).rejects.toThrow(
      'PASSWORD_TOO_SHORT',
    );
  });

  it('lets the demo admin and expert log in with the documented password', async () => {
    const admin = await login('admin@saishi.demo', 'Saishi@2024');
    expect(admin.status).toBe(200);
    expect(admin.body.user.role).toBe('admin');
    expect((await login('expert@saishi.demo', 'Saishi@2024')).body.user.role).toBe('expert');
  });
});

describe('refresh tokens', () => {
  it('rotates the refresh token, and reuse of an old one revokes the whole family', async () => {
    const first = (await login('admin@saishi.demo', 'Saishi@2024')).body;
    const second = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expectProblem(
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }),
      401,
      'REFRESH_TOKEN_REUSED',
    );
    // The thief's reuse also kills the legitimate newer token.
    expectProblem(
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
  });

  it('lets a refresh token expire after REFRESH_TOKEN_TTL_DAYS', async () => {
    const session = (await login('expert@saishi.demo', 'Saishi@2024')).body;
    const start = t.clock.now();
    t.clock.advance(t.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000 + 1000);
    try {
      expectProblem(
        await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
        401,
        'REFRESH_TOKEN_INVALID',
      );
    } finally {
      t.clock.set(start);
    }
    const fresh = (await login('expert@saishi.demo', 'Saishi@2024')).body;
    t.clock.advance((t.config.REFRESH_TOKEN_TTL_DAYS - 1) * 86_400_000);
    try {
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: fresh.refreshToken })).status).toBe(200);
    } finally {
      t.clock.set(start);
    }
  });

  it('logout revokes the session', async () => {
    const session = (await login('expert@saishi.demo', 'Saishi@2024')).body;
    expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken })).status).toBe(204);
    expectProblem(
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
  });

  it('a disabled account cannot refresh, and a role change reaches the next access token', async () => {
    const admin = await t.userWithToken('admin');
    const user = await t.signUpVerified({ email: 'dave@example.test', password: 'password-d', displayName: 'Dave' });
    const userId = user.user.id;
    const promote = await t.http
      .patch(`/api/v1/users/${userId}`)
      .set('authorization', `Bearer ${admin.token}`)
      .send({ role: 'expert' });
    expect(promote.body.role).toBe('expert');
    // The role change revoked the sessions: the old refresh token no longer works, a new login carries the new role.
    expectProblem(
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    const relogin = await login('dave@example.test', 'password-d');
    expect(relogin.body.user.role).toBe('expert');
    expect(t.app.jwt.decode<{ role: string }>(relogin.body.accessToken)?.role).toBe('expert');
    await t.http
      .patch(`/api/v1/users/${userId}`)
      .set('authorization', `Bearer ${admin.token}`)
      .send({ disabled: true });
    expectProblem(
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: relogin.body.refreshToken }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    expectProblem(await login('dave@example.test', 'password-d'), 403, 'ACCOUNT_DISABLED');
  });
});

describe('self-management', () => {
  it('refuses an organizer changing their own role or disabling themselves with 409, changing nothing', async () => {
    const admin = await t.userWithToken('admin');
    for (const change of [{ role: 'expert' }, { disabled: true }]) {
      const refused = await t.http
        .patch(`/api/v1/users/${admin.id}`)
        .set('authorization', `Bearer ${admin.token}`)
        .set('accept-language', 'zh-CN')
        .send(change);
      expectProblem(refused, 409, 'CANNOT_CHANGE_OWN_ACCOUNT');
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.detail).toBe('不能停用自己或修改自己的角色');
    }
    const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${admin.token}`);
    expect(me.body).toMatchObject({ role: 'admin', disabled: false });
  });
});

describe('guards', () => {
  it('refuses a forged token, an expired token and no token with 401', async () => {
    const admin = await t.userWithToken('admin');
    const claims = { sub: admin.id, role: 'admin', iss: 'saishi', aud: 'saishi-api' };
    const forged = hs256(
      { ...claims, iat: nowSeconds(), exp: nowSeconds() + 600 },
      'not-the-server-secret-0123456789abcdef',
    );
    expectProblem(await t.http.get('/api/v1/users').set('authorization', `Bearer ${forged}`), 401, 'TOKEN_INVALID');
    const expired = hs256({ ...claims, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }, t.config.JWT_SECRET);
    expectProblem(await t.http.get('/api/v1/users').set('authorization', `Bearer ${expired}`), 401, 'TOKEN_INVALID');
    // The same claims, unexpired and signed with the server's secret, pass: the refusals above are about signature and expiry.
    const valid = hs256({ ...claims, iat: nowSeconds(), exp: nowSeconds() + 600 }, t.config.JWT_SECRET);
    expect((await t.http.get('/api/v1/users').set('authorization', `Bearer ${valid}`)).status).toBe(200);
    // Signed with the secret, but without an expiry, for another audience or issuer, or unsigned.
    const refused = [
      hs256({ ...claims, iat: nowSeconds() }, t.config.JWT_SECRET),
      hs256({ ...claims, aud: 'another-app', iat: nowSeconds(), exp: nowSeconds() + 600 }, t.config.JWT_SECRET),
      hs256({ ...claims, iss: 'someone-else', iat: nowSeconds(), exp: nowSeconds() + 600 }, t.config.JWT_SECRET),
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ ...claims, exp: nowSeconds() + 600 }),
      ).toString('base64url')}.`,
    ];
    for (const token of refused)
      expectProblem(await t.http.get('/api/v1/users').set('authorization', `Bearer ${token}`), 401, 'TOKEN_INVALID');
    // A valid token in another scheme or not as `Bearer <token>` is not read.
    for (const header of [`Basic ${valid}`, `Bearer  ${valid}`, `Bearer ${valid} extra`, 'Bearer'])
      expectProblem(await t.http.get('/api/v1/users').set('authorization', header), 401, 'TOKEN_INVALID');
    const issued = JSON.parse(Buffer.from(admin.token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(issued).toMatchObject({ iss: 'saishi', aud: 'saishi-api' });
    expect(issued.exp).toEqual(expect.any(Number));
    expectProblem(await t.http.get('/api/v1/me'), 401, 'UNAUTHORIZED');
  });

  it('refuses a participant or an expert calling an admin route with 403', async () => {
    const participant = await t.userWithToken('participant');
    expectProblem(
      await t.http.get('/api/v1/users').set('authorization', `Bearer ${participant.token}`),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await t.http
        .patch(`/api/v1/users/${participant.id}`)
        .set('authorization', `Bearer ${participant.token}`)
        .send({ role: 'admin' }),
      403,
      'FORBIDDEN',
    );
    const expert = await t.userWithToken('expert');
    expectProblem(await t.http.get('/api/v1/teams').set('authorization', `Bearer ${expert.token}`), 403, 'FORBIDDEN');
  });

  it('bootstraps a first admin once (ADMIN_EMAIL / create-admin)', async () => {
    expect((await ensureAdmin(t.app.deps, { email: 'Boss@Example.test', password: 'boss-password' })).created).toBe(
      true,
    );
    expect((await ensureAdmin(t.app.deps, { email: 'boss@example.test', password: 'other-password' })).created).toBe(
      false,
    );
    const res = await login('boss@example.test', 'boss-password');
    expect(res.body.user.role).toBe('admin');
  });

  it('accepts ADMIN_EMAIL as an email and refuses anything else', () => {
    expect(loadConfig({ ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'rootpass123' }, {}).ADMIN_EMAIL).toBe(
      'root@example.test',
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'not an email' }, {})).toThrow(/ADMIN_EMAIL/);
  });

  it('lets an admin list users by role', async () => {
    const admin = await t.userWithToken('admin');
    const res = await t.http.get('/api/v1/users?role=expert&limit=1').set('authorization', `Bearer ${admin.token}`);
    expect(res.status).toBe(200);
    expect(res.body.items.every((user: { role: string }) => user.role === 'expert')).toBe(true);
  });
});

describe('rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ config: { AUTH_RATE_LIMIT_MAX: 2 } });
  });
  afterAll(async () => limited.close());

  it('limits login attempts per client', async () => {
    for (let attempt = 0; attempt < 2; attempt++)
      await limited.http.post('/api/v1/auth/login').send({ login: 'x@example.test', password: 'nope' });
    expectProblem(
      await limited.http.post('/api/v1/auth/login').send({ login: 'x@example.test', password: 'nope' }),
      429,
      'RATE_LIMITED',
    );
  });
});
