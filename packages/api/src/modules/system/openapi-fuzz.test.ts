import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { Role } from '@saishi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignments,
  blacklistEntries,
  projects,
  reviewRounds,
  storedFiles,
  teams,
  topics,
  units,
  users,
} from '../../db/tables.js';
import { createTestApp, DURING_COLLECTION, DURING_PRELIMINARY, type TestApp } from '../../test/app.js';
import { UNDOCUMENTED_PROBLEM_HEADER } from '../../plugins/problems.js';
import { pdfBytes } from '../../test/sample-files.js';

// A property-based fuzz of the whole API, driven by its own OpenAPI document: for every
// operation, as every kind of caller and in the collection and the review stages, requests built
// from the operation's schemas, bent at their bounds and mixed with junk. Whatever comes in, the
// answer is never a 5xx, and every 4xx is application/problem+json. Seeded: FUZZ_SEED and
// FUZZ_RUNS (per operation, caller and stage) reproduce or widen a run; FUZZ_REPORT names a file
// the run's figures are written to as JSON (`pnpm bench:faults` reads it).

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_715);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);

type Schema = Record<string, unknown>;
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

let t: TestApp;
let components: Record<string, Schema> = {};
let operations: { method: string; path: string; operation: Operation }[] = [];
/** Ids that exist, so that generated requests reach past "not found" into the handlers. */
let knownIds: string[] = [];
let userIds: string[] = [];
const callers = new Map<string, string | undefined>();

beforeAll(async () => {
  t = await createTestApp({ config: { AUTH_RATE_LIMIT_MAX: 1_000_000 } });
  const document = (await t.http.get('/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  components = document.components?.schemas ?? {};
  operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
  const idsOf = async (table: typeof teams | typeof projects | typeof topics | typeof units) =>
    (await t.db.select({ id: table.id }).from(table).limit(6)).map((row) => row.id);
  userIds = (await t.db.select({ id: users.id }).from(users).limit(8)).map((row) => row.id);
  knownIds = [
    ...userIds,
    ...(await idsOf(teams)),
    ...(await idsOf(projects)),
    ...(await idsOf(topics)),
    ...(await idsOf(units)),
    ...(await t.db.select({ id: reviewRounds.id }).from(reviewRounds)).map((row) => row.id),
    ...(await t.db.select({ id: assignments.id }).from(assignments).limit(6)).map((row) => row.id),
    ...(await t.db.select({ id: blacklistEntries.id }).from(blacklistEntries).limit(3)).map((row) => row.id),
    ...(await t.db.select({ id: storedFiles.id }).from(storedFiles).limit(3)).map((row) => row.id),
  ];
  const tokenOf = async (email: string, role: Role) => {
    const [user] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    return t.app.jwt.sign({ sub: user!.id, role });
  };
  callers.set('anonymous', undefined);
  callers.set('participant', await tokenOf('leader1@saishi.demo', 'participant'));
  callers.set('expert', await tokenOf('expert@saishi.demo', 'expert'));
  callers.set('organizer', (await t.userWithToken('admin')).token);
}, 300_000);
afterAll(() => t.close());

// ------------------------------------------------------------------------ values from schemas

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant({}),
  fc.constant([]),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, 1e300, -1e300),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('x'.repeat(10_001), '🀄'.repeat(300), '../../etc/passwd', "'; drop table users; --", '%00'),
);

const resolve = (schema: Schema): Schema =>
  typeof schema.$ref === 'string' ? resolve(components[schema.$ref.split('/').at(-1)!] ?? {}) : schema;

const iso = (date: Date) => (Number.isNaN(date.getTime()) ? '2024-07-15T10:00:00+08:00' : date.toISOString());

