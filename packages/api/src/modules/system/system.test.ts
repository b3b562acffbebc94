import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

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
