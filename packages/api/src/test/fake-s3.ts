import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process fake of the few S3 calls the storage uses (path-style PutObject, multipart
 * upload and its listing, GetObject with Range, HeadObject, DeleteObject), for tests where no real S3-compatible
 * endpoint is reachable. It ignores signatures; it is not a general S3 emulator.
 */
export interface FakeS3 {
  endpoint: string;
  bucket: string;
  objects: Map<string, Buffer>;
  /** Multipart uploads started and neither completed nor aborted. */
  pendingUploads: Map<string, Map<number, Buffer>>;
  /** Key and start of each pending upload (a test may move the start back in time). */
  uploadStarts: Map<string, { key: string; initiated: Date }>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const etagOf = (data: Buffer) => `"${createHash('md5').update(data).digest('hex')}"`;

function xml(response: ServerResponse, status: number, body: string): void {
  response
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
}

function noSuchKey(response: ServerResponse, key: string, head: boolean): void {
  if (head) response.writeHead(404).end();
  else
    xml(
      response,
      404,
      `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`,
    );
}

export async function startFakeS3(bucket = 'saishi-test'): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const pendingUploads = new Map<string, Map<number, Buffer>>();
  const uploadStarts = new Map<string, { key: string; initiated: Date }>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      xml(response, 500, `<Error><Code>InternalError</Code><Message>${String(error)}</Message></Error>`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const [, bucketName, ...keyParts] = url.pathname.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    if (bucketName !== bucket) {
      xml(response, 404, '<Error><Code>NoSuchBucket</Code><Message>No such bucket</Message></Error>');
      return;
    }
    const uploadId = url.searchParams.get('uploadId');
    const method = request.method ?? 'GET';

    if (method === 'GET' && !key && url.searchParams.has('uploads')) {
      const uploads = [...pendingUploads.keys()].map((id) => {
        const start = uploadStarts.get(id);
        return `<Upload><Key>${start?.key ?? ''}</Key><UploadId>${id}</UploadId><Initiated>${(start?.initiated ?? new Date()).toISOString()}</Initiated></Upload>`;
      });
      xml(
        response,
        200,
        `<ListMultipartUploadsResult><Bucket>${bucket}</Bucket><IsTruncated>false</IsTruncated>${uploads.join('')}</ListMultipartUploadsResult>`,
      );
      return;
    }
    if (method === 'POST' && url.searchParams.has('uploads')) {
      const id = randomUUID();
      pendingUploads.set(id, new Map());
      uploadStarts.set(id, { key, initiated: new Date() });
      xml(
        response,
        200,
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
      return;
    }
    if (method === 'PUT' && uploadId) {
      const parts = pendingUploads.get(uploadId);
      if (!parts)
        return xml(response, 404, '<Error><Code>NoSuchUpload</Code><Message>No such upload</Message></Error>');
      const data = await readBody(request);
      parts.set(Number(url.searchParams.get('partNumber')), data);
      response.writeHead(200, { etag: etagOf(data) }).end();
      return;
    }
    if (method === 'POST' && uploadId) {
      const parts = pendingUploads.get(uploadId);
      await readBody(request);
      if (!parts)
        return xml(response, 404, '<Error><Code>NoSuchUpload</Code><Message>No such upload</Message></Error>');
      const data = Buffer.concat([...parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part));
      objects.set(key, data);
      pendingUploads.delete(uploadId);
      uploadStarts.delete(uploadId);
      xml(
        response,
        200,
        `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>${etagOf(data)}</ETag></CompleteMultipartUploadResult>`,
      );
      return;
    }
    if (method === 'DELETE' && uploadId) {
      pendingUploads.delete(uploadId);
      uploadStarts.delete(uploadId);
      response.writeHead(204).end();
      return;
    }
    if (method === 'PUT') {
      const data = await readBody(request);
      objects.set(key, data);
      response.writeHead(200, { etag: etagOf(data) }).end();
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      const data = objects.get(key);
      if (!data) return noSuchKey(response, key, method === 'HEAD');
      const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(Number(range[2]), data.length - 1);
        response.writeHead(206, {
          'content-length': end - start + 1,
          'content-range': `bytes ${start}-${end}/${data.length}`,
          etag: etagOf(data),
        });
        response.end(method === 'HEAD' ? undefined : data.subarray(start, end + 1));
        return;
      }
      response.writeHead(200, { 'content-length': data.length, etag: etagOf(data) });
      response.end(method === 'HEAD' ? undefined : data);
      return;
    }
    if (method === 'DELETE') {
      objects.delete(key);
      response.writeHead(204).end();
      return;
    }
    xml(response, 405, '<Error><Code>MethodNotAllowed</Code><Message>Not supported by the fake</Message></Error>');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    pendingUploads,
    uploadStarts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
