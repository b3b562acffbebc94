import createClient from 'openapi-fetch';
import { ApiError, problemFrom, type Problem } from './errors';
import type { paths } from './schema';
import { loadEdition, loadTokens, saveEdition, saveTokens, type Tokens } from './tokens';

type Listener = (tokens: Tokens | null) => void;

/**
 * The session shared by every API call: the tokens, the UI locale sent as Accept-Language,
 * and one refresh in flight at a time.
 */
class Session {
  tokens: Tokens | null = loadTokens();
  locale = 'zh-CN';
  /** The edition the organizer looks at (a code), sent as `Saishi-Edition`; null: the API's `current`. */
  edition: string | null = loadEdition();
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<Listener>();

  setTokens(tokens: Tokens | null): void {
    this.tokens = tokens;
    saveTokens(tokens);
    for (const listener of this.listeners) listener(tokens);
  }

  setEdition(code: string | null): void {
    this.edition = code;
    saveEdition(code);
  }

  /** Called with the new tokens after a refresh, or null when the session ended. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Trades the refresh token for new tokens once, however many calls failed at the same time. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) return false;
    let response: Response;
    try {
      response = await globalThis.fetch(
        new Request(`${baseUrl()}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Accept-Language': this.locale },
          body: JSON.stringify({ refreshToken }),
        }),
      );
    } catch {
      return false;
    }
    if (!response.ok) {
      this.setTokens(null);
      return false;
    }
    const body = (await response.json()) as Tokens;
    this.setTokens({ accessToken: body.accessToken, refreshToken: body.refreshToken });
    return true;
  }
}

export const session = new Session();

function baseUrl(): string {
  return typeof location === 'undefined' ? 'http://localhost' : location.origin;
}

function withHeaders(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('Accept-Language', session.locale);
  if (session.tokens) headers.set('Authorization', `Bearer ${session.tokens.accessToken}`);
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
  const sentWith = session.tokens?.accessToken;
  const response = await globalThis.fetch(withHeaders(request));
  if (!sentWith || !(await isExpiredToken(response))) return response;
  // Another call may have refreshed already while this one was in flight.
  const refreshed = session.tokens?.accessToken !== sentWith || (await session.refresh());
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
