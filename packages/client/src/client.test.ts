import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SaishiProblemError, createSaishiClient, type Tokens } from './index.js';
import type * as Source from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Type-checks files as an integrator's project does: resolving `@saishi/client` by its `exports`
 * from the project's node_modules, without the workspace's source condition.
 */
function compileProgram(files: Record<string, string>, program: string) {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (file) => files[file] ?? read(file);
  host.fileExists = (file) => file in files || exists(file);
  const compiled = ts.createProgram([program], options, host);
  const diagnostics = ts
    .getPreEmitDiagnostics(compiled)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { diagnostics, sources: compiled.getSourceFiles().map((file) => file.fileName) };
}

/** A fetch that answers from a script, and records what it was sent. */
function scriptedFetch(answers: ((request: Request) => Response | Promise<Response>)[]) {
  const sent: {
    method: string;
    path: string;
    authorization: string | null;
    language: string | null;
    csrf: string | null;
    credentials: RequestCredentials;
    body: string;
  }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('authorization'),
      language: request.headers.get('accept-language'),
      csrf: request.headers.get('x-csrf-token'),
      credentials: init?.credentials ?? request.credentials,
      body: await request.clone().text(),
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected ${request.method} ${request.url}`);
    return answer(request);
  };
  return { fetch: fetch, sent };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string, detail: string, extra: object = {}) =>
  json(
    status,
    { type: `urn:saishi:problem:${code}`, title: 'x', status, detail, code, ...extra },
    'application/problem+json',
  );
const user = {
  id: '76bdb578-4fc0-44c9-b3ac-213a9e2f1281',
  email: 'liming@gxszkj.example.cn',
  mobile: null,
  displayName: '李明',
  role: 'participant',
  disabled: false,
  createdAt: '2024-06-20T09:00:00.000+08:00',
};

describe('@saishi/client', () => {
  it('sends the token and language, refreshes once on a 401 and sends the request again', async () => {
    const sessions: (Tokens | null)[] = [];
    const { fetch, sent } = scriptedFetch([
      () => problem(401, 'TOKEN_INVALID', 'The access token is invalid or expired'),
      () => json(200, { accessToken: 'access-2', refreshToken: 'refresh-2', tokenType: 'Bearer', user }),
      () => json(200, { id: 'unit-1' }),
    ]);
    const api = createSaishiClient({
      baseUrl: 'https://saishi.example.cn',
      locale: 'en',
      session: { accessToken: 'access-1', refreshToken: 'refresh-1' },
      onSession: (session) => sessions.push(session),
      fetch,
    });
    const body = { name: '广西数智科技有限公司', type: 'enterprise' as const, creditCode: '91450100MA5N00017R' };
    const { data } = await api.POST('/api/v1/editions/{edition}/units', {
      params: { path: { edition: '2024-guangxi' } },
      body,
    });
    expect(data).toEqual({ id: 'unit-1' });
    expect(sent.map((request) => `${request.method} ${request.path} ${request.authorization}`)).toEqual([
      'POST /api/v1/editions/2024-guangxi/units Bearer access-1',
      'POST /api/v1/auth/refresh null',
      'POST /api/v1/editions/2024-guangxi/units Bearer access-2',
    ]);
    expect(JSON.parse(sent[1]!.body)).toEqual({ refreshToken: 'refresh-1' });
    expect(JSON.parse(sent[2]!.body)).toEqual(body);
    expect(sent.every((request) => request.language === 'en')).toBe(true);
    expect(sessions).toEqual([{ accessToken: 'access-2', refreshToken: 'refresh-2' }]);
  });

  it('throws a problem answer as a SaishiProblemError with its code and field errors', async () => {
    const { fetch } = scriptedFetch([
      () =>
        problem(400, 'VALIDATION_FAILED', 'Track is not one of the allowed values', {
          errors: [{ path: '/body/track', message: 'x', allowedValues: ['society', 'university'] }],
        }),
    ]);
    const api = createSaishiClient({ baseUrl: 'https://saishi.example.cn', fetch });
    const call = api.POST('/api/v1/teams', {
      body: { track: 'society', name: '智慧物流数据联合体', entrantKind: 'individual' },
    });
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SaishiProblemError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((error as SaishiProblemError).errors[0]).toMatchObject({ path: '/body/track' });
  });

  it('keeps a browser session in the cookie: logs in for it, refreshes with the CSRF token, not a token', async () => {
    const sessions: (Tokens | null)[] = [];
    const { fetch, sent } = scriptedFetch([
      () => json(200, { accessToken: 'access-1', csrfToken: 'csrf-1', tokenType: 'Bearer', user }),
      () => problem(401, 'TOKEN_INVALID', '登录凭证无效或已过期'),
      () => json(200, { accessToken: 'access-2', tokenType: 'Bearer', user }),
      () => json(200, { items: [], nextCursor: null }),
    ]);
    const api = createSaishiClient({
      baseUrl: 'https://saishi.example.cn',
      refreshTokenIn: 'cookie',
      onSession: (session) => sessions.push(session),
      headers: () => ({ 'saishi-edition': '2024-guangxi' }),
      fetch,
    });
    await api.login('admin@saishi.demo', 'Saishi@2024');
    await api.GET('/api/v1/me/teams');
    expect(sent.map((request) => `${request.method} ${request.path} ${request.authorization}`)).toEqual([
      'POST /api/v1/auth/login null',
      'GET /api/v1/me/teams Bearer access-1',
      'POST /api/v1/auth/refresh null',
      'GET /api/v1/me/teams Bearer access-2',
    ]);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ refreshTokenIn: 'cookie' });
    // The cookie carries the refresh token; the request proves itself with the login's CSRF token.
    expect(sent[2]).toMatchObject({ body: '{}', csrf: 'csrf-1', credentials: 'same-origin' });
    expect(sessions).toEqual([{ accessToken: 'access-1' }, { accessToken: 'access-2' }]);
    expect(api.currentSession()).toEqual({ accessToken: 'access-2' });
  });

  it('gets a reloaded page its session back from the cookie, replacing a CSRF token the API refuses', async () => {
    const { fetch, sent } = scriptedFetch([
      () => json(200, { csrfToken: 'csrf-old' }),
      () => problem(403, 'CSRF_TOKEN_INVALID', '缺少或无效的 CSRF 令牌'),
      () => json(200, { csrfToken: 'csrf-new' }),
      () => json(200, { accessToken: 'access-3', tokenType: 'Bearer', user }),
    ]);
    const api = createSaishiClient({ baseUrl: 'https://saishi.example.cn', refreshTokenIn: 'cookie', fetch });
    expect(await api.refresh()).toBe(true);
    expect(sent.map((request) => `${request.method} ${request.path} ${request.csrf}`)).toEqual([
      'GET /api/v1/auth/csrf-token null',
      'POST /api/v1/auth/refresh csrf-old',
      'GET /api/v1/auth/csrf-token null',
      'POST /api/v1/auth/refresh csrf-new',
    ]);
    expect(api.currentSession()).toEqual({ accessToken: 'access-3' });
  });

  it('ends a session the API refuses to refresh, and forgets it on logout even when that fails', async () => {
    const sessions: (Tokens | null)[] = [];
    const { fetch } = scriptedFetch([
      () => json(200, { csrfToken: 'csrf-1' }),
      () => problem(401, 'REFRESH_TOKEN_INVALID', 'x'),
      () => problem(503, 'SERVICE_UNAVAILABLE', '服务暂不可用'),
    ]);
    const api = createSaishiClient({
      baseUrl: 'https://saishi.example.cn',
      refreshTokenIn: 'cookie',
      session: { accessToken: 'access-1' },
      onSession: (session) => sessions.push(session),
      fetch,
    });
    expect(await api.refresh()).toBe(false);
    expect(sessions).toEqual([null]);
    await expect(api.logout()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(api.currentSession()).toBeNull();
  });

  it('packs a tarball of dist, types and README that an integrator’s program compiles against and runs', async () => {
    const root = join(here, '..');
    const project = mkdtempSync(join(tmpdir(), 'saishi-client-pack-'));
    try {
      execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
      // What `pnpm publish` would upload (its publishConfig applied), unpacked where a project installs it.
      execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: root, stdio: 'pipe' });
      const installed = join(project, 'node_modules/@saishi/client');
      mkdirSync(installed, { recursive: true });
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
      const tarball = join(project, `saishi-client-${version}.tgz`);
      execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
      symlinkSync(realpathSync(join(root, 'node_modules/openapi-fetch')), join(project, 'node_modules/openapi-fetch'));
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
      expect(manifest).not.toHaveProperty('private');
      expect(manifest.exports).toEqual({ '.': { types: './dist/index.d.ts', import: './dist/index.js' } });
      for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/schema.d.ts', 'README.md'])
        expect(existsSync(join(installed, file)), file).toBe(true);
      expect(existsSync(join(installed, 'src/client.test.ts'))).toBe(false);

      const program = join(project, 'program.ts');
      const source = readFileSync(join(here, 'fixtures/program.ts'), 'utf8');
      const built = compileProgram({ [program]: source }, program);
      expect(built.diagnostics).toEqual([]);
      expect(built.sources).toContain(join(installed, 'dist/index.d.ts').replaceAll('\\', '/'));
      // A wrong path parameter and an unknown track are type errors, not runtime surprises.
      const broken = source
        .replace('{ path: { id: team.id } }', '{ path: { teamId: team.id } }')
        .replace("track: 'society'", "track: 'enterprise'");
      expect(compileProgram({ [program]: broken }, program).diagnostics.length).toBeGreaterThanOrEqual(2);

      // The packed JavaScript runs: a problem answer is thrown as its SaishiProblemError.
      const dist = (await import(pathToFileURL(join(installed, 'dist/index.js')).href)) as typeof Source;
      const { fetch } = scriptedFetch([() => problem(404, 'TEAM_NOT_FOUND', 'No such team')]);
      const api = dist.createSaishiClient({ baseUrl: 'https://saishi.example.cn', fetch });
      const error = await api
        .GET('/api/v1/teams/{id}', { params: { path: { id: user.id } } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(dist.SaishiProblemError);
      expect(error).toMatchObject({ status: 404, code: 'TEAM_NOT_FOUND' });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);
});
