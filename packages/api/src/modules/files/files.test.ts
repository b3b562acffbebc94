import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { DomainError } from '../../lib/errors.js';
import { createStorage, type FileStorage } from '../../plugins/storage.js';
import { createTestApp, expectProblem, type TestApp, bytesOfBody } from '../../test/app.js';
import { startFakeS3, type FakeS3 } from '../../test/fake-s3.js';
import { jpegBytes, mp4Bytes, pdfBytes, plainZipBytes, pngBytes, pptxBytes } from '../../test/sample-files.js';
import { storedFiles } from './tables.js';
import { sendStoredFile } from './http.js';
import { FILE_KINDS, findStoredFile, storeUpload, type FileKind } from './service.js';

function filesUnder(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/** An app with two routes using the upload service the way a module does. */
async function appWithUploadRoutes(t: TestApp, storage: FileStorage): Promise<FastifyInstance> {
  const app = await buildApp({ config: t.config, database: t.database, clock: t.clock, storage, logger: false });
  await app.register(async (api) => {
    api.post(
      '/test-uploads',
      { schema: { hide: true, querystring: Type.Object({ kinds: Type.String(), maxBytes: Type.Integer() }) } },
      async (request, reply) => {
        const query = request.query as { kinds: string; maxBytes: number };
        const part = await request.file();
        if (!part) throw new DomainError('FILE_MISSING', 400);
        const kinds = query.kinds
          .split(',')
          .filter((kind): kind is FileKind => (FILE_KINDS as readonly string[]).includes(kind));
        const file = await storeUpload(app.deps, part, { kinds, maxBytes: query.maxBytes }, null);
        return reply.code(201).send(file);
      },
    );
    api.get('/test-uploads/:id', { schema: { hide: true } }, async (request, reply) => {
      const file = await findStoredFile(app.db, (request.params as { id: string }).id);
      return sendStoredFile(app.deps, request, reply, file);
    });
  });
  await app.ready();
  return app;
}

const drivers = ['local', 's3'] as const;

describe.each(drivers)('uploads and downloads with the %s storage', (driver) => {
  let t: TestApp;
  let app: FastifyInstance;
  let http: ReturnType<typeof supertest>;
  let fakeS3: FakeS3 | undefined;
  let storage: FileStorage;

  /** Every stored object and every unfinished multipart upload: must be empty after a refusal. */
  const leftovers = () =>
    fakeS3 ? [...fakeS3.objects.keys(), ...fakeS3.pendingUploads.keys()] : filesUnder(t.config.STORAGE_DIR);

  beforeAll(async () => {
    t = await createTestApp();
    if (driver === 's3') {
      // No real S3-compatible endpoint is reachable from the test machine: an in-process fake stands in.
      fakeS3 = await startFakeS3();
      storage = createStorage({
        ...t.config,
        STORAGE_DRIVER: 's3',
        S3_BUCKET: fakeS3.bucket,
        S3_ENDPOINT: fakeS3.endpoint,
        S3_FORCE_PATH_STYLE: true,
        S3_ACCESS_KEY_ID: 'test',
        S3_SECRET_ACCESS_KEY: 'test',
      });
    } else {
      storage = createStorage(t.config);
    }
    app = await appWithUploadRoutes(t, storage);
    http = supertest(app.server);
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
    await fakeS3?.close();
  });

  const upload = (body: Buffer, name: string, kinds: string, maxBytes = 1024 ** 2, contentType = 'application/pdf') =>
    http
      .post(`/test-uploads?kinds=${kinds}&maxBytes=${maxBytes}`)
      .attach('file', body, { filename: name, contentType });

  it('stores a PDF with its SHA-256, size and the type detected from its content', async () => {
    const body = pdfBytes(5000);
    const res = await upload(body, '申报书.pdf', 'pdf', 1024 ** 2, 'application/octet-stream');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mimeType: 'application/pdf', sizeBytes: 5000, originalName: '申报书.pdf' });
    expect(res.body.sha256).toBe((await import('node:crypto')).createHash('sha256').update(body).digest('hex'));
    expect(await storage.stat(res.body.storageKey)).toEqual({ sizeBytes: 5000 });

    const download = await http.get(`/test-uploads/${res.body.id}`).buffer(true).parse(bytesOfBody);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, body)).toBe(0);
    expect(download.headers['accept-ranges']).toBe('bytes');
    expect(download.headers['content-length']).toBe('5000');
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('申报书.pdf')}`);
  });

  it('names a file by the type of its content, whatever extension the client gave', async () => {
    for (const [given, stored] of [
      ['x.html', 'x.pdf'],
      ['报告.PDF', '报告.pdf'],
      ['no-extension', 'no-extension.pdf'],
      ['.html', 'file.pdf'],
      ['../../a.b.exe', 'a.b.pdf'],
    ]) {
      const res = await upload(pdfBytes(), given!, 'pdf');
      expect(res.status).toBe(201);
      expect(res.body.originalName, given).toBe(stored);
      const download = await http.get(`/test-uploads/${res.body.id}`);
      expect(download.headers['content-disposition']).toContain(encodeURIComponent(stored!));
    }
  });

  it('serves byte ranges (206), a suffix range, refuses an unsatisfiable one (416) and ignores several', async () => {
    const body = pdfBytes(3000);
    const { body: file } = await upload(body, 'a.pdf', 'pdf');
    const binary = (request: supertest.Test) => request.buffer(true).parse(bytesOfBody);

    const partial = await binary(http.get(`/test-uploads/${file.id}`).set('range', 'bytes=100-199'));
    expect(partial.status).toBe(206);
    expect(partial.headers['content-range']).toBe('bytes 100-199/3000');
    expect(partial.headers['content-length']).toBe('100');
    expect(Buffer.compare(partial.body as Buffer, body.subarray(100, 200))).toBe(0);

    const suffix = await binary(http.get(`/test-uploads/${file.id}`).set('range', 'bytes=-7'));
    expect(suffix.status).toBe(206);
    expect((suffix.body as Buffer).toString('latin1')).toBe('\n%%EOF\n');

    const beyond = await http.get(`/test-uploads/${file.id}`).set('range', 'bytes=5000-6000');
    expectProblem(beyond, 416, 'RANGE_NOT_SATISFIABLE');
    expect(beyond.headers['content-range']).toBe('bytes */3000');

    const several = await binary(http.get(`/test-uploads/${file.id}`).set('range', 'bytes=0-1,100-101'));
    expect(several.status).toBe(200);
    expect((several.body as Buffer).length).toBe(3000);

    const stale = await binary(
      http.get(`/test-uploads/${file.id}`).set('range', 'bytes=0-1').set('if-range', '"other"'),
    );
    expect(stale.status).toBe(200);
  });

  it('recognises PPTX, MP4, JPEG and PNG by content, and refuses a plain zip named .pptx', async () => {
    expect((await upload(pptxBytes(), 'slides.pptx', 'pptx')).body.mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect((await upload(mp4Bytes(), 'demo.mp4', 'mp4')).body.mimeType).toBe('video/mp4');
    expect((await upload(jpegBytes(), 'id.jpg', 'jpeg,png')).body.mimeType).toBe('image/jpeg');
    expect((await upload(pngBytes(), 'id.png', 'jpeg,png')).body.mimeType).toBe('image/png');
    expectProblem(await upload(plainZipBytes(), 'slides.pptx', 'pptx'), 415, 'FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses a mislabelled file (a PNG named .pdf) with 415 and leaves nothing behind', async () => {
    const before = leftovers().length;
    const rowsBefore = (await t.db.select().from(storedFiles)).length;
    const res = await upload(pngBytes(), 'proposal.pdf', 'pdf');
    expectProblem(res, 415, 'FILE_TYPE_NOT_ALLOWED');
    expect(res.body.detail).toContain('image/png');
    expect(leftovers().length).toBe(before);
    expect((await t.db.select().from(storedFiles)).length).toBe(rowsBefore);
  });

  it('refuses an oversized file with 413 while streaming and leaves no partial file', async () => {
    const before = leftovers().length;
    const rowsBefore = (await t.db.select().from(storedFiles)).length;
    // Larger than one S3 part (8 MiB), so the multipart upload is started and must be aborted.
    const res = await upload(pdfBytes(12 * 1024 ** 2), 'big.pdf', 'pdf', 9 * 1024 ** 2);
    expectProblem(res, 413, 'FILE_TOO_LARGE');
    expect(leftovers().length).toBe(before);
    expect((await t.db.select().from(storedFiles)).length).toBe(rowsBefore);
  });

  it('refuses an empty file as of no allowed type', async () => {
    expectProblem(await upload(Buffer.alloc(0), 'empty.pdf', 'pdf'), 415, 'FILE_TYPE_NOT_ALLOWED');
  });
});
