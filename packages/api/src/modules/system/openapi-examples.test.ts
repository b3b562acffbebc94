import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

// Integrators read the document before they call anything (issue 13): every JSON request body and
// every JSON success answer shows an example, taken from the 2024 Guangxi data (src/lib/examples.ts
// and the modules' examples). Redocly checks each example against its schema (pnpm lint:openapi).

interface Media {
  schema?: unknown;
  example?: unknown;
  examples?: unknown;
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;

/** JSON bodies only: files, spreadsheets, archives and multipart uploads carry no example. */
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Whether an example stands anywhere in the value, following `$ref`s into the document. */
function holdsExample(document: Document, value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  const node = value as Record<string, unknown>;
  if (node.example !== undefined || (Array.isArray(node.examples) && node.examples.length > 0)) return true;
  if (node.examples && typeof node.examples === 'object' && Object.keys(node.examples).length > 0) return true;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const target = node.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], document);
    return holdsExample(document, target, seen);
  }
  return Object.values(node).some((child) => holdsExample(document, child, seen));
}

describe('the OpenAPI document’s examples', () => {
  it('shows an example of every JSON request body and every JSON success answer', async () => {
    const { body } = await t.http.get('/openapi.json').expect(200);
    const document = body as Document;
    const missing: string[] = [];
    for (const operations of Object.values(document.paths))
      for (const operation of Object.values(operations)) {
        for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {}))
          if (isJson(mediaType) && !holdsExample(document, media)) missing.push(`${operation.operationId} request`);
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!status.startsWith('2')) continue;
          for (const [mediaType, media] of Object.entries(response.content ?? {}))
            if (isJson(mediaType) && !holdsExample(document, media)) missing.push(`${operation.operationId} ${status}`);
        }
      }
    expect(missing).toEqual([]);
  });
});
