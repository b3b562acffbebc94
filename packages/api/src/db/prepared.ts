import type { Db } from '../lib/deps.js';

/**
 * A value made once per database handle (or transaction) and kept while the handle lives: an
 * export's reader (./paged-reads.ts), or the prepared queries of hot reads, whose values are
 * placeholders bound at each execution. Building a query with drizzle (its selection, casing, SQL
 * text) cost more CPU than PostgreSQL spent running a small one. Prepare them unnamed
 * (`.prepare('')`): PostgreSQL connections then prepare them by their text
 * (./statement-names.ts), and the embedded database runs them as they come.
 */
export function keptPerDatabase<Value>(make: (db: Db) => Value): (db: Db) => Value {
  const kept = new WeakMap<Db, Value>();
  return (db) => {
    let value = kept.get(db);
    if (value === undefined) kept.set(db, (value = make(db)));
    return value;
  };
}
