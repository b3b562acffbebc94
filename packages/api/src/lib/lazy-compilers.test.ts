import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { DateTime, Nullable, NullableDateTime } from './http-schemas.js';
import { lazySerializers, lazyValidators, serializationSchema } from './lazy-compilers.js';

type Compile = (route: object) => ((data: unknown) => unknown) & { errors?: unknown };

const OPTIONS = { customOptions: { coerceTypes: 'array' as const, useDefaults: true, allErrors: true } };
const SHARED = { Code: { $id: 'Code', type: 'string', pattern: '^[a-z]+$' } };
const BODY = {
  type: 'object',
  required: ['code', 'count'],
  properties: { code: { $ref: 'Code' }, count: { type: 'integer', minimum: 1 }, tag: { type: 'string', default: 'x' } },
};
const route = (schema: unknown, httpPart = 'body') => ({ schema, httpPart, method: 'POST', url: '/things' });
const lazy = () => (lazyValidators() as unknown as (external: object, options: object) => Compile)(SHARED, OPTIONS);
const eager = () => (AjvCompiler() as unknown as (external: object, options: object) => Compile)(SHARED, OPTIONS);

describe('request validators compiled on first use', () => {
  it('compiles nothing when a route is registered, only when it validates', () => {
    const broken = { type: 'object', properties: { count: { type: 'no-such-type' } } };
    const validate = lazy()(route(broken));
    expect(() => validate({ count: 1 })).toThrow(/no-such-type|type/);
  });

  it('validates, coerces, fills defaults and reports errors as the default compiler does', () => {
    const validate = lazy()(route(BODY));
    const reference = eager()(route(BODY));
    for (const input of [{ code: 'abc', count: '2' }, { code: 'ABC', count: 0 }, { count: 'many' }, {}]) {
      const mine = structuredClone(input);
      const theirs = structuredClone(input);
      expect(validate(mine)).toBe(reference(theirs));
      expect(validate.errors).toEqual(reference.errors);
      expect(mine).toEqual(theirs);
    }
    expect(validate({ code: 'abc', count: 3 })).toBe(true);
    expect(validate.errors).toBeNull();
  });

  it('refuses a headers schema that names a header with capitals, which would never match', () => {
    const headers = { type: 'object', properties: { Prefer: { type: 'string' } } };
    expect(() => lazy()(route(headers, 'headers'))).toThrow(/lowercase/);
    expect(() =>
      lazy()(route({ type: 'object', properties: { prefer: { type: 'string' } } }, 'headers')),
    ).not.toThrow();
  });
});

describe('response serializers', () => {
  const Item = Type.Object({
    at: NullableDateTime,
    createdAt: DateTime,
    name: Nullable(Type.String()),
    count: Nullable(Type.Integer()),
    kind: Nullable(Type.Enum(['a', 'b'])),
    either: Type.Union([Type.String(), Type.Integer()]),
  });
  const Body = Type.Object({ items: Type.Array(Item), next: Nullable(Type.String()) });
  const documents = [
    { items: [], next: null },
    {
      items: [
        {
          at: '2024-08-12T20:45:00.000+08:00',
          createdAt: '2024-08-09T20:45:00.000+08:00',
          name: '队"名',
          count: 3,
          kind: 'a',
          either: 1,
        },
        { at: null, createdAt: '2024-08-09T20:45:00.000+08:00', name: null, count: null, kind: null, either: 'x' },
      ],
      next: 'MjAyNA',
    },
  ];
  type Serializers = (external: object, options: object) => (route: object) => (document: unknown) => string;
  const serializeRoute = { schema: Body, method: 'GET', url: '/things', httpStatus: '200' };

  it('write a scalar or null as one schema of two types, and leave other unions as written', () => {
    const schema = serializationSchema(Body) as { properties: Record<string, { anyOf?: unknown; type?: unknown }> };
    expect(schema.properties.next).toMatchObject({ type: ['string', 'null'] });
    const item = (schema.properties.items as unknown as { items: typeof schema }).items.properties;
    expect(item.at).toMatchObject({ type: ['string', 'null'], format: 'date-time' });
    expect(item.kind).toMatchObject({ type: ['string', 'null'] });
    expect(item.either?.anyOf).toHaveLength(2);
  });

  it('answer the same JSON as the default compiler', () => {
    const lazy = (lazySerializers() as unknown as Serializers)({}, {})(serializeRoute);
    const eager = (SerializerSelector() as unknown as Serializers)({}, {})(serializeRoute);
    for (const document of documents) {
      expect(lazy(document)).toBe(eager(document));
      expect(JSON.parse(lazy(document))).toEqual(document);
    }
  });
});
