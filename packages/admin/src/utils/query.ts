/** The filters that are set: an empty string, null, undefined or false means "no filter". */
export type Present<T> = { [K in keyof T]?: Exclude<T[K], '' | null | undefined | false> };

/** Drops the filters that are not set and trims the text ones, for a list's query string. */
export function present<T extends Record<string, unknown>>(values: T): Present<T> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const cleaned = typeof value === 'string' ? value.trim() : value;
    if (cleaned !== '' && cleaned !== null && cleaned !== undefined && cleaned !== false) kept[key] = cleaned;
  }
  return kept as Present<T>;
}
