import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { CONTENT_TYPES } from './service.js';

// A file download is declared with the media type it is sent with, never as a JSON body: client
// generators and integrators otherwise expect JSON (and an example of it) where a file comes.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Responses = Record<string, { content?: Record<string, { schema?: { format?: string } }> }>;

describe('file downloads in the OpenAPI document', () => {
  it('declare their own media type with a binary schema, not application/json', async () => {
    const { body } = await t.http.get('/openapi.json').expect(200);
    const paths = body.paths as Record<string, Record<string, { responses: Responses }>>;
    const success = (path: string) => paths[path]!.get!.responses['200']!.content!;
    expect(Object.keys(success('/api/v1/results/export.pdf'))).toEqual([CONTENT_TYPES.pdf]);
    expect(Object.keys(success('/api/v1/results/export.xlsx'))).toEqual([CONTENT_TYPES.xlsx]);
    for (const path of [
      '/api/v1/results/export.pdf',
      '/api/v1/announcements/{id}/attachments/{fileId}',
      '/api/v1/teams/{id}/commitment-letter',
      '/api/v1/teams/{id}/members/{userId}/student-id',
    ]) {
      const content = success(path);
      expect(content, path).not.toHaveProperty(['application/json']);
      for (const media of Object.values(content)) expect(media.schema?.format, path).toBe('binary');
    }
  });
});
