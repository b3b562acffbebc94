/**
 * Characters no text of the API may carry: C0 controls but tab, line feed and carriage return,
 * DEL, and lone UTF-16 surrogates. PostgreSQL refuses NUL in text and jsonb, and none of them
 * has a place in a name, a title or a search.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\p{Cs}/u;

export const hasControlCharacter = (text: string): boolean => FORBIDDEN.test(text);

/** The JSON pointer of the first string (value or key) holding a forbidden character, if any. */
export function findControlCharacter(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, `${path}/${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const pointer = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (FORBIDDEN.test(key)) return pointer;
      const found = findControlCharacter(item, pointer);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The ILIKE pattern of text containing `term` anywhere: `%`, `_` and `\\` in the term are matched
 * as themselves, not as wildcards (a search for "100%" finds "100%", not every "100…").
 */
export const containsPattern = (term: string): string => `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