function stringValue(schema: Schema): fc.Arbitrary<unknown> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Number(schema.maxLength ?? 64);
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...knownIds), fc.uuid(), fc.constant('not-a-uuid'));
    case 'date-time':
      return fc.oneof(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01') }).map(iso),
        fc.constantFrom('2024-02-30T25:61:00+08:00', '2024-07-15', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
      );
    case 'date':
      return fc.oneof(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01') }).map((date) => iso(date).slice(0, 10)),
        fc.constantFrom('2024-02-30', '2024-13-01'),
      );
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constantFrom('leader1@saishi.demo', 'x@y', '@'));
    default:
  }
  const bounds = fc.constantFrom('x'.repeat(minLength), '字'.repeat(maxLength), 'y'.repeat(maxLength + 1));
  if (typeof schema.pattern === 'string') {
    return fc.oneof(fc.stringMatching(new RegExp(schema.pattern, 'u')), bounds);
  }
  return fc.oneof(
    fc.string({ minLength, maxLength: Math.min(maxLength, 40) }),
    fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 20) }),
    bounds,
    fc.constantFrom('current', '2024-guangxi', 'society', 'university', 'admin'),
  );
}

function numberValue(schema: Schema, integer: boolean): fc.Arbitrary<unknown> {
  const min = Number(schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000);
  const max = Number(schema.maximum ?? 1_000_000);
  const inRange = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(inRange, fc.constantFrom(min, max, min - 1, max + 1, 0.5, -0, 2 ** 53 + 2, 1e21));
}

/** A value shaped by the schema most of the time, bent or replaced by junk the rest of it. */
function valueOf(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  if (depth > 6) return junk;
  return fc.oneof({ weight: 8, arbitrary: shapedValue(schema, depth) }, { weight: 1, arbitrary: junk });
}

function shapedValue(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const members = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (members?.length) return fc.oneof(...members.map((member) => valueOf(member, depth + 1)));
  switch (schema.type) {
    case 'string':
      return stringValue(schema);
    case 'integer':
      return numberValue(schema, true);
    case 'number':
      return numberValue(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = valueOf((schema.items as Schema | undefined) ?? {}, depth + 1);
      const maxItems = Number(schema.maxItems ?? 4);
      return fc.oneof(
        fc.array(items, { maxLength: Math.min(maxItems, 4) }),
        fc.array(items, { minLength: maxItems + 1, maxLength: maxItems + 1 }),
      );
    }
    case 'object':
      return objectValue(schema, depth);
    default:
      return junk;
  }
}

function objectValue(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valueOf(value, depth + 1)]));
  const required = ((schema.required as string[] | undefined) ?? []).filter((key) => key in model);
  const additional =
    typeof schema.additionalProperties === 'object'
      ? fc.dictionary(fc.string({ maxLength: 12 }), valueOf(schema.additionalProperties as Schema, depth + 1), {
          maxKeys: 4,
        })
      : fc.constant({});
  return fc
    .tuple(
      fc.oneof(fc.record(model, { requiredKeys: required }), fc.record(model, { requiredKeys: [] })),
      additional,
      fc.option(fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor'), junk, { maxKeys: 1 }), {
        freq: 6,
      }),
    )
    .map(([known, extra, unknownKeys]) => ({ ...extra, ...known, ...(unknownKeys ?? {}) }));
}

// --------------------------------------------------------------------------- requests

const BOUNDARY = 'saishi-fuzz';
const part = (filename: string, bytes: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
  ]);

