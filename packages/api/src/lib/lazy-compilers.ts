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

/** fast-json-stringify serializers (Fastify's default), compiled on a route's first answer of each status. */
export function lazySerializers(): SerializerFactory {
  const compilers = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = compilers(externalSchemas, options);
    return (route) => {
      let serialize: Serializer | undefined;
      return (document) => (serialize ??= compile(route))(document);
    };
  };
}
