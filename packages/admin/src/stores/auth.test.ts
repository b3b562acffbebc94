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
    session.setSession(null);
    setActivePinia(createPinia());
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('logs in asking for a cookie session, keeps the access token in memory and the user', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, { accessToken: 'a1', csrfToken: 'c1', tokenType: 'Bearer', user: admin }),
    );
    const auth = useAuthStore();
    const me = await auth.login('admin@saishi.demo', 'Saishi@2024');
    expect(me.role).toBe('admin');
    expect(auth.loggedIn).toBe(true);
    expect(await fetchMock.mock.calls[0]![0].json()).toEqual({
      login: 'admin@saishi.demo',
      password: 'Saishi@2024',
      refreshTokenIn: 'cookie',
    });
    expect(session.accessToken).toBe('a1');
    expect(localStorage.getItem('saishi.admin.session')).toBe('1');
  });

  it('shows the API message of a failed login and keeps no tokens', async () => {
    fetchMock.mockResolvedValueOnce(json(401, { status: 401, code: 'INVALID_CREDENTIALS', detail: '账号或密码错误' }));
    const auth = useAuthStore();
    await expect(auth.login('admin@saishi.demo', 'nope')).rejects.toThrow('账号或密码错误');
    expect(auth.loggedIn).toBe(false);
    expect(session.accessToken).toBeNull();
  });

  it('restores the session of a reloaded page from its cookie, and forgets one that no longer works', async () => {
    localStorage.setItem('saishi.admin.session', '1');
    fetchMock
      .mockResolvedValueOnce(json(200, { csrfToken: 'c1' }))
      .mockResolvedValueOnce(json(200, { accessToken: 'a1', tokenType: 'Bearer', user: admin }))
      .mockResolvedValueOnce(json(200, admin));
    const auth = useAuthStore();
    expect(await auth.restore()).toBe(true);
    const [csrf, refresh, me] = fetchMock.mock.calls.map((args) => args[0]);
    expect(new URL(csrf!.url).pathname).toBe('/api/v1/auth/csrf-token');
    expect(refresh!.headers.get('X-CSRF-Token')).toBe('c1');
    expect(me!.headers.get('Authorization')).toBe('Bearer a1');

    session.setSession(null);
    localStorage.setItem('saishi.admin.session', '1');
    setActivePinia(createPinia());
    const fresh = useAuthStore();
    fetchMock
      .mockResolvedValueOnce(json(200, { csrfToken: 'c2' }))
      .mockResolvedValueOnce(json(401, { status: 401, code: 'REFRESH_TOKEN_INVALID' }));
    expect(await fresh.restore()).toBe(false);
    expect(session.accessToken).toBeNull();
    expect(localStorage.getItem('saishi.admin.session')).toBeNull();
  });

  it('does not try a cookie that was never set (no login in this browser)', async () => {
    expect(await useAuthStore().restore()).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('revokes the refresh token on logout and forgets the session even if the API is unreachable', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { accessToken: 'a1', csrfToken: 'c1', user: admin }))
      .mockRejectedValueOnce(new TypeError('offline'));
    const auth = useAuthStore();
    await auth.login('admin@saishi.demo', 'Saishi@2024');
    await expect(auth.logout()).rejects.toMatchObject({ status: 0 });
    const logoutRequest = fetchMock.mock.calls[1]![0];
    expect(new URL(logoutRequest.url).pathname).toBe('/api/v1/auth/logout');
    expect(logoutRequest.headers.get('X-CSRF-Token')).toBe('c1');
    expect(await logoutRequest.json()).toEqual({});
    expect(auth.loggedIn).toBe(false);
    expect(session.accessToken).toBeNull();
  });

  it('forgets the user when a refresh fails elsewhere', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { accessToken: 'a1', csrfToken: 'c1', user: admin }));
    const auth = useAuthStore();
    await auth.login('admin@saishi.demo', 'Saishi@2024');
    session.setSession(null);
    expect(auth.me).toBeNull();
  });
});
