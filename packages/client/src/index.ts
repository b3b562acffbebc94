import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** An RFC 9457 problem as the API answers every error (`components.schemas.Problem`). */
export type Problem = components['schemas']['Problem'];
/** Every stable error code of the API (`components.schemas.ErrorCode`). */
export type ErrorCode = components['schemas']['ErrorCode'];
/** A login's or a refresh's answer: the access token, the next refresh token, the user. */
export type Session = operations['login']['responses'][200]['content']['application/json'];
/** The tokens the client keeps between calls. */
export type Tokens = Pick<Session, 'accessToken' | 'refreshToken'>;

/** Thrown for every answer of the API that is not a success, with the problem it sent. */
export class SaishiProblemError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'SaishiProblemError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** The field errors (JSON pointer, message, allowed values, bounds), empty when none. */
  get errors(): NonNullable<Problem['errors']> {
    return this.problem.errors ?? [];
  }
}

export interface SaishiClientOptions {
  /** Where the API is, e.g. `https://saishi.example.cn` (the paths carry `/api/v1`). */
  baseUrl: string;
  /** `zh-CN` (the API's default) or `en`: the language of problem details; `setLocale` changes it. */
  locale?: Locale;
  /**
   * Where the refresh token lives. `body` (the default, servers and scripts): the client keeps it
   * and sends it to refresh. `cookie` (a browser app on the API's origin): the API keeps it in an
   * httpOnly cookie of its /auth routes, which no script can read; the client proves its refreshes
   * and logout with the CSRF token the login answered (or fetches a new one after a page reload).
   */
  refreshTokenIn?: 'body' | 'cookie';
  /** Cookie mode: whether the cookie goes to another origin too (`include`); `same-origin` by default. */
  credentials?: RequestCredentials;
  /** The tokens to start with, e.g. from a login made earlier; `login` sets them too. */
  session?: Tokens;
  /** Told of every new session (login, refresh) or of its end (null), to store it. */
  onSession?: (session: Tokens | null) => void;
  /** Headers added to every API request, read at each request (e.g. `Saishi-Edition`). */
  headers?: () => Record<string, string | null | undefined>;
  /**
   * Runs each refresh, e.g. under a lock shared by a browser's tabs (Web Locks): refresh tokens
   * are single use, so two tabs refreshing at once would look like a reuse.
   */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Another fetch (tests, a proxy); the global one by default. */
  fetch?: typeof globalThis.fetch;
}

export type Locale = 'zh-CN' | 'en';

export interface SaishiClient extends Client<paths> {
  /** Logs in with an email or mobile number and the password, and keeps the session. */
  login(login: string, password: string): Promise<Session>;
  /** Ends the session on the server (revokes the refresh token) and forgets it here, even if that fails. */
  logout(): Promise<void>;
  /**
   * Trades the refresh token for a new access token (one refresh at a time, however many calls
   * ask); in cookie mode also how a reloaded page gets its session back. False when it could not.
   */
  refresh(): Promise<boolean>;
  /** The session's tokens now (in cookie mode without the refresh token), or null. */
  currentSession(): Tokens | null;
  /**
   * Starts the session with a login's answer obtained another way (in cookie mode with its
   * `csrfToken`), or ends it here (null) without telling the server.
   */
  setSession(session: (Tokens & { csrfToken?: string }) | null): void;
  /** The language of later problem details. */
  setLocale(locale: Locale): void;
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && 'status' in body && 'code' in body;

async function problemOf(response: Response): Promise<Problem | null> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  return isProblem(body) ? body : null;
}

/** The response when it is a success; a problem answer is thrown as a `SaishiProblemError`. */
async function failOnProblem(response: Response): Promise<Response> {
  if (response.ok) return response;
  const problem = await problemOf(response);
  if (problem) throw new SaishiProblemError(problem);
  return response;
}

type SessionAnswer = Tokens & { csrfToken?: string };

/**
 * The session of a client: its tokens (and in cookie mode the CSRF token), the refresh (one at a
 * time), and the requests the cookie authenticates.
 */
class AuthSession {
  tokens: Tokens | null;
  locale: Locale;
  private csrfToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly fetch: typeof globalThis.fetch;
  readonly cookie: boolean;
  readonly credentials: RequestCredentials;

  constructor(private readonly options: SaishiClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.cookie = options.refreshTokenIn === 'cookie';
    this.credentials = options.credentials ?? 'same-origin';
    this.locale = options.locale ?? 'zh-CN';
    this.tokens = options.session ? { ...options.session } : null;
  }

  /** Keeps a login's or a refresh's answer (its CSRF token too, when it has one), or ends the session. */
  keep(session: SessionAnswer | null): void {
    this.tokens = session
      ? { accessToken: session.accessToken, ...(session.refreshToken ? { refreshToken: session.refreshToken } : {}) }
      : null;
    if (!session || session.csrfToken) this.csrfToken = session?.csrfToken ?? null;
    this.options.onSession?.(this.tokens);
  }

