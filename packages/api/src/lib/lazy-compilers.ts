/**
 * Fastify's schema compilers, run on a route's first use instead of at start: compiling every
 * route's schemas up front (ajv request validators, fast-json-stringify response serializers) was
 * most of a cold start (issue 12.6), for routes most instances never serve. Each route part is
 * compiled once, by the very compiler Fastify uses by default, so validation, coercion, defaults,
 * error objects and answers stay the same.
 */
import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import { SerializerSelector, type Serializer, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

/** What a validator answers; ajv leaves the errors of the last call on the function. */
interface ValidateFunction {
  (data: unknown): unknown;
  errors?: unknown;
}

interface RouteDefinition {
  schema?: unknown;
  httpPart?: string;
  method?: string;
  url?: string;
}

/**
 * Fastify lowercases the property names of a headers schema (request headers arrive lowercased)
 * only for its own compiler; with a custom one it passes the schema as written. A header named
 * with a capital would then never match: refused at start instead.
 */
function checkHeaderNames(route: RouteDefinition): void {
  if (route.httpPart !== 'headers') return;
  const { properties = {}, required = [] } = (route.schema ?? {}) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const named = [...Object.keys(properties), ...required].find((name) => name !== name.toLowerCase());
  if (named) throw new Error(`${route.method} ${route.url}: name header ${named} in lowercase in its schema`);
}

/** ajv validators (Fastify's default @fastify/ajv-compiler, same options), compiled on first use. */
export function lazyValidators(): ValidatorFactory {
  const compilers = AjvCompiler();
  return ((externalSchemas: Parameters<typeof compilers>[0], options: Parameters<typeof compilers>[1]) => {
    // The ajv instance itself (formats, shared schemas) is made on the first validation too.
    let compile: ((route: RouteDefinition) => ValidateFunction) | undefined;
    return (route: RouteDefinition) => {
      checkHeaderNames(route);
      let validate: ValidateFunction | undefined;
      const lazy: ValidateFunction = (data) => {
        compile ??= compilers(externalSchemas, options) as unknown as (route: RouteDefinition) => ValidateFunction;
        validate ??= compile(route);
        return validate(data);
      };
      // Fastify reads the failed validation's errors from the function it called.
      return Object.defineProperty(lazy, 'errors', { get: () => validate?.errors });
    };
  }) as unknown as ValidatorFactory;
}

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

type JsonSchema = Record<string | symbol, unknown>;

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The scalar type of a schema, if it is a scalar and nothing a serializer would branch on. */
function scalarType(schema: JsonSchema): string | undefined {
  if (schema.anyOf || schema.oneOf || schema.allOf || schema.$ref || schema.if) return undefined;
  if (typeof schema.type === 'string') return SCALAR_TYPES.has(schema.type) ? schema.type : undefined;
  const values = schema.enum;
  if (schema.type === undefined && Array.isArray(values) && values.every((value) => typeof value === 'string')) {
    return 'string';
  }
  return undefined;
}

/**
 * The schema as fast-json-stringify serializes it fastest, writing the same JSON: a scalar or null
 * (`Nullable`, an `anyOf` of the two) becomes one schema of two types. fast-json-stringify checks
 * each value of an `anyOf` against its options with ajv, formats included (a date-time parsed on
 * every answer), where two types are one `=== null` test. Everything else is copied as written.
 */
export function serializationSchema(schema: unknown, seen = new WeakMap<object, unknown>()): unknown {
  if (Array.isArray(schema)) return schema.map((item) => serializationSchema(item, seen));
  if (!isSchema(schema)) return schema;
  const known = seen.get(schema);
  if (known) return known;
  const { anyOf, ...siblings } = schema;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const scalar = anyOf.find((option) => isSchema(option) && option.type !== 'null');
    const hasNull = anyOf.some((option) => isSchema(option) && option.type === 'null');
    const type = isSchema(scalar) && hasNull ? scalarType(scalar) : undefined;
    if (isSchema(scalar) && type) {
      const merged = { ...siblings, ...scalar, type: [type, 'null'] };
      seen.set(schema, merged);
      return merged;
    }
  }
  const copy: JsonSchema = {};
  seen.set(schema, copy);
  for (const key of Reflect.ownKeys(schema)) copy[key] = serializationSchema(schema[key], seen);
  return copy;
}

/**
 * fast-json-stringify serializers (Fastify's default), compiled on a route's first answer of each
 * status, from the schemas as `serializationSchema` writes them.
 */
export function lazySerializers(): SerializerFactory {
  const compilers = SerializerSelector();
  return (externalSchemas, options) => {
    let compile: ReturnType<typeof compilers> | undefined;
    return (route) => {
      let serialize: Serializer | undefined;
      return (document) => {
        compile ??= compilers(serializationSchema(externalSchemas), options);
        serialize ??= compile({ ...route, schema: serializationSchema(route.schema) });
        return serialize(document);
      };
    };
  };
}
