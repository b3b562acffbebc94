import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column = any($1::uuid[])`: the column is one of the ids, bound as one array parameter, so that
 * the statement's text is the same however many ids a page has (drizzle's `inArray` binds one
 * parameter per id: a new statement for every length, prepared and planned anew).
 */
export function isAnyOfIds(column: SQLWrapper, ids: Iterable<string>): SQL {
  return sql`${column} = any(${sql.param([...new Set(ids)])}::uuid[])`;
}
