import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../api/client';
import { useAuthStore } from './auth';

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
const admin = {
  id: 'u1',
  email: 'admin@saishi.demo',
  mobile: null,
  displayName: '赛事管理员',
  role: 'admin',
  disabled: false,
  createdAt: '2024-06-01T00:00:00Z',
};

describe('the auth store', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;

  beforeEach(() => {
    localStorage.clear();
    session.setTokens(null);
    setActivePinia(createPinia());
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('logs in with the login name and password, keeps the tokens and the user', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, { accessToken: 'a1', refreshToken: 'r1', tokenType: 'Bearer', user: admin }),
    );
    const auth = useAuthStore();
    const me = await auth.login('admin@saishi.demo', 'Saishi@2024');
    expect(me.role).toBe('admin');
    expect(auth.loggedIn).toBe(true);
    expect(await fetchMock.mock.calls[0]![0].json()).toEqual({ login: 'admin@saishi.demo', password: 'Saishi@2024' });
    expect(session.tokens).toEqual({ accessToken: 'a1', refreshToken: 'r1' });
  });

  it('shows the API message of a failed login and keeps no tokens', async () => {
    fetchMock.mockResolvedValueOnce(json(401, { status: 401, code: 'INVALID_CREDENTIALS', detail: '账号或密码错误' }));
    const auth = useAuthStore();
    await expect(auth.login('admin@saishi.demo', 'nope')).rejects.toThrow('账号或密码错误');
    expect(auth.loggedIn).toBe(false);
    expect(session.tokens).toBeNull();
  });

  it('restores a previous session from stored tokens, and forgets tokens that no longer work', async () => {
    session.setTokens({ accessToken: 'a1', refreshToken: 'r1' });
    fetchMock.mockResolvedValueOnce(json(200, admin));
    const auth = useAuthStore();
    expect(await auth.restore()).toBe(true);
    expect(fetchMock.mock.calls[0]![0].headers.get('Authorization')).toBe('Bearer a1');

    setActivePinia(createPinia());
    const fresh = useAuthStore();
    fetchMock.mockResolvedValueOnce(json(401, { status: 401, code: 'UNAUTHORIZED' }));
    expect(await fresh.restore()).toBe(false);
    expect(session.tokens).toBeNull();
  });

  it('revokes the refresh token on logout and forgets the session even if the API is unreachable', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { accessToken: 'a1', refreshToken: 'r1', user: admin }))
      .mockRejectedValueOnce(new TypeError('offline'));
    const auth = useAuthStore();
    await auth.login('admin@saishi.demo', 'Saishi@2024');
    await expect(auth.logout()).rejects.toMatchObject({ status: 0 });
    const logoutRequest = fetchMock.mock.calls[1]![0];
    expect(new URL(logoutRequest.url).pathname).toBe('/api/v1/auth/logout');
    expect(await logoutRequest.json()).toEqual({ refreshToken: 'r1' });
    expect(auth.loggedIn).toBe(false);
    expect(session.tokens).toBeNull();
  });

  it('forgets the user when a refresh fails elsewhere', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { accessToken: 'a1', refreshToken: 'r1', user: admin }));
    const auth = useAuthStore();
    await auth.login('admin@saishi.demo', 'Saishi@2024');
    session.setTokens(null);
    expect(auth.me).toBeNull();
  });
});
