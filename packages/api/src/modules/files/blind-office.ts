import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';

/** The Office Open XML documents (docx, xlsx, pptx) whose blind copy loses its identifying properties. */
export const OFFICE_MIME_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

/** Properties that name a person or a company: core.xml's author fields, app.xml's company and manager. */
const IDENTIFYING = {
  'docProps/core.xml': ['dc:creator', 'cp:lastModifiedBy'],
  'docProps/app.xml': ['Company', 'Manager'],
} as const;

/** A document that would inflate beyond this is not rewritten (a zip bomb must not exhaust memory). */
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/** The element's text emptied, its attributes kept: `<dc:creator>Wang</dc:creator>` → `<dc:creator></dc:creator>`. */
function emptyElements(xml: string, names: readonly string[]): string {
  return names.reduce(
    (text, name) => text.replace(new RegExp(`<${name}(\\s[^>]*)?>[\\s\\S]*?</${name}>`, 'g'), `<${name}$1></${name}>`),
    xml,
  );
}

/**
 * The blind copy of a docx, xlsx or pptx given to experts: the same parts with the author, last
 * editor, company and manager properties emptied (issue 16.5); the original stays in storage for
 * organizers. Null when the file is not a readable ZIP or would inflate too far (served as stored).
 */
export function stripOfficeMetadata(bytes: Uint8Array): Uint8Array | null {
  try {
    let inflated = 0;
    const parts: Unzipped = unzipSync(bytes, {
      filter: (file) => {
        inflated += file.originalSize;
        if (inflated > MAX_INFLATED_BYTES) throw new Error('document inflates too far');
        return true;
      },
    });
    for (const [path, names] of Object.entries(IDENTIFYING)) {
      const part = parts[path];
      if (part) parts[path] = strToU8(emptyElements(strFromU8(part), names));
    }
    return zipSync(parts, { level: 6 });
  } catch {
    return null;
  }
}
