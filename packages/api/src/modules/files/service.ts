import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { create as contentDisposition } from 'content-disposition';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { combineRanges, parse as parseRange } from 'range-parser';
import type { Database } from '../../db/client.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { storedFiles } from './tables.js';

export type StoredFile = typeof storedFiles.$inferSelect;

/** The kinds of content an upload policy may allow, each recognised by its magic bytes. */
export const FILE_KINDS = ['pdf', 'jpeg', 'png', 'pptx', 'mp4'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const MIME_BY_KIND: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  mp4: 'video/mp4',
};
const KIND_BY_MIME = new Map(Object.entries(MIME_BY_KIND).map(([kind, mime]) => [mime, kind as FileKind]));

/** What a caller accepts for one upload: content kinds and the largest size in bytes. */
export interface UploadPolicy {
  kinds: readonly FileKind[];
  maxBytes: number;
}

/**
 * Bytes sniffed before anything is stored. 64 KiB covers every kind above, including PPTX, whose
 * `[Content_Types].xml` zip entry `file-type` needs to tell it from a plain zip.
 */
const SNIFF_BYTES = 64 * 1024;

const describeKinds = (kinds: readonly FileKind[]) => kinds.join(', ');

/**
 * Streams one multipart file to `app.storage` and records it in `stored_files`.
 *
 * - The type comes from the content's magic bytes (`file-type`); the client's name and mimetype are
 *   never trusted. Not one of `policy.kinds`: 415 `FILE_TYPE_NOT_ALLOWED`.
 * - More than `policy.maxBytes`: 413 `FILE_TOO_LARGE`, detected while streaming.
 * - SHA-256 is computed while streaming; nothing is buffered beyond the first 64 KiB.
 * - On any refusal or failure nothing is left in storage, and the rest of the request body is drained.
 *
 * Authorization is the caller's business: check it before calling. Usage in a route:
 * ```ts
 * const part = await request.file();
 * if (!part) throw new DomainError('FILE_MISSING', 400);
 * const file = await storeUpload(app, part, { kinds: ['pdf'], maxBytes: 20 * 1024 ** 2 }, request.user.sub);
 * ```
 */
export async function storeUpload(
  app: FastifyInstance,
  part: MultipartFile,
  policy: UploadPolicy,
  uploadedBy: string | null,
): Promise<StoredFile> {
  const source = part.file;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const head: Buffer[] = [];
    let headBytes = 0;
    let finished = false;
    while (headBytes < SNIFF_BYTES) {
      const next = await chunks.next();
      if (next.done) {
        finished = true;
        break;
      }
      head.push(next.value);
      headBytes += next.value.length;
    }
    const sample = Buffer.concat(head);
    const detected = sample.length > 0 ? await fileTypeFromBuffer(sample) : undefined;
    const kind = detected ? KIND_BY_MIME.get(detected.mime) : undefined;
    if (!kind || !policy.kinds.includes(kind)) {
      throw new DomainError('FILE_TYPE_NOT_ALLOWED', 415, {
        params: { detected: detected?.mime ?? 'unknown', allowed: describeKinds(policy.kinds) },
      });
    }

    const hash = createHash('sha256');
    let sizeBytes = 0;
    const tooLarge = () =>
      new DomainError('FILE_TOO_LARGE', 413, {
        params: { maxBytes: policy.maxBytes, maxMiB: (policy.maxBytes / 1024 ** 2).toFixed(1) },
      });
    const account = (chunk: Buffer) => {
      sizeBytes += chunk.length;
      if (sizeBytes > policy.maxBytes) throw tooLarge();
      hash.update(chunk);
    };
    async function* body() {
      for (const chunk of head) {
        account(chunk);
        yield chunk;
      }
      if (finished) return;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        account(next.value);
        yield next.value;
      }
      // @fastify/multipart truncates silently only when told not to throw; treat it as too large all the same.
      if ((source as { truncated?: boolean }).truncated) throw tooLarge();
    }

    const id = randomUUID();
    const storageKey = `${id.slice(0, 2)}/${id}`;
    await app.storage.write(storageKey, Readable.from(body(), { objectMode: false }));
    try {
      const [row] = await app.db
        .insert(storedFiles)
        .values({
          id,
          storageKey,
          originalName: sanitizeFileName(part.filename, kind),
          mimeType: MIME_BY_KIND[kind],
          sizeBytes,
          sha256: hash.digest('hex'),
          uploadedBy,
        })
        .returning();
      return row!;
    } catch (error) {
      await app.storage.delete(storageKey);
      throw error;
    }
  } catch (error) {
    // Let the client finish sending so that it reads our answer instead of a reset connection.
    if (!source.destroyed) source.resume();
    throw error;
  }
}

const EXTENSION_BY_KIND: Record<FileKind, string> = { pdf: 'pdf', jpeg: 'jpg', png: 'png', pptx: 'pptx', mp4: 'mp4' };

/** Keeps the client's name for display (Chinese included) without path parts or control characters. */
function sanitizeFileName(name: string | undefined, kind: FileKind): string {
  const base = (name ?? '')
    .split(/[/\\]/)
    .pop()!
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  return base || `file.${EXTENSION_BY_KIND[kind]}`;
}

export async function findStoredFile(db: Database, id: string): Promise<StoredFile> {
  const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  if (!file) throw notFound('FILE_NOT_FOUND');
  return file;
}

/** Deletes the row and then the bytes (the bytes stay if the row is still referenced: the delete fails first). */
export async function deleteStoredFile(app: FastifyInstance, file: StoredFile): Promise<void> {
  await app.db.delete(storedFiles).where(eq(storedFiles.id, file.id));
  await app.storage.delete(file.storageKey);
}

/**
 * Streams a stored file as the response, honouring a single `Range: bytes=…` (206, or 416 when it
 * cannot be satisfied; several ranges get the whole file) and `If-Range` with the SHA-256 ETag.
 * Authorization is the caller's business: check it before calling.
 */
export async function sendStoredFile(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile,
  options: { disposition?: 'attachment' | 'inline' } = {},
): Promise<FastifyReply> {
  const size = file.sizeBytes;
  const etag = `"${file.sha256}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(file.originalName, { type: options.disposition ?? 'attachment' }))
    .type(file.mimeType);

  const rangeHeader = request.headers.range;
  const ifRange = request.headers['if-range'];
  const rangeApplies = rangeHeader !== undefined && (ifRange === undefined || ifRange === etag);
  if (rangeApplies) {
    // A malformed header or another unit is ignored (RFC 9110 §14.2): the whole file follows.
    const parsed = parseRange(size, rangeHeader);
    // range-parser: bit 1 = malformed, bit 2 = an unsatisfiable range (416 when none is left).
    const ranges = (parsed.code & 1) === 0 && parsed.type === 'bytes' ? combineRanges(parsed.ranges) : undefined;
    if (ranges?.length === 0) {
      reply.header('content-range', `bytes */${size}`);
      throw new DomainError('RANGE_NOT_SATISFIABLE', 416, { params: { range: rangeHeader, size } });
    }
    if (ranges?.length === 1) {
      const { start, end } = ranges[0]!;
      const stream = await app.storage.read(file.storageKey, { start, end });
      return reply
        .code(206)
        .header('content-range', `bytes ${start}-${end}/${size}`)
        .header('content-length', end - start + 1)
        .send(stream);
    }
  }
  const stream = await app.storage.read(file.storageKey);
  return reply.code(200).header('content-length', size).send(stream);
}
