import { Validator } from '@seriousme/openapi-schema-validator';
import { ERROR_CODES } from '@saishi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';

interface DocumentedOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; schema?: { default?: unknown } }[];
  requestBody?: { content: Record<string, DocumentedMedia> };
  responses: Record<string, { description: string; content?: Record<string, DocumentedMedia> }>;
}

interface DocumentedMedia {
  schema: { required?: string[]; properties?: Record<string, unknown> };
  example?: unknown;
  examples?: unknown;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and readiness', () => {
  it('answers /healthz and /readyz', async () => {
    await t.http.get('/healthz').expect(200, { status: 'ok' });
    const ready = await t.http.get('/readyz').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(['pglite', 'postgres']).toContain(ready.body.database);
  });
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await t.http.get('/openapi.json').expect(200);
    expect(response.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route of the API with a response schema', async () => {
    const { body: document } = await t.http.get('/openapi.json').expect(200);
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries<Record<string, { responses?: Record<string, unknown> }>>(
      document.paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        const success = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
        expect(success.length, `${method} ${path} has a success response`).toBeGreaterThan(0);
        for (const [status, response] of success) {
          const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
          if (status === '204') continue;
          expect(content && Object.values(content)[0]?.schema, `${method} ${path} ${status} has a schema`).toBeTruthy();
        }
      }
    }
    const registered = t.app.routeRegistry
      .filter((route) => route.url.startsWith('/api/v1') && route.method !== 'HEAD' && !route.hidden)
      .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(5);
    // Upload routes stream their body, yet the document tells what to send.
    const uploads = Object.values<
      Record<
        string,
        { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }
      >
    >(document.paths)
      .flatMap((operations) => Object.values(operations))
      .filter((operation) => operation.requestBody?.content?.['multipart/form-data']);
    expect(uploads.length).toBeGreaterThan(3);
    for (const upload of uploads)
      expect(upload.requestBody!.content!['multipart/form-data']!.schema!.properties).toHaveProperty('file');
    for (const route of registered) expect(documented, route).toContain(route);
  });
});

