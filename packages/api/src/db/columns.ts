import { sql } from 'drizzle-orm';
import { check, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A CHECK constraint that keeps a text column within one of the shared enumerations, e.g.
 * `checkOneOf('teams_entrant_kind_known', table.entrantKind, ENTRANT_KINDS)`. Declare the
 * column itself with `text({ enum: ENTRANT_KINDS })` so that its TypeScript type is the union:
 * the shared constant is then the one source of the values, the type and the constraint.
 */
export function checkOneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  const literals = values.map((value) => {
    if (!/^[a-z0-9_.]+$/.test(value)) throw new Error(`enumeration value not a plain code: ${value}`);
    return `'${value}'`;
  });
  return check(name, sql`${column} in (${sql.raw(literals.join(', '))})`);
}
