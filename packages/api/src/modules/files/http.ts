import type { MultipartFile } from '@fastify/multipart';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { combineRanges, parse as parseRange } from 'range-parser';
import type { Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { OFFICE_MIME_TYPES, stripOfficeMetadata } from './blind-office.js';
import { readAll, sha256Of, stripPdfMetadata } from './blind-pdf.js';
import { readStoredFile, type StoredFile } from './service.js';

/**
 * Route helpers for files: the HTTP side (reading a multipart part, writing a download) of the
 * use cases in `./service.ts`, which know nothing of requests and replies.
 */

/** The OpenAPI description of an upload route's body (its schema comes from the openapi plugin). */
export const MULTIPART_FILE_NOTE = 'multipart/form-data with one file field';

/**
 * The one file part of a multipart request, or 400 `FILE_MISSING`. With `maxBytes`, the parser
 * stops one byte past it, so that `storeUpload` sees the file is too large without reading more.
 */
export async function readFilePart(request: FastifyRequest, maxBytes?: number): Promise<MultipartFile> {
  if (!request.isMultipart()) throw new DomainError('MULTIPART_REQUIRED', 415);
  let part: MultipartFile | undefined;
  try {
    part = await request.file(maxBytes === undefined ? undefined : { limits: { fileSize: maxBytes + 1 } });
  } catch (error) {
    throw asUploadError(error);
  }
  if (!part) throw new DomainError('FILE_MISSING', 400);
  return part;
}

/**
 * What a failure of the multipart parser means to the client: its own limits keep their 4xx
 * (413), anything else busboy raises (no boundary, a cut or garbled body) is the client's 400.
 */
function asUploadError(error: unknown): unknown {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 400) return error;
  return new DomainError('MULTIPART_MALFORMED', 400);
}

/** The one byte range of a `Range` header to serve, `undefined` for the whole file, or 416. */
function requestedRange(request: FastifyRequest, reply: FastifyReply, file: StoredFile, etag: string) {
  const rangeHeader = request.headers.range;
  const ifRange = request.headers['if-range'];
  if (rangeHeader === undefined || (ifRange !== undefined && ifRange !== etag)) return undefined;
  const size = file.sizeBytes;
  // A malformed header or another unit is ignored (RFC 9110 §14.2): the whole file follows.
  const parsed = parseRange(size, rangeHeader);
  // range-parser: bit 1 = malformed, bit 2 = an unsatisfiable range (416 when none is left).
  const ranges = (parsed.code & 1) === 0 && parsed.type === 'bytes' ? combineRanges(parsed.ranges) : undefined;
  if (ranges?.length === 0) {
    reply.header('content-range', `bytes */${size}`);
    throw new DomainError('RANGE_NOT_SATISFIABLE', 416, { params: { range: rangeHeader, size } });
  }
  // Several ranges get the whole file.
  return ranges?.length === 1 ? ranges[0] : undefined;
}

/**
 * Streams a stored file as the response, honouring a single `Range: bytes=…` (206, or 416 when it
 * cannot be satisfied; several ranges get the whole file) and `If-Range` with the SHA-256 ETag.
 * Authorization is the caller's business: check it before calling.
 */
export async function sendStoredFile(
  deps: Pick<Deps, 'storage'>,
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
  const range = requestedRange(request, reply, file, etag);
  if (range) {
    const { start, end } = range;
    return reply
      .code(206)
      .header('content-range', `bytes ${start}-${end}/${size}`)
      .header('content-length', end - start + 1)
      .send(await readStoredFile(deps, file, { start, end }));
  }
  return reply
    .code(200)
    .header('content-length', size)
    .send(await readStoredFile(deps, file));
}

/**
 * The blind copy of a PDF or office file (built in memory from the stored original, whose size
 * the upload limits bound), or null when the file is neither or cannot be stripped: it is then
 * given as stored.
 */
export async function blindCopyOf(deps: Pick<Deps, 'storage'>, file: StoredFile): Promise<Uint8Array | null> {
  const office = OFFICE_MIME_TYPES.has(file.mimeType);
  if (file.mimeType !== 'application/pdf' && !office) return null;
  const stored = await readAll(await readStoredFile(deps, file));
  return office ? stripOfficeMetadata(stored) : stripPdfMetadata(stored);
}

/**
 * Sends the blind copy of a stored file to an expert: a PDF, docx, xlsx or pptx without its
 * identifying metadata (built in memory from the stored original, which organizers keep),
 * anything else as stored.
 * Range requests are answered on the blind copy's bytes.
 */
export async function sendBlindFile(
  deps: Pick<Deps, 'storage'>,
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile,
): Promise<FastifyReply> {
  const blind = await blindCopyOf(deps, file);
  if (!blind) return sendStoredFile(deps, request, reply, file);
  const copy = { ...file, sizeBytes: blind.length, sha256: sha256Of(blind) };
  const etag = `"${copy.sha256}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(file.originalName, { type: 'attachment' }))
    .type(file.mimeType);
  const range = requestedRange(request, reply, copy, etag);
  const body = Buffer.from(blind.buffer, blind.byteOffset, blind.length);
  if (!range) return reply.code(200).header('content-length', body.length).send(body);
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${body.length}`)
    .header('content-length', range.end - range.start + 1)
    .send(body.subarray(range.start, range.end + 1));
}
