import { createSaishiClient, SaishiProblemError, type Locale } from '@saishi/client';
import { ApiError, problemFrom, type Problem } from './errors';
import { dropLegacyTokens, hasSessionHint, loadEdition, saveEdition, saveSessionHint } from './tokens';

/** What a login or a refresh of the browser session answers (the refresh token stays in a cookie). */
export interface SessionAnswer {
  accessToken: string;
  csrfToken?: string;
}

type Listener = (accessToken: string | null) => void;

/** Runs `task` holding a lock shared by the tabs of this origin (Web Locks), where the browser has them. */
async function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(name, task) : await task();
}

function baseUrl(): string {
  return typeof location === 'undefined' ? 'http://localhost' : location.origin;
}

/**
 * The session shared by every API call, kept by @saishi/client in cookie mode: the access token in
 * memory only, the refresh token in the httpOnly cookie the API sets on /api/v1/auth (no script of
 * the page can read it; a page of another site cannot use it without the CSRF token), one refresh
 * at a time across the tabs. Here: the UI locale, the edition looked at, who listens, and whether
 * a reloaded page has a cookie worth trying.
 */
class Session {
  private uiLocale: Locale = 'zh-CN';
  /** The edition the organizer looks at (a code), sent as `Saishi-Edition`; null: the API's `current`. */
  edition: string | null = loadEdition();
  private readonly listeners = new Set<Listener>();
  readonly client = createSaishiClient({
    baseUrl: baseUrl(),
    refreshTokenIn: 'cookie',
    // Read at each call, so that tests (and polyfills) may replace the global fetch.
    fetch: (input, init) => globalThis.fetch(input, init),
    headers: () => ({ 'saishi-edition': this.edition }),
    exclusive: (task) => exclusively('saishi.admin.refresh', task),
    onSession: (tokens) => {
      saveSessionHint(tokens !== null);
      for (const listener of this.listeners) listener(tokens?.accessToken ?? null);
    },
  });

  constructor() {
    dropLegacyTokens();
  }

  get accessToken(): string | null {
    return this.client.currentSession()?.accessToken ?? null;
  }

  /** The language of the UI, sent as Accept-Language: the API's messages follow it. */
  get locale(): Locale {
    return this.uiLocale;
  }

  set locale(locale: Locale) {
    this.uiLocale = locale;
    this.client.setLocale(locale);
  }

  /** Starts the page's session with a login's answer, or ends it (null). */
  setSession(answer: SessionAnswer | null): void {
    this.client.setSession(answer);
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
   * the same time; also how a reloaded page gets its session back (when it had one).
   */
  async refresh(): Promise<boolean> {
    if (!this.accessToken && !hasSessionHint()) return false;
    return this.client.refresh();
  }

  /** Revokes the session on the server and clears its cookie; forgets it here even if that fails. */
  async logout(): Promise<void> {
    try {
      await this.client.logout();
    } catch (error) {
      throw asApiError(error);
    }
  }
}

/** The admin's error for whatever a call threw: the API's problem, or a network failure (status 0). */
function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof SaishiProblemError) return new ApiError(error.problem);
  return new ApiError({ status: 0, code: 'NETWORK', detail: (error as Error).message });
}

export const session = new Session();

/** The typed client of the API (@saishi/client): token, refresh, language and edition handled. */
export const api = session.client;

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
 * For the requests the typed client does not make (binary downloads, multipart uploads): fetch
 * with the same session; on a 401 TOKEN_INVALID it refreshes once and retries with the new token.
 */
async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const sentWith = session.accessToken;
  const response = await globalThis.fetch(withHeaders(request));
  if (!sentWith || !(await isExpiredToken(response))) return response;
  // Another call may have refreshed already while this one was in flight.
  const refreshed = session.accessToken !== sentWith || (await session.refresh());
  if (!refreshed) return response;
  return globalThis.fetch(withHeaders(retry));
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits a call of the typed client and returns its data, or throws an ApiError carrying the
 * API's localized problem (network failures become status 0).
 */
export async function call<T>(promise: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await promise;
  } catch (error) {
    throw asApiError(error);
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