describe('the OpenAPI document, as integrators and generators read it', () => {
  const operationsOf = async () => {
    const { body } = await t.http.get('/openapi.json').expect(200);
    const document = body as {
      paths: Record<string, Record<string, DocumentedOperation>>;
      components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, unknown> }> };
    };
    return { document, at: (method: string, path: string) => document.paths[path]![method]! };
  };

  it('says who may call each operation, from the guard the route really runs', async () => {
    const { document, at } = await operationsOf();
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        expect(operation.security, `${method} ${path} declares its security`).toBeDefined();
    // Public: no token needed, and no 401 to expect.
    expect(at('get', '/api/v1/editions/{edition}/fields').security).toEqual([]);
    expect(at('get', '/api/v1/editions/{edition}/fields').responses).not.toHaveProperty('401');
    expect(at('post', '/api/v1/auth/login').security).toEqual([]);
    // Any signed-in user: a token, 401 without one.
    expect(at('get', '/api/v1/me').security).toEqual([{ bearerAuth: [] }]);
    expect(at('get', '/api/v1/me').responses).toHaveProperty('401');
    // A role: a token, 401 without one, 403 for another role.
    expect(at('get', '/api/v1/users').security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(at('get', '/api/v1/users').responses)).toEqual(expect.arrayContaining(['401', '403']));
    // A token is optional: anonymous or signed in.
    expect(at('get', '/api/v1/editions').security).toEqual([{}, { bearerAuth: [] }]);
    await t.http.get('/api/v1/users').expect(401);
    await t.http.get('/api/v1/editions/current/fields').expect(200);
  });

  it('names, summarizes, describes and tags every operation, for generated clients', async () => {
    const { document, at } = await operationsOf();
    const tags = new Set((document as unknown as { tags: { name: string }[] }).tags.map((tag) => tag.name));
    const ids = new Map<string, string>();
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        expect(operation.operationId, `${where} operationId`).toMatch(/^[a-z][a-zA-Z0-9]+$/);
        expect(ids.get(operation.operationId!), `${where} repeats an operationId`).toBeUndefined();
        ids.set(operation.operationId!, where);
        expect(operation.summary, `${where} summary`).toBeTruthy();
        // The operation's own words first, then who may call it.
        expect(operation.description, `${where} description`).toMatch(/^(?!\*\*Access)[^]+\n\n\*\*Access:\*\* /);
        expect(operation.tags?.length, `${where} tags`).toBeGreaterThan(0);
        for (const tag of operation.tags ?? []) expect(tags, `${where} tag ${tag} is declared`).toContain(tag);
      }
    // The access sentence comes from the guard the route runs, after the route's own words.
    expect(at('get', '/api/v1/editions/{edition}/fields').description).toMatch(
      /\n\n\*\*Access:\*\* public; no token needed\.$/,
    );
    expect(at('get', '/api/v1/users').description).toContain('organizers (`admin`)');
    expect(at('get', '/api/v1/review-rounds/{id}').description).toContain('organizers (`admin`), experts (`expert`)');
    expect(at('post', '/api/v1/review-rounds/{id}/open').description).toMatch(/^Outside the round’s stage/);
    // Every route that needs the database says it may answer 503 while it is unavailable; liveness does not.
    expect(at('get', '/api/v1/editions').responses).toHaveProperty('503');
    expect(at('get', '/healthz').responses).not.toHaveProperty('503');
  });

  it('describes every response and lets clients leave out a parameter that has a default', async () => {
    const { document, at } = await operationsOf();
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses))
          expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response');
        for (const parameter of operation.parameters ?? [])
          if (parameter.in === 'query' && parameter.schema?.default !== undefined)
            expect(parameter.required, `${method} ${path} ?${parameter.name}`).toBe(false);
      }
    expect(at('get', '/api/v1/experts').parameters!.find((p) => p.name === 'limit')!.required).toBe(false);
    // Likewise a body property with a default: `edition` of a new team defaults to `current`.
    const body = (operation: DocumentedOperation) => operation.requestBody!.content['application/json']!.schema;
    expect(body(at('post', '/api/v1/teams')).properties).toHaveProperty('edition');
    expect(body(at('post', '/api/v1/teams')).required).toEqual(['track', 'name', 'entrantKind']);
    expect(body(at('post', '/api/v1/teams/join')).required).toEqual(['inviteCode']);
  });

  it('answers every list as { items, nextCursor }, paged or whole', async () => {
    const { document } = await operationsOf();
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.responses['200']?.content?.['application/json']?.schema;
        if (!schema?.properties || !('items' in schema.properties)) continue;
        // A list, not a document that holds one (a preview with its digest, awards with publishedAt).
        if (Object.keys(schema.properties).some((key) => key !== 'items' && key !== 'nextCursor')) continue;
        expect(schema.required, `${method} ${path} lists nextCursor`).toEqual(['items', 'nextCursor']);
      }
    const fields = await t.http.get('/api/v1/editions/current/fields').expect(200);
    expect(fields.body.nextCursor).toBeNull();
    expect(fields.body.items.length).toBeGreaterThan(5);
  });

  it('shows 2024 Guangxi examples along the participant journey, lists included', async () => {
    const { document } = await operationsOf();
    const byId = new Map(
      Object.values(document.paths).flatMap((operations) =>
        Object.values(operations).map((operation) => [operation.operationId!, operation]),
      ),
    );
    const exampleOf = (media: { example?: unknown; examples?: unknown } | undefined) =>
      media?.example ?? media?.examples;
    const journey = ['signUp', 'verifySignUp', 'login', 'createUnit', 'createTeam', 'joinTeam'];
    for (const id of [...journey, 'createProject', 'updateProject', 'decideQualification'])
      expect(exampleOf(byId.get(id)!.requestBody?.content['application/json']), `${id} request`).toBeDefined();
    const answers = ['getEdition', 'getTimeline', 'getTeam', 'listTeams', 'getProject', 'submitProjectVersion'];
    for (const id of [...answers, 'listResults', 'getResult', 'login']) {
      const success = Object.entries(byId.get(id)!.responses).find(([status]) => status.startsWith('2'))![1];
      expect(exampleOf(success.content?.['application/json']), `${id} response`).toBeDefined();
    }
    const page = byId.get('listResults')!.responses['200']!.content!['application/json']!.example as {
      items: { title: string }[];
    };
    expect(page.items[0]!.title).toBe('北部湾港多式联运数据协同平台');
  });

  it('lists every error code a problem may carry, from the one catalog', async () => {
    const { document } = await operationsOf();
    expect(document.components.schemas.ErrorCode!.enum).toEqual(ERROR_CODES);
    expect(document.components.schemas.Problem!.properties!.code).toEqual({ $ref: '#/components/schemas/ErrorCode' });
    const response = await t.http.get('/api/v1/users');
    expect(ERROR_CODES).toContain(response.body.code);
  });
});