  send(request: Request): Promise<Response> {
    return this.fetch(request);
  }

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/$/, '')}${path}`;
  }

  /** Cookie mode: the CSRF token of the login, or after a page reload a new one for the cookie. */
  private async csrf(): Promise<string> {
    if (this.csrfToken) return this.csrfToken;
    const request = new Request(this.url('/api/v1/auth/csrf-token'), {
      credentials: this.credentials,
      headers: { 'accept-language': this.locale },
    });
    const response = await failOnProblem(await this.fetch(request));
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    return this.csrfToken;
  }

  /**
   * Cookie mode: a POST the cookie authenticates, with the CSRF token; a token the API no longer
   * accepts (its secret cookie lost, the server's secret rotated) is replaced once.
   */
  async cookieRequest(path: string, retry = true): Promise<Response> {
    const response = await this.fetch(
      new Request(this.url(path), {
        method: 'POST',
        credentials: this.credentials,
        headers: {
          'content-type': 'application/json',
          'accept-language': this.locale,
          'x-csrf-token': await this.csrf(),
        },
        body: '{}',
      }),
    );
    if (!retry || response.status !== 403 || (await problemOf(response))?.code !== 'CSRF_TOKEN_INVALID')
      return response;
    this.csrfToken = null;
    return this.cookieRequest(path, false);
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = this.tokens?.refreshToken;
    if (!this.cookie && !refreshToken) return false;
    try {
      const response = this.cookie
        ? await this.cookieRequest('/api/v1/auth/refresh')
        : await this.fetch(
            new Request(this.url('/api/v1/auth/refresh'), {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'accept-language': this.locale },
              body: JSON.stringify({ refreshToken }),
            }),
          );
      this.keep(response.ok ? ((await response.json()) as Session) : null);
      return response.ok;
    } catch {
      // The network failed: the session may still be good; the caller sees the original answer.
      return false;
    }
  }

  /** One refresh at a time, however many calls ask (under the `exclusive` lock when given). */
  refresh(): Promise<boolean> {
    const run = () => this.doRefresh();
    this.refreshing ??= (this.options.exclusive ? this.options.exclusive(run) : run()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Sends the token, language and extra headers; on a 401 `TOKEN_INVALID` refreshes once and sends again. */
  middleware(): Middleware {
    // A copy of each request as sent, to send again after a refresh (the sent one's body is read).
    const unsent = new WeakMap<Request, Request>();
    return {
      onRequest: ({ request, schemaPath }) => {
        // Login, refresh and logout are public: an expired access token has no business there.
        const isAuth = schemaPath.startsWith('/api/v1/auth/');
        if (this.tokens?.accessToken && !isAuth && !request.headers.has('authorization'))
          request.headers.set('authorization', `Bearer ${this.tokens.accessToken}`);
        request.headers.set('accept-language', this.locale);
        for (const [name, value] of Object.entries(this.options.headers?.() ?? {}))
          if (value !== null && value !== undefined) request.headers.set(name, value);
        unsent.set(request, request.clone());
        return request;
      },
      onResponse: async ({ request, response }) => {
        if (response.ok) return response;
        const sentWith = request.headers.get('authorization');
        if (response.status === 401 && sentWith && (await problemOf(response))?.code === 'TOKEN_INVALID') {
          // Another call may have refreshed already while this one was in flight.
          const refreshed = sentWith !== `Bearer ${this.tokens?.accessToken}` || (await this.refresh());
          const copy = unsent.get(request);
          if (refreshed && this.tokens && copy) {
            copy.headers.set('authorization', `Bearer ${this.tokens.accessToken}`);
            return failOnProblem(await this.fetch(copy));
          }
        }
        return failOnProblem(response);
      },
    };
  }
}

/**
 * A typed client of the Saishi API. Each call is checked against the OpenAPI document (path,
 * parameters, body, answer); the access token is sent as `Authorization: Bearer`; a 401
 * `TOKEN_INVALID` (an expired access token) is retried once after a refresh (refresh tokens are
 * single use: the next one is kept, or set as the cookie); every error answer is thrown as a
 * `SaishiProblemError`.
 */
export function createSaishiClient(options: SaishiClientOptions): SaishiClient {
  const session = new AuthSession(options);
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: (request) => session.send(request) });
  client.use(session.middleware());
  const { cookie, credentials } = session;

  return Object.assign(client, {
    async login(login: string, password: string): Promise<Session> {
      const { data } = await client.POST('/api/v1/auth/login', {
        body: { login, password, ...(cookie ? { refreshTokenIn: 'cookie' as const } : {}) },
        ...(cookie ? { credentials } : {}),
      });
      session.keep(data!);
      return data!;
    },
    async logout(): Promise<void> {
      const refreshToken = session.tokens?.refreshToken;
      try {
        if (cookie) await failOnProblem(await session.cookieRequest('/api/v1/auth/logout'));
        else if (refreshToken) await client.POST('/api/v1/auth/logout', { body: { refreshToken } });
      } finally {
        session.keep(null);
      }
    },
    refresh: () => session.refresh(),
    currentSession: () => (session.tokens ? { ...session.tokens } : null),
    setSession: (answer: SessionAnswer | null) => session.keep(answer),
    setLocale(next: Locale): void {
      session.locale = next;
    },
  });
}
