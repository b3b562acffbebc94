import { sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import { DomainError } from './errors.js';
import { hasControlCharacter } from './text.js';

/**
 * What each value of a keyset cursor is. A decoded cursor is checked value by value, so that a
 * forged one is a 400 `INVALID_CURSOR`, never a failing query.
 * - `text`: a string of at most 512 characters without control characters;
 * - `uuid`: a UUID;
 * - `integer`: a safe integer;
 * - `instant`: a timestamptz as exact text, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (see `instantKey`).
 */
export type CursorKey = 'text' | 'uuid' | 'integer' | 'instant';
type CursorValue<Key extends CursorKey> = Key extends 'integer' ? number : string;
export type CursorValues<Keys extends readonly CursorKey[]> = { -readonly [I in keyof Keys]: CursorValue<Keys[I]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

function isInstant(value: string): boolean {
  const parts = INSTANT.exec(value)?.slice(1).map(Number);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1970 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

function isKey(kind: CursorKey, value: unknown): boolean {
  if (kind === 'integer') return Number.isSafeInteger(value);
  if (typeof value !== 'string') return false;
  if (kind === 'uuid') return UUID.test(value);
  if (kind === 'instant') return isInstant(value);
  return value.length <= 512 && !hasControlCharacter(value);
}

/** Opaque keyset cursor: the sort key values of the last item of a page. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor<const Keys extends readonly CursorKey[]>(cursor: string, keys: Keys): CursorValues<Keys> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (Array.isArray(values) && values.length === keys.length && keys.every((kind, i) => isKey(kind, values[i]))) {
    return values as CursorValues<Keys>;
  }
  throw new DomainError('INVALID_CURSOR', 400, { fields: [{ path: '/querystring/cursor', code: 'INVALID_CURSOR' }] });
}

/**
 * A timestamptz column as exact text for a cursor, in UTC with microseconds: a JS Date keeps
 * milliseconds only, and rows created within one millisecond would be skipped between pages.
 */
export const instantKey = (column: SQLWrapper): SQL<string> =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A cursor's `instant` value as a timestamptz, to compare a column with. */
export const instantParam = (instant: string): SQL => sql`${instant}::timestamptz`;

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only tells that another page exists.
 * `total` is how many rows the list's filters match on every page together (the same query without
 * the cursor and the limit, counted), so a client can say "20 of 134" without paging to the end.
 */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => (string | number)[],
  total: number,
): { items: Item[]; nextCursor: string | null; total: number } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
    total,
  };
}

/**
 * One order of a keyset-paged list, by a sort column and the row's id as tie-break: the key as
 * cursor text, the condition for the rows after a cursor (its values given, or placeholders bound
 * at execution), the ORDER BY and its direction. The key's text sorts as the order does. Each
 * order has its own keyset, so a cursor of one order is refused (400 `INVALID_CURSOR`) or
 * meaningless in another.
 */
export interface KeysetOrder {
  kinds: readonly [CursorKey, 'uuid'];
  key: SQL<string>;
  after: (key: string | Placeholder, id: string | Placeholder) => SQL;
  orderBy: SQL[];
  direction: 'asc' | 'desc';
}

/** A `KeysetOrder` on a not-null `text` or timestamptz (`instant`) column, ascending or descending. */
export function keysetOrder(
  kind: 'text' | 'instant',
  column: SQLWrapper,
  id: SQLWrapper,
  direction: 'asc' | 'desc',
): KeysetOrder {
  const cast = sql.raw(kind === 'instant' ? '::timestamptz' : '::text');
  const comparison = sql.raw(direction === 'asc' ? '>' : '<');
  const by = sql.raw(direction === 'asc' ? 'asc' : 'desc');
  return {
    kinds: [kind, 'uuid'],
    key: kind === 'instant' ? instantKey(column) : sql<string>`${column}::text`,
    after: (key, after) => sql`(${column}, ${id}) ${comparison} (${key}${cast}, ${after}::uuid)`,
    orderBy: [sql`${column} ${by}`, sql`${id} ${by}`],
    direction,
  };
}