describe('strict query strings', () => {
  it('refuses an unknown query parameter with a 400 naming it, instead of ignoring it', async () => {
    const admin = await t.userWithToken('admin');
    // A list with filters: `project` is not one of them (the filter is `projectId`).
    const list = await t.http
      .get('/api/v1/assignments?project=00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Accept-Language', 'en');
    const problem = expectProblem(list, 400, 'VALIDATION_FAILED') as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toEqual(['/querystring/project']);
    // A route without any query parameter refuses one too.
    const fields = await t.http.get('/api/v1/editions/current/fields?lang=en');
    expect((expectProblem(fields, 400, 'VALIDATION_FAILED') as { errors: { path: string }[] }).errors[0]!.path).toBe(
      '/querystring/lang',
    );
    // Known parameters still pass.
    await t.http.get('/api/v1/assignments?limit=5').set('Authorization', `Bearer ${admin.token}`).expect(200);
  });
});

describe('validation problems that say how to fix the request', () => {
  const errorsOf = (problem: unknown) =>
    (problem as { errors: { path: string; message: string; [key: string]: unknown }[] }).errors;

  it('names the field in the request language, the allowed values, the bound and the unknown property', async () => {
    const participant = await t.userWithToken('participant');
    const send = (body: Record<string, unknown>, language: string) =>
      t.http
        .post('/api/v1/teams')
        .set('Authorization', `Bearer ${participant.token}`)
        .set('Accept-Language', language)
        .send(body);
    const body = { track: 'enterprise', name: '智慧物流数据联合体', entrantKind: 'units', colour: 'blue' };

    const zh = errorsOf(expectProblem(await send(body, 'zh-CN'), 400, 'VALIDATION_FAILED'));
    const track = zh.find((error) => error.path === '/body/track')!;
    expect(track).toMatchObject({ label: '赛道', allowedValues: ['society', 'university'] });
    expect(track.message).toBe('赛道不是可选的值（可选：society、university）');
    const unknown = zh.find((error) => error.path === '/body/colour')!;
    expect(unknown).toMatchObject({ property: 'colour' });
    expect(unknown.message).toContain('“colour”');

    const en = errorsOf(expectProblem(await send(body, 'en'), 400, 'VALIDATION_FAILED'));
    expect(en.find((error) => error.path === '/body/track')!.message).toBe(
      'Track is not one of the allowed values (allowed: society, university)',
    );
    expect(en.find((error) => error.path === '/body/colour')!.message).toBe(
      'Unknown field "colour": remove it or check its spelling',
    );

    const tooLong = await send({ track: 'society', name: '队'.repeat(101), entrantKind: 'individual' }, 'en');
    const name = errorsOf(expectProblem(tooLong, 400, 'VALIDATION_FAILED'))[0]!;
    expect(name).toMatchObject({ path: '/body/name', label: 'Name', limit: 100 });
    expect(name.message).toBe('Name must have at most 100 characters');
  });

  it('gives the bound of a query parameter and its label', async () => {
    const admin = await t.userWithToken('admin');
    const page = await t.http
      .get('/api/v1/experts?limit=500')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Accept-Language', 'zh-CN');
    const [limit] = errorsOf(expectProblem(page, 400, 'VALIDATION_FAILED'));
    expect(limit).toMatchObject({ path: '/querystring/limit', label: '每页条数', limit: 200 });
    expect(limit!.message).toBe('每页条数不能大于 200');
  });
});
