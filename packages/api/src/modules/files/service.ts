import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { ByteRange } from '../../plugins/storage.js';
import type { Db, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { bufferChunks } from '../../lib/streams.js';
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
const KIND_BY_MIME = new Map(FILE_KINDS.map((kind) => [MIME_BY_KIND[kind], kind]));
const EXTENSION_BY_KIND: Record<FileKind, string> = { pdf: 'pdf', jpeg: 'jpg', png: 'png', pptx: 'pptx', mp4: 'mp4' };

/** What a caller accepts for one upload: content kinds and the largest size in bytes. */
export interface UploadPolicy {
  kinds: readonly FileKind[];
  maxBytes: number;
}

/**
 * An incoming file: its bytes as a stream and the name the client gave. A `MultipartFile` of
 * @fastify/multipart is one (`truncated` is set on its stream when it hit the parser's limit).
 */
export interface IncomingFile {
  file: Readable & { truncated?: boolean };
  filename?: string | undefined;
}

/**
 * Bytes sniffed before anything is stored. 64 KiB covers every kind above, including PPTX, whose
 * `[Content_Types].xml` zip entry `file-type` needs to tell it from a plain zip.
 */
const SNIFF_BYTES = 64 * 1024;

/** The first chunks of a stream, at least SNIFF_BYTES unless the stream `finished` first. */
interface Sniffed {
  head: Buffer[];
  finished: boolean;
}

async function readHead(chunks: AsyncIterator<Buffer>): Promise<Sniffed> {
  const head: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) return { head, finished: true };
    head.push(next.value);
    headBytes += next.value.length;
  }
  return { head, finished: false };
}

/**
 * The kind of the content by its magic bytes; 415 when it is not one the policy allows. file-type
 * (and its tokenizers) loads with the first upload, not at every start.
 */
async function detectKind(sample: Buffer, policy: UploadPolicy): Promise<FileKind> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = sample.length > 0 ? await fileTypeFromBuffer(sample) : undefined;
  const kind = detected ? KIND_BY_MIME.get(detected.mime) : undefined;
  if (!kind || !policy.kinds.includes(kind)) {
    throw new DomainError('FILE_TYPE_NOT_ALLOWED', 415, {
      params: { detected: detected?.mime ?? 'unknown', allowed: policy.kinds.join(', ') },
    });
  }
  return kind;
}

/**
 * The whole content again (the sniffed head, then the rest), counted and hashed on the way:
 * past `maxBytes` it fails with 413. `digest()` is meaningful once the body has been consumed.
 */
function meteredBody(source: IncomingFile['file'], chunks: AsyncIterator<Buffer>, sniffed: Sniffed, maxBytes: number) {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const tooLarge = () =>
    new DomainError('FILE_TOO_LARGE', 413, {
      params: { maxBytes, maxMiB: (maxBytes / 1024 ** 2).toFixed(1) },
    });
  const account = (chunk: Buffer) => {
    sizeBytes += chunk.length;
    if (sizeBytes > maxBytes) throw tooLarge();
    hash.update(chunk);
  };
  async function* body() {
    for (const chunk of sniffed.head) {
      account(chunk);
      yield chunk;
    }
    if (sniffed.finished) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      account(next.value);
      yield next.value;
    }
    // @fastify/multipart truncates silently only when told not to throw; treat it as too large all the same.
    if (source.truncated) throw tooLarge();
  }
  return {
    stream: Readable.from(body(), { objectMode: false }),
    digest: () => ({ sizeBytes, sha256: hash.digest('hex') }),
  };
}

/**
 * Streams one incoming file to `deps.storage` and records it in `stored_files`.
 *
 * - The type comes from the content's magic bytes (`file-type`); the client's name and mimetype are
 *   never trusted. Not one of `policy.kinds`: 415 `FILE_TYPE_NOT_ALLOWED`.
 * - More than `policy.maxBytes`: 413 `FILE_TOO_LARGE`, detected while streaming.
 * - SHA-256 is computed while streaming; nothing is buffered beyond the first 64 KiB.
 * - On any refusal or failure nothing is left in storage, and the rest of the stream is drained.
 *
 * Authorization is the caller's business: check it before calling. Reading the multipart part of
 * a request is the route's (`readFilePart` in `./http.ts`).
 */
export async function storeUpload(
  deps: Deps,
  upload: IncomingFile,
  policy: UploadPolicy,
  uploadedBy: string | null,
): Promise<StoredFile> {
  const source = upload.file;
  const chunks = bufferChunks(source);
  try {
    const sniffed = await readHead(chunks);
    const kind = await detectKind(Buffer.concat(sniffed.head), policy);
    const body = meteredBody(source, chunks, sniffed, policy.maxBytes);
    const id = randomUUID();
    const storageKey = `${id.slice(0, 2)}/${id}`;
    await deps.storage.write(storageKey, body.stream);
    try {
      const rows = await deps.db
        .insert(storedFiles)
        .values({
          id,
          storageKey,
          originalName: sanitizeFileName(upload.filename, kind),
          mimeType: MIME_BY_KIND[kind],
          ...body.digest(),
          uploadedBy,
          createdAt: deps.clock.now(),
        })
        .returning();
      return firstOrThrow(rows);
    } catch (error) {
      await deps.storage.delete(storageKey);
      throw error;
    }
  } catch (error) {
    throw abandonUpload(source, error);
  }
}

/**
 * After a failed upload: lets the client finish sending, so that it reads the answer instead of a
 * reset connection, and returns the error to throw. When the incoming stream itself failed (a body
 * cut short or garbled, whatever the reader saw of it) that is the client's 400 `MULTIPART_MALFORMED`.
 */
export function abandonUpload(source: IncomingFile['file'], error: unknown): unknown {
  if (!source.destroyed) source.resume();
  if (error instanceof DomainError || !source.errored) return error;
  return new DomainError('MULTIPART_MALFORMED', 400);
}

/**
 * Keeps the client's name for display (Chinese included) without path parts or control
 * characters, and with the extension of the type detected from the content: a PDF named
 * `x.html` is stored and downloaded as `x.pdf`.
 */
function sanitizeFileName(name: string | undefined, kind: FileKind): string {
  const base = (name ?? '')
    .split(/[/\\]/)
    .at(-1)
    ?.replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 200);
  const stem = base?.replace(/\.[^.]*$/, '').trim();
  return `${stem || 'file'}.${EXTENSION_BY_KIND[kind]}`;
}

export async function findStoredFile(db: Db, id: string): Promise<StoredFile> {
  return firstOrThrow(await db.select().from(storedFiles).where(eq(storedFiles.id, id)), () =>
    notFound('FILE_NOT_FOUND'),
  );
}

/** The stored bytes of a file, or only the inclusive range of them. */
export function readStoredFile(deps: Pick<Deps, 'storage'>, file: StoredFile, range?: ByteRange): Promise<Readable> {
  return deps.storage.read(file.storageKey, range);
}
