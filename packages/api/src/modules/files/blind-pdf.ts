import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Document-information entries that can name the author, the unit or its software (issue 16.5). */
const IDENTIFYING_INFO = ['Author', 'Creator', 'Producer', 'Title', 'Subject', 'Keywords', 'Company', 'Manager'];

/**
 * The blind copy of a PDF given to experts: the same pages without the document information
 * (/Author, /Creator, /Producer, /Title, /Subject, /Keywords…) and without the XMP metadata
 * stream, which office suites fill with the author's and the company's names. The original stays
 * in storage for organizers. Null when pdf-lib cannot read the file (it is then served as stored).
 */
export async function stripPdfMetadata(bytes: Uint8Array): Promise<Uint8Array | null> {
  // pdf-lib loads on the first download of a blind copy, not at every start of the API.
  const { PDFDict, PDFDocument, PDFName, PDFRef } = await import('pdf-lib');
  try {
    const document = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    const infoRef = document.context.trailerInfo.Info;
    const info = infoRef ? document.context.lookup(infoRef) : undefined;
    if (info instanceof PDFDict) for (const key of IDENTIFYING_INFO) info.delete(PDFName.of(key));
    // The XMP stream goes from the catalog and from the file: pdf-lib writes every object it holds.
    const metadata = document.catalog.get(PDFName.of('Metadata'));
    document.catalog.delete(PDFName.of('Metadata'));
    if (metadata instanceof PDFRef) document.context.delete(metadata);
    return await document.save({ useObjectStreams: false, updateFieldAppearances: false });
  } catch {
    // Not a PDF pdf-lib can read or write (damaged, or without a catalog).
    return null;
  }
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