const multipartBody: fc.Arbitrary<{ contentType: string; payload: Buffer }> = fc.oneof(
  fc
    .tuple(fc.constantFrom('x.pdf', 'x.html', '名单.csv', 'a/../b.xlsx'), fc.uint8Array({ maxLength: 300 }))
    .map(([name, bytes]) => ({
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: Buffer.concat([part(name, Buffer.from(bytes)), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    })),
  fc.constant({
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: Buffer.concat([part('proof.pdf', pdfBytes()), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  }),
  fc.constant({
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: Buffer.from('credit_code,name,list_kind,source_date\n'),
  }),
  fc.constant({ contentType: 'multipart/form-data', payload: part('x.pdf', pdfBytes()) }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: Buffer.from(bytes),
  })),
);

const queryText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function requestOf(path: string, operation: Operation): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const pathValue = (parameter: Parameter) =>
    fc.oneof(
      { weight: 4, arbitrary: parameter.name === 'userId' ? fc.constantFrom(...userIds) : valueOf(parameter.schema) },
      { weight: 1, arbitrary: fc.constantFrom(randomUUID(), 'current', '0', '-1', '%2e%2e', 'x'.repeat(300)) },
    );
  const json = operation.requestBody?.content['application/json']?.schema;
  const multipart = operation.requestBody?.content['multipart/form-data'];
  const body: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer }> = multipart
    ? fc.oneof(multipartBody, fc.constant({ contentType: 'application/json', payload: '{}' }))
    : json
      ? fc.oneof(
          {
            weight: 6,
            arbitrary: valueOf(json).map((value) => ({
              contentType: 'application/json',
              payload: JSON.stringify(value) ?? 'null',
            })),
          },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom('{', '[1,2', '', 'null', '"x"', '{"a":1}{}')
              .map((payload) => ({ contentType: 'application/json', payload })),
          },
          { weight: 1, arbitrary: fc.constant({ contentType: 'text/plain', payload: 'hello' }) },
        )
      : fc.constant({});
  return fc
    .tuple(
      fc.tuple(...pathParameters.map(pathValue)),
      fc.tuple(...queryParameters.map((parameter) => fc.option(valueOf(parameter.schema), { freq: 2 }))),
      body,
    )
    .map(([pathValues, queryValues, { contentType, payload }]) => {
      let url = path;
      pathParameters.forEach((parameter, index) => {
        url = url.replace(`{${parameter.name}}`, encodeURIComponent(queryText(pathValues[index])));
      });
      const search = new URLSearchParams();
      queryParameters.forEach((parameter, index) => {
        const value = queryValues[index];
        if (value === null || value === undefined) return;
        for (const item of Array.isArray(value) ? value : [value]) search.append(parameter.name, queryText(item));
      });
      const query = search.toString();
      const headers: Record<string, string> = {};
      if (contentType) headers['content-type'] = contentType;
      return {
        url: query ? `${url}?${query}` : url,
        headers,
        ...(payload === undefined ? {} : { payload }),
      };
    });
}

// ------------------------------------------------------------------------------- the fuzz

describe('the API under generated requests from its OpenAPI document', () => {
  it('never answers 5xx, and answers every 4xx as problem+json with a documented code', async () => {
    const started = performance.now();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let run = 0;
    for (const now of [DURING_COLLECTION, DURING_PRELIMINARY]) {
      t.clock.set(now);
      for (const { method, path, operation } of operations) {
        for (const [caller, token] of callers) {
          run += 1;
          const property = fc.asyncProperty(requestOf(path, operation), async (request) => {
            sent += 1;
            const response = await t.app.inject({
              method: method as 'GET',
              url: request.url,
              headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
              ...(request.payload === undefined ? {} : { payload: request.payload }),
            });
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            if (response.statusCode >= 500) throw new Error(`${response.statusCode}: ${response.body.slice(0, 300)}`);
            const type = String(response.headers['content-type']);
            if (response.statusCode >= 400 && !type.startsWith('application/problem+json'))
              throw new Error(`${response.statusCode} as ${type}: ${response.body.slice(0, 300)}`);
            // An operation that declares its codes answers no other (plugins/problems.ts flags it).
            const undocumented = response.headers[UNDOCUMENTED_PROBLEM_HEADER];
            if (undocumented) throw new Error(`undocumented problem ${String(undocumented)}`);
          });
          const result = await fc.check(property, { seed: SEED + run, numRuns: RUNS, endOnFailure: true });
          if (result.failed) {
            failures.push(
              `${method} ${path} as ${caller} at ${now} (seed ${SEED + run}): ${String(result.errorInstance).slice(0, 400)}\n  request: ${JSON.stringify(result.counterexample).slice(0, 600)}`,
            );
          }
        }
      }
    }
    console.info(
      `fuzz: ${sent} requests over ${operations.length} operations, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    if (process.env.FUZZ_REPORT) {
      const count = (test: (status: number) => boolean) =>
        [...statuses].filter(([status]) => test(status)).reduce((sum, [, n]) => sum + n, 0);
      writeFileSync(
        process.env.FUZZ_REPORT,
        JSON.stringify({
          seed: SEED,
          runsPerCase: RUNS,
          operations: operations.length,
          callers: callers.size,
          requests: sent,
          serverErrors: count((status) => status >= 500),
          clientErrors: count((status) => status >= 400 && status < 500),
          failures: failures.length,
          seconds: (performance.now() - started) / 1000,
          statuses: Object.fromEntries(statuses),
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(operations.length * callers.size * 2 * RUNS);
    // The run reaches past validation into the handlers, not only into 400s.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
  }, 600_000);
});
