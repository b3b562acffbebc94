import type { SQL } from 'drizzle-orm';
import type { Db } from './deps.js';

/**
 * The first row of a query result, or the error when there is none; replaces the
 * `const [row] = await …; row!` pattern. Without an error, a missing row is a bug
 * (e.g. `insert … returning` always returns its row) and throws a plain Error.
 */
export function firstOrThrow<Row>(rows: readonly Row[], error?: () => Error): Row {
  const [first] = rows;
  if (first === undefined) throw error ? error() : new Error('expected a row, the query returned none');
  return first;
}

/**
 * The value of a key that must be in the map (e.g. one built from the very rows being walked);
 * replaces `map.get(key)!`. A missing key is a bug and throws a plain Error.
 */
export function getOrThrow<Key, Value>(map: ReadonlyMap<Key, Value>, key: Key): Value {
  const value = map.get(key);
  if (value === undefined) throw new Error(`expected a value for ${String(key)}, the map has none`);
  return value;
}

/**
 * The rows of a raw SQL statement (one the query builder cannot express, e.g. a set-based
 * `with … full join`), typed by the caller: the pg driver answers `{ rows }` on both databases.
 */
export async function sqlRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows;
}
