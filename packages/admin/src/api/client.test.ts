import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, call, rawJson, session } from './client';
import { ApiError } from './errors';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const expired = () => json(401, { status: 401, code: 'TOKEN_INVALID', detail: '登录已过期' });
const timeline = {
  now: '2024-07-15T02:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  currentStage: 'collection',
  nextStage: 'preliminary',
  stages: [],
};

describe('the API client', () => {
  let fetchMock: ReturnType<typeof vi.fn<(request: Request) => Promise<Response>>>;

  beforeEach(() => {
    localStorage.clear();
    session.setSession({ accessToken: 'old-access', csrfToken: 'csrf-1' });
    session.locale = 'zh-CN';
    fetchMock = vi.fn<(request: Request) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    session.setSession(null);
    session.setEdition(null);
  });

  it('sends the bearer token and the UI language', async () => {
    session.locale = 'en';
    fetchMock.mockResolvedValueOnce(json(200, timeline));
    await call(api.GET('/api/v1/editions/{edition}/stages', { params: { path: { edition: 'current' } } }));
    const request = fetchMock.mock.calls[0]![0];
    expect(request.headers.get('Authorization')).toBe('Bearer old-access');
    expect(request.headers.get('Accept-Language')).toBe('en');
  });

  it('sends the edition chosen in the switcher as Saishi-Edition, and keeps the choice', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(json(200, timeline)));
    const stages = () =>
      call(api.GET('/api/v1/editions/{edition}/stages', { params: { path: { edition: 'current' } } }));
    await stages();
    expect(fetchMock.mock.calls[0]![0].headers.has('Saishi-Edition')).toBe(false);
    session.setEdition('2024-jiangsu');
    await stages();
    expect(fetchMock.mock.calls[1]![0].headers.get('Saishi-Edition')).toBe('2024-jiangsu');
    expect(localStorage.getItem('saishi.admin.edition')).toBe('2024-jiangsu');
    session.setEdition(null);
    await stages();
    expect(fetchMock.mock.calls[2]![0].headers.has('Saishi-Edition')).toBe(false);
  });

  it('refreshes once on an expired token with the cookie and the CSRF token, and retries with the new token', async () => {
    fetchMock
      .mockResolvedValueOnce(expired())
      .mockResolvedValueOnce(json(200, { accessToken: 'new-access', tokenType: 'Bearer', csrfToken: 'csrf-2' }))
      .mockResolvedValueOnce(json(200, timeline));
    const data = await call(
      api.PATCH('/api/v1/editions/{edition}/stages/{stage}', {
        params: { path: { edition: 'current', stage: 'final' } },
        body: { endsAt: null },
      }),
    );
    expect(data.timeZone).toBe('Asia/Shanghai');
    const [first, refresh, retry] = fetchMock.mock.calls.map((args) => args[0]);
    expect(new URL(refresh!.url).pathname).toBe('/api/v1/auth/refresh');
    expect(refresh!.method).toBe('POST');
    expect(refresh!.credentials).toBe('same-origin'); // the httpOnly cookie carries the refresh token
    expect(refresh!.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(await refresh!.json()).toEqual({});
    expect(first!.method).toBe('PATCH');
    expect(retry!.method).toBe('PATCH');
    expect(retry!.headers.get('Authorization')).toBe('Bearer new-access');
    expect(await retry!.json()).toEqual({ endsAt: null });
    expect(session.accessToken).toBe('new-access');
    // No token is written where a script could read it later.
    const stored = Object.keys(localStorage).map((key) => localStorage.getItem(key));
    expect(stored.join(' ')).not.toContain('access');
    expect(localStorage.getItem('saishi.admin.tokens')).toBeNull();
  });

  it('after a reload, asks for a CSRF token for the cookie and gets the session back', async () => {
    session.setSession(null);
    expect(await session.refresh()).toBe(false); // logged out: no cookie worth trying
    expect(fetchMock).not.toHaveBeenCalled();
    localStorage.setItem('saishi.admin.session', '1'); // a reload of a logged-in page
    fetchMock
      .mockResolvedValueOnce(json(200, { csrfToken: 'csrf-fresh' }))
      .mockResolvedValueOnce(json(200, { accessToken: 'restored', tokenType: 'Bearer' }));
    expect(await session.refresh()).toBe(true);
    const [csrf, refresh] = fetchMock.mock.calls.map((args) => args[0]);
    expect(csrf!.method).toBe('GET');
    expect(new URL(csrf!.url).pathname).toBe('/api/v1/auth/csrf-token');
    expect(refresh!.headers.get('X-CSRF-Token')).toBe('csrf-fresh');
    expect(session.accessToken).toBe('restored');
  });

  it('gets a new CSRF token once when the API refuses the one it has (secret rotated, cookie lost)', async () => {
    const refused = () => json(403, { status: 403, code: 'CSRF_TOKEN_INVALID', detail: 'csrf' });
    fetchMock
      .mockResolvedValueOnce(refused())
      .mockResolvedValueOnce(json(200, { csrfToken: 'csrf-new' }))
      .mockResolvedValueOnce(json(200, { accessToken: 'new-access' }));
    expect(await session.refresh()).toBe(true);
    const [first, csrf, second] = fetchMock.mock.calls.map((args) => args[0]);
    expect(first!.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(new URL(csrf!.url).pathname).toBe('/api/v1/auth/csrf-token');
    expect(second!.headers.get('X-CSRF-Token')).toBe('csrf-new');
    expect(session.accessToken).toBe('new-access');

    // Refused again with the new token: the session ends, without a loop.
    fetchMock.mockReset();
    fetchMock
      .mockResolvedValueOnce(refused())
      .mockResolvedValueOnce(json(200, { csrfToken: 'csrf-newer' }))
      .mockResolvedValueOnce(refused());
    expect(await session.refresh()).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(session.accessToken).toBeNull();
  });

  it('logs out with the cookie and the CSRF token, and forgets the session even when that fails', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await session.logout();
    const logout = fetchMock.mock.calls[0]![0];
    expect(new URL(logout.url).pathname).toBe('/api/v1/auth/logout');
    expect(logout.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(session.accessToken).toBeNull();
    expect(localStorage.getItem('saishi.admin.session')).toBeNull();

    session.setSession({ accessToken: 'a', csrfToken: 'csrf-3' });
    fetchMock.mockResolvedValueOnce(json(500, { status: 500, code: 'INTERNAL_ERROR', detail: 'boom' }));
    await expect(session.logout()).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(session.accessToken).toBeNull();
  });

  it('removes the tokens an earlier version kept in localStorage', async () => {
    localStorage.setItem('saishi.admin.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
    vi.resetModules();
    const fresh = await import('./client');
    expect(localStorage.getItem('saishi.admin.tokens')).toBeNull();
    expect(fresh.session.accessToken).toBeNull();
  });

  it('shares one refresh between calls that expire together', async () => {
    let refreshes = 0;
    fetchMock.mockImplementation(async (request) => {
      if (request.url.endsWith('/auth/refresh')) {
        refreshes += 1;
        return json(200, { accessToken: 'new-access' });
      }
      return request.headers.get('Authorization') === 'Bearer new-access' ? json(200, timeline) : expired();
    });
    const get = () => call(api.GET('/api/v1/editions/{edition}/stages', { params: { path: { edition: 'current' } } }));
    await Promise.all([get(), get(), get()]);
    expect(refreshes).toBe(1);
  });

  it('ends the session when the refresh is refused, and reports the original 401', async () => {
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);
    fetchMock
      .mockResolvedValueOnce(expired())
      .mockResolvedValueOnce(json(401, { status: 401, code: 'REFRESH_TOKEN_INVALID', detail: 'no' }));
    const error = await call(
      api.GET('/api/v1/editions/{edition}/stages', { params: { path: { edition: 'current' } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('TOKEN_INVALID');
    expect(session.accessToken).toBeNull();
    expect(listener).toHaveBeenCalledWith(null);
    unsubscribe();
  });

  it('does not refresh on other 401s (wrong password)', async () => {
    fetchMock.mockResolvedValueOnce(json(401, { status: 401, code: 'INVALID_CREDENTIALS', detail: '账号或密码错误' }));
    await expect(
      rawJson('/api/v1/auth/login', { method: 'POST', json: { login: 'a', password: 'b' } }),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: '账号或密码错误',
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('turns problem+json into an ApiError with the localized detail and field errors', async () => {
    fetchMock.mockResolvedValueOnce(
      json(400, {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: '请求数据不符合要求',
        errors: [{ path: '/body/title', message: '不能为空' }],
      }),
    );
    const error = (await call(
      api.POST('/api/v1/editions/{edition}/topics', {
        params: { path: { edition: 'current' } },
        body: { fieldCode: 'agriculture', title: '' } as never,
      }),
    ).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe('请求数据不符合要求');
    expect(error.status).toBe(400);
    expect(error.fieldErrors()).toEqual({ title: '不能为空' });
  });

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(call(api.GET('/api/v1/editions'))).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
