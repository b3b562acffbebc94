import createClient from 'openapi-fetch';
import { ApiError, problemFrom, type Problem } from './errors';
import type { paths } from './schema';
import { dropLegacyTokens, hasSessionHint, loadEdition, saveEdition, saveSessionHint } from './tokens';

/** What a login or a refresh of the browser session answers (the refresh token stays in a cookie). */
export interface SessionAnswer {
  accessToken: string;
  csrfToken?: string;
}

type Listener = (accessToken: string | null) => void;

/**
 * The session shared by every API call: the access token (in memory only), the CSRF token of the
 * cookie-borne session requests, the UI locale sent as Accept-Language, and one refresh in flight
 * at a time. The refresh token is an httpOnly cookie the API sets on /api/v1/auth: no script of
 * the page can read it, and a page of another site cannot use it without the CSRF token.
 */
class Session {
  accessToken: string | null = null;
  locale = 'zh-CN';
  /** The edition the organizer looks at (a code), sent as `Saishi-Edition`; null: the API's `current`. */
  edition: string | null = loadEdition();
  private csrfToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor() {
    dropLegacyTokens();
  }

  /** Starts the page's session with a login's (or a refresh's) answer, or ends it (null). */
  setSession(answer: SessionAnswer | null): void {
    this.accessToken = answer?.accessToken ?? null;
    if (!answer || answer.csrfToken) this.csrfToken = answer?.csrfToken ?? null;
    saveSessionHint(answer !== null);
    for (const listener of this.listeners) listener(this.accessToken);
  }

  setEdition(code: string | null): void {
    this.edition = code;
    saveEdition(code);
  }

  /** Called with the new access token after a refresh, or null when the session ended. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Trades the cookie's refresh token for a new access token once, however many calls failed at
   * the same time; also how a reloaded page gets its session back.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Revokes the session on the server and clears its cookie; forgets it here even if that fails. */
  async logout(): Promise<void> {
    try {
      const response = await this.cookieRequest('/api/v1/auth/logout');
      if (!response.ok) throw await problemFrom(response);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError({ status: 0, code: 'NETWORK', detail: (error as Error).message });
    } finally {
      this.setSession(null);
    }
  }

  private async doRefresh(): Promise<boolean> {
    if (!this.accessToken && !hasSessionHint()) return false;
    // Tabs share the cookie: one refresh at a time across them, or a rotated token would look reused.
    return exclusively('saishi.admin.refresh', async () => {
      let response: Response;
      try {
        response = await this.cookieRequest('/api/v1/auth/refresh');
      } catch {
        return false;
      }
      if (!response.ok) {
        this.setSession(null);
        return false;
      }
      this.setSession((await response.json()) as SessionAnswer);
      return true;
    });
  }

  /**
   * A POST of the browser session: the cookie goes along by itself, the CSRF token in its header.
   * A token the API no longer accepts (its secret cookie was lost, or the server's secret rotated)
   * is replaced by a new one once.
   */
  private async cookieRequest(path: string, retry = true): Promise<Response> {
    const csrfToken = await this.csrf();
    const response = await globalThis.fetch(
      new Request(`${baseUrl()}${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': this.locale, 'X-CSRF-Token': csrfToken },
        body: '{}',
      }),
    );
    if (!retry || response.status !== 403) return response;
    const problem = (await response
      .clone()
      .json()
      .catch(() => null)) as Problem | null;
    if (problem?.code !== 'CSRF_TOKEN_INVALID') return response;
    this.csrfToken = null;
    return this.cookieRequest(path, false);
  }

  /** The CSRF token: the login's, or after a reload a new one for the cookie the browser has. */
  private async csrf(): Promise<string> {
    if (this.csrfToken) return this.csrfToken;
    const response = await globalThis.fetch(
      new Request(`${baseUrl()}/api/v1/auth/csrf-token`, {
        credentials: 'same-origin',
        headers: { 'Accept-Language': this.locale },
      }),
    );
    if (!response.ok) throw await problemFrom(response);
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    return this.csrfToken;
  }
}

/** Runs `task` holding a lock shared by the tabs of this origin (Web Locks), where the browser has them. */
async function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(name, task) : await task();
}

export const session = new Session();

function baseUrl(): string {
  return typeof location === 'undefined' ? 'http://localhost' : location.origin;
}

function withHeaders(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('Accept-Language', session.locale);
  if (session.accessToken) headers.set('Authorization', `Bearer ${session.accessToken}`);
  if (session.edition) headers.set('Saishi-Edition', session.edition);
  return new Request(request, { headers });
}

/** Whether a 401 answer means "your access token expired", the only case worth a refresh. */
async function isExpiredToken(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const problem = (await response
    .clone()
    .json()
    .catch(() => null)) as Problem | null;
  return problem?.code === 'TOKEN_INVALID';
}

/**
 * fetch with the bearer token and the UI language; on a 401 TOKEN_INVALID it refreshes the
 * tokens once and retries the request with the new access token.
 */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const sentWith = session.accessToken;
  const response = await globalThis.fetch(withHeaders(request));
  if (!sentWith || !(await isExpiredToken(response))) return response;
  // Another call may have refreshed already while this one was in flight.
  const refreshed = session.accessToken !== sentWith || (await session.refresh());
  if (!refreshed) return response;
  return globalThis.fetch(withHeaders(retry));
}

export const api = createClient<paths>({ baseUrl: '', fetch: authFetch });

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError carrying the
 * API's localized problem (network failures become status 0).
 */
export async function call<T>(promise: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await promise;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', detail: (error as Error).message });
  }
  if (!result.response.ok) {
    const { error } = result;
    if (error && typeof error === 'object' && 'status' in error) throw new ApiError(error as Problem);
    throw await problemFrom(result.response);
  }
  return result.data as T;
}

/**
 * For endpoints the generated schema does not describe (binary downloads, multipart uploads):
 * a plain request through the same token and refresh handling.
 */
export async function rawFetch(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await authFetch(new Request(`${baseUrl()}${path}`, init));
  } catch (error) {
    throw new ApiError({ status: 0, code: 'NETWORK', detail: (error as Error).message });
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

/** rawFetch for a JSON answer. */
export async function rawJson<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('Content-Type', 'application/json');
  const response = await rawFetch(path, {
    ...rest,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
