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
