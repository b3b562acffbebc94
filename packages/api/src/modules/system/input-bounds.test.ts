import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';

// Every input of the API is bounded and clean text at the edge: the served OpenAPI document
// shows a bound on every string, number, array and map a client may send, and a control
// character anywhere (path, query, body, even a key) is a 400 naming the field.

type Schema = Record<string, unknown> & { $ref?: string };
interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

let t: TestApp;
let document: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
beforeAll(async () => {
  t = await createTestApp();
  document = (await t.http.get('/openapi.json').expect(200)).body;
});
afterAll(() => t.close());

const BOUNDED_FORMATS = new Set(['uuid', 'date-time', 'date', 'binary']);

/** Where a schema lets an input grow without a bound. */
function unbounded(schema: Schema, where: string, found: string[]): void {
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1)!;
    return unbounded(document.components!.schemas![name]!, where, found);
  }
  const type = schema.type;
  const fixed = schema.enum !== undefined || schema.const !== undefined;
  if (type === 'string' && !fixed && schema.maxLength === undefined && !BOUNDED_FORMATS.has(String(schema.format)))
    found.push(`${where}: string without maxLength`);
  if (
    (type === 'integer' || type === 'number') &&
    (schema.maximum === undefined || (schema.minimum === undefined && schema.exclusiveMinimum === undefined))
  )
    found.push(`${where}: ${type} without minimum and maximum`);
  if (type === 'array' && schema.maxItems === undefined) found.push(`${where}: array without maxItems`);
  if (type === 'object' && typeof schema.additionalProperties === 'object' && schema.maxProperties === undefined)
    found.push(`${where}: map without maxProperties`);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const [index, member] of ((schema[key] as Schema[] | undefined) ?? []).entries())
      unbounded(member, `${where}|${index}`, found);
  if (schema.items) unbounded(schema.items as Schema, `${where}[]`, found);
  if (typeof schema.additionalProperties === 'object')
    unbounded(schema.additionalProperties as Schema, `${where}{}`, found);
  if (schema.propertyNames) unbounded(schema.propertyNames as Schema, `${where}{key}`, found);
  for (const [name, property] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {}))
    unbounded(property, `${where}.${name}`, found);
}

const operations = () =>
  Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      method,
      operation,
    })),
  );

describe('the bounds of every input', () => {
  it('has a bound on every string, number, array and map of every parameter and JSON body', () => {
    const found: string[] = [];
    for (const { name, operation } of operations()) {
      for (const parameter of operation.parameters ?? [])
        unbounded(parameter.schema, `${name} ${parameter.in}:${parameter.name}`, found);
      const body = operation.requestBody?.content['application/json']?.schema;
      if (body) unbounded(body, `${name} body`, found);
    }
    expect(found).toEqual([]);
  });

  it('requires at least one property in every PATCH body', () => {
    const patches = operations().filter(({ method }) => method === 'patch');
    expect(patches.length).toBeGreaterThan(3);
    for (const { name, operation } of patches) {
      const body = operation.requestBody?.content['application/json']?.schema;
      const required = (body?.required as string[] | undefined) ?? [];
      expect(required.length > 0 || Number(body?.minProperties) >= 1, name).toBe(true);
    }
  });

  it('refuses an empty PATCH of a review round with 400, not a failing update', async () => {
    const admin = await t.userWithToken('admin');
    const response = await t.http
      .patch('/api/v1/review-rounds/00000000-0000-4000-8000-000000000000')
      .set('authorization', `Bearer ${admin.token}`)
      .send({});
    expectProblem(response, 400, 'VALIDATION_FAILED');
  });

  it('refuses an integer past its bound with 400', async () => {
    const admin = await t.userWithToken('admin');
    const response = await t.http
      .post('/api/v1/editions/current/topics')
      .set('authorization', `Bearer ${admin.token}`)
      .type('application/json')
      .send('{"fieldCode":"transportation","title":"大整数","sortOrder":9007199254740993}');
    expectProblem(response, 400, 'VALIDATION_FAILED');
  });

  it('refuses an instant the database cannot store (year 0000) or a date that does not exist, with 400', async () => {
    const admin = await t.userWithToken('admin');
    for (const from of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+08:00', '2024-02-30T10:00:00Z']) {
      const response = await t.http
        .get('/api/v1/ledger')
        .query({ from })
        .set('authorization', `Bearer ${admin.token}`)
        .set('accept-language', 'en');
      const body = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(body.errors, from).toEqual([expect.objectContaining({ path: '/querystring/from' })]);
    }
    const stage = await t.http
      .patch('/api/v1/editions/current/stages/final')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ startsAt: '0000-06-01T00:00:00Z' });
    expectProblem(stage, 400, 'VALIDATION_FAILED');
    const fine = await t.http
      .get('/api/v1/ledger')
      .query({ from: '0001-01-01T08:00:00+08:00', to: '9999-12-31T23:59:59.999Z' })
      .set('authorization', `Bearer ${admin.token}`);
    expect(fine.status).toBe(200);
  });
});

describe('control characters in text', () => {
  const refused = async (response: Parameters<typeof expectProblem>[0], path: string) => {
    const body = expectProblem(response, 400, 'TEXT_CONTROL_CHARACTER');
    expect(body.errors).toEqual([expect.objectContaining({ path, code: 'TEXT_CONTROL_CHARACTER' })]);
    expect(String(body.detail)).toContain(path);
  };

  it('are refused in an anonymous login and sign-up', async () => {
    await refused(
      await t.http.post('/api/v1/auth/login').send({ login: 'a\u0000b@x.cn', password: 'x' }),
      '/body/login',
    );
    await refused(
      await t.http
        .post('/api/v1/auth/signup')
        .send({ email: 'nul@example.test', password: 'Saishi@2024x', displayName: '零\u0000字符' }),
      '/body/displayName',
    );
  });

  it('are refused in a query parameter and a path parameter', async () => {
    await refused(await t.http.get('/api/v1/results').query({ edition: 'current', q: 'x\u0000' }), '/querystring/q');
    await refused(await t.http.get('/api/v1/editions/cur%00rent/fields'), '/params/edition');
  });

  it('are refused in a nested body value and in a key', async () => {
    const admin = await t.userWithToken('admin');
    await refused(
      await t.http
        .post('/api/v1/editions/current/topics')
        .set('authorization', `Bearer ${admin.token}`)
        .send({ fieldCode: 'transportation', title: '响铃\u0007' }),
      '/body/title',
    );
    const expert = await t.userWithToken('expert');
    await refused(
      await t.http
        .put('/api/v1/assignments/00000000-0000-4000-8000-000000000000/score')
        .set('authorization', `Bearer ${expert.token}`)
        .send({ values: { 'a\u0000': 1 } }),
      '/body/values/a\u0000',
    );
  });

  it('keeps tabs and line breaks, which multi-line text needs', async () => {
    const admin = await t.userWithToken('admin');
    const response = await t.http
      .post('/api/v1/editions/current/topics')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ fieldCode: 'transportation', title: '多行赛题', description: '第一行\r\n第二行\t缩进' });
    expect(response.status).toBe(201);
  });
});
