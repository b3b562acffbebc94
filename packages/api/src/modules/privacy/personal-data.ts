import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { sqlRows } from '../../lib/rows.js';

/**
 * Where a person's data is, read from the database's own catalog (个人信息保护法 §45: the right to
 * see and copy): every table with a column referencing `users.id`, or referencing such a column
 * (an expert's conflicts reference their profile), so a table added later is covered without
 * anyone remembering to list it. A few references that are not foreign keys are added by hand.
 */

/** A column that names a person, directly or through a one-to-one table keyed by the person. */
export interface PersonColumn {
  table: string;
  column: string;
}

/** Secrets kept about a person are theirs too, but a copy must not hand them out: never exported. */
export const SECRET_COLUMNS: ReadonlySet<string> = new Set(['password_hash', 'verification_code_hash', 'token_hash']);

interface ForeignKey {
  table_name: string;
  column_name: string;
  ref_table: string;
  ref_column: string;
}

/** Every single-column foreign key of the public schema (pg_catalog: the same on PostgreSQL and PGlite). */
async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  return sqlRows<ForeignKey>(
    db,
    sql`select rel.relname as table_name, col.attname as column_name,
               ref.relname as ref_table, refcol.attname as ref_column
          from pg_constraint con
          join pg_class rel on rel.oid = con.conrelid
          join pg_class ref on ref.oid = con.confrelid
          join pg_attribute col on col.attrelid = con.conrelid and col.attnum = con.conkey[1]
          join pg_attribute refcol on refcol.attrelid = con.confrelid and refcol.attnum = con.confkey[1]
         where con.contype = 'f' and cardinality(con.conkey) = 1
           and con.connamespace = 'public'::regnamespace
         order by rel.relname, col.attname`,
  );
}

/** The columns that name a person: references to `users.id`, and references to those references. */
export async function personColumns(db: Db): Promise<PersonColumn[]> {
  const keys = await foreignKeys(db);
  const direct = keys.filter((key) => key.ref_table === 'users' && key.ref_column === 'id');
  const naming = new Set(direct.map((key) => `${key.table_name}.${key.column_name}`));
  const indirect = keys.filter((key) => naming.has(`${key.ref_table}.${key.ref_column}`));
  return [...direct, ...indirect].map((key) => ({ table: key.table_name, column: key.column_name }));
}

/**
 * Rows that name a person without a foreign key: the ledger keeps pseudonymous ids (no key, so
 * that it outlives what it certifies), a delivery names its recipient through its notification, and
 * an invitation names the address it was mailed to.
 */
const EXTRA_SOURCES: Record<string, (userId: string) => SQL> = {
  ledger_entries: (userId) =>
    sql`select * from ledger_entries where actor_id = ${userId}
          or (subject_type = 'user' and subject_id = ${userId}) order by seq`,
  team_invitations: (userId) =>
    sql`select i.* from team_invitations i join users u on lower(u.email) = i.email
         where u.id = ${userId} order by i.created_at`,
  deliveries: (userId) =>
    sql`select d.* from deliveries d join notifications n on n.id = d.notification_id
         where n.user_id = ${userId} order by d.created_at, d.id`,
};

type Row = Record<string, unknown>;

const present = (row: Row): Row =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([column]) => !SECRET_COLUMNS.has(column))
      .map(([column, value]) => [column, value instanceof Date ? value.toISOString() : value]),
  );

/** Every row of every table that names the person, by table name (the schema's own names). */
export async function personalRows(db: Db, userId: string): Promise<Record<string, Row[]>> {
  const columnsByTable = new Map<string, string[]>([['users', ['id']]]);
  for (const { table, column } of await personColumns(db))
    columnsByTable.set(table, [...(columnsByTable.get(table) ?? []), column]);
  const tables: Record<string, Row[]> = {};
  for (const [table, columns] of [...columnsByTable].sort(([a], [b]) => a.localeCompare(b))) {
    const naming = sql.join(
      columns.map((column) => sql`${sql.identifier(column)} = ${userId}`),
      sql` or `,
    );
    const rows = await sqlRows<Row>(db, sql`select * from ${sql.identifier(table)} where ${naming}`);
    tables[table] = rows.map(present);
  }
  for (const [table, query] of Object.entries(EXTRA_SOURCES))
    tables[table] = (await sqlRows<Row>(db, query(userId))).map(present);
  return tables;
}
