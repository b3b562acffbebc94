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
  /** `zh-CN` (the API's default) or `en`: the language of problem details. */
  locale?: 'zh-CN' | 'en';
  /** The tokens to start with, e.g. from a login made earlier; `login` sets them too. */
  session?: Tokens;
  /** Told of every new session (login, refresh) or of its end (null), to store it. */
  onSession?: (session: Tokens | null) => void;
  /** Another fetch (tests, a proxy); the global one by default. */
  fetch?: typeof globalThis.fetch;
}

export interface SaishiClient extends Client<paths> {
  /** Logs in with an email or mobile number and the password, and keeps the tokens. */
  login(login: string, password: string): Promise<Session>;
  /** Forgets the tokens (and revokes the refresh token on the server). */
  logout(): Promise<void>;
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && 'status' in body && 'code' in body;

/** The response when it is a success; a problem answer is thrown as a `SaishiProblemError`. */
async function failOnProblem(response: Response): Promise<Response> {
  if (response.ok) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  if (isProblem(body)) throw new SaishiProblemError(body);
  return response;
}

/**
 * A typed client of the Saishi API. Each call is checked against the OpenAPI document (path,
 * parameters, body, answer); the access token is sent as `Authorization: Bearer`; a 401 with an
 * expired token is retried once after a refresh with the refresh token (refresh tokens are single
 * use: the new one is kept); every error answer is thrown as a `SaishiProblemError`.
 */
export function createSaishiClient(options: SaishiClientOptions): SaishiClient {
  const fetch = options.fetch ?? globalThis.fetch;
  let tokens: Tokens | null = options.session ? { ...options.session } : null;
  let refreshing: Promise<boolean> | null = null;
  const keep = (session: Tokens | null) => {
    tokens = session ? { accessToken: session.accessToken, refreshToken: session.refreshToken } : null;
    options.onSession?.(tokens);
  };

  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch });
  const refresh = async (): Promise<boolean> => {
    if (!tokens?.refreshToken) return false;
    const { data } = await client.POST('/api/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
    keep(data ?? null);
    return Boolean(data);
  };

  // A copy of each request as sent, to send again after a refresh (the sent one's body is read).
  const unsent = new WeakMap<Request, Request>();
  const middleware: Middleware = {
    onRequest({ request, schemaPath }) {
      // Login, refresh and logout are public: an expired access token has no business there.
      const isAuth = schemaPath.startsWith('/api/v1/auth/');
      if (tokens?.accessToken && !isAuth && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${tokens.accessToken}`);
      request.headers.set('accept-language', options.locale ?? 'zh-CN');
      unsent.set(request, request.clone());
      return request;
    },
    async onResponse({ request, response, schemaPath }) {
      if (response.ok) return response;
      const sentWith = request.headers.get('authorization');
      const canRefresh = schemaPath !== '/api/v1/auth/refresh' && Boolean(tokens?.refreshToken);
      if (response.status === 401 && canRefresh && sentWith === `Bearer ${tokens?.accessToken}`) {
        refreshing ??= refresh().finally(() => (refreshing = null));
        const copy = unsent.get(request);
        if ((await refreshing) && copy) {
          copy.headers.set('authorization', `Bearer ${tokens!.accessToken}`);
          return failOnProblem(await fetch(copy));
        }
      }
      return failOnProblem(response);
    },
  };
  client.use(middleware);

  return Object.assign(client, {
    async login(login: string, password: string): Promise<Session> {
      const { data } = await client.POST('/api/v1/auth/login', { body: { login, password } });
      keep(data!);
      return data!;
    },
    async logout(): Promise<void> {
      const refreshToken = tokens?.refreshToken;
      if (refreshToken) await client.POST('/api/v1/auth/logout', { body: { refreshToken } });
      keep(null);
    },
  });
}
