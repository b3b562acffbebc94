import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import openapiPlugin from '../plugins/openapi.js';
import problemsPlugin, { UNDOCUMENTED_PROBLEM_HEADER } from '../plugins/problems.js';
import { createTestApp } from '../test/app.js';
import { DomainError } from './errors.js';
import { defineOperations, problemResponses } from './http-schemas.js';

// Problem.code per operation (issue 13): an operation that declares its errors documents, per
// status, exactly the codes it and its plumbing answer; a code thrown but not declared is flagged.

type Answer = { content: { 'application/problem+json': { schema: { allOf?: object[] } } } };
const codesOf = (answer: Answer | undefined) =>
  (answer?.content['application/problem+json'].schema.allOf?.[1] as { properties: { code: { enum: string[] } } })
    ?.properties.code.enum;

const operations = defineOperations({
  findThing: { summary: 'A thing', errors: { 404: ['WEBHOOK_NOT_FOUND'] } },
  checkThing: { summary: 'Check a thing', errors: { 404: ['WEBHOOK_NOT_FOUND'] } },
});

/** The problem and OpenAPI plugins and one route that throws `code`. */
async function appThrowing(code: 'WEBHOOK_NOT_FOUND' | 'TEAM_NOT_FOUND'): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(problemsPlugin, { flagUndocumented: true });
  await app.register(openapiPlugin);
  app.get(
    '/things/:id',
    { config: { withoutDatabase: true }, schema: { ...operations.findThing, response: problemResponses(404) } },
    async () => {
      throw new DomainError(code, 404);
    },
  );
  await app.ready();
  return app;
}

describe("an operation's problem codes", () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('documents the declared codes with those of the plumbing, per status', async () => {
    app = await appThrowing('WEBHOOK_NOT_FOUND');
    const document = (await app.inject('/openapi.json')).json();
    const responses = document.paths['/things/{id}'].get.responses;
    expect(codesOf(responses['404'])).toEqual(['WEBHOOK_NOT_FOUND']);
    expect(codesOf(responses['400'])).toEqual(['VALIDATION_FAILED', 'BAD_REQUEST', 'TEXT_CONTROL_CHARACTER']);
    // The route needs no database: no 503.
    expect(responses['503']).toBeUndefined();
    expect(responses['404'].content['application/problem+json'].schema.allOf[0]).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });

  it('answers a declared code as it is', async () => {
    app = await appThrowing('WEBHOOK_NOT_FOUND');
    const answer = await app.inject('/things/1');
    expect(answer.statusCode).toBe(404);
    expect(answer.json().code).toBe('WEBHOOK_NOT_FOUND');
    expect(answer.headers[UNDOCUMENTED_PROBLEM_HEADER]).toBeUndefined();
  });

  it('flags a code the operation throws but does not declare', async () => {
    app = await appThrowing('TEAM_NOT_FOUND');
    const answer = await app.inject('/things/1');
    expect(answer.statusCode).toBe(404);
    expect(answer.headers[UNDOCUMENTED_PROBLEM_HEADER]).toBe('findThing 404 TEAM_NOT_FOUND');
  });

  it('refuses at start-up a documented status that no code explains', async () => {
    const strict = Fastify();
    await strict.register(problemsPlugin);
    await strict.register(openapiPlugin);
    const start = async () => {
      strict.get(
        '/things/:id',
        { schema: { ...operations.checkThing, response: problemResponses(404, 409) } },
        async () => null,
      );
      await strict.ready();
    };
    await expect(start()).rejects.toThrow('checkThing: documents 409 but declares no code for it');
  });

  it('refuses at start-up a documented operation that declares no errors', async () => {
    const strict = Fastify();
    await strict.register(problemsPlugin);
    await strict.register(openapiPlugin);
    const start = async () => {
      strict.get('/things', { schema: { operationId: 'listThings', summary: 'Things' } }, async () => null);
      await strict.ready();
    };
    await expect(start()).rejects.toThrow("listThings: declares no errors (its module's operations.ts)");
  });
});

describe('the served document', () => {
  it("enumerates every operation's codes, per status", async () => {
    const t = await createTestApp();
    try {
      const document = (await t.http.get('/openapi.json')).body;
      const redeliver = document.paths['/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver'].post.responses;
      expect(codesOf(redeliver['409'])).toEqual([
        'CONFLICT',
        'IDEMPOTENCY_REQUEST_IN_PROGRESS',
        'WEBHOOK_DELIVERY_PENDING',
      ]);
      expect(codesOf(redeliver['404'])).toEqual([
        'EDITION_NOT_FOUND',
        'WEBHOOK_NOT_FOUND',
        'WEBHOOK_DELIVERY_NOT_FOUND',
      ]);
      expect(codesOf(redeliver['403'])).toEqual(['FORBIDDEN', 'DIVISION_READ_ONLY']);
      const create = document.paths['/api/v1/editions/{edition}/webhooks'].post.responses;
      expect(codesOf(create['400'])).toEqual(
        expect.arrayContaining([
          'VALIDATION_FAILED',
          'MALFORMED_BODY',
          'WEBHOOK_URL_INVALID',
          'WEBHOOK_TARGET_FORBIDDEN',
        ]),
      );
      const deliveries = document.paths['/api/v1/webhooks/{id}/deliveries'].get.responses;
      expect(codesOf(deliveries['400'])).toContain('INVALID_CURSOR');
      expect(deliveries['409']).toBeUndefined();
      // Every operation enumerates the codes of each of its problem answers: none answers "any code".
      const vague: string[] = [];
      for (const [path, item] of Object.entries<Record<string, { responses: Record<string, Answer> }>>(document.paths))
        for (const [method, operation] of Object.entries(item))
          for (const [status, answer] of Object.entries(operation.responses))
            if (Number(status) >= 400 && !codesOf(answer)?.length) vague.push(`${method} ${path} ${status}`);
      expect(vague).toEqual([]);
      const login = document.paths['/api/v1/auth/login'].post.responses;
      expect(codesOf(login['401'])).toContain('INVALID_CREDENTIALS');
    } finally {
      await t.close();
    }
  });
});
