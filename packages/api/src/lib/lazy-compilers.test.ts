import { AjvCompiler } from '@fastify/ajv-compiler';
import { describe, expect, it } from 'vitest';
import { lazyValidators } from './lazy-compilers.js';

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
