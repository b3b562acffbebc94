import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../lib/deps.js';
import { keptPerDatabase } from './prepared.js';
import * as schema from './tables.js';

const { Pool } = pg;

/**
 * Rows asked for as arrays are drizzle's typed selects, which map them into new objects as soon as
 * the answer comes; `pg`'s result still refers to them. The result lives as long as its query
 * waits, and an export's queries wait while the page before is written (hundreds of MiB allocated
 * per export): a scavenge meanwhile moves the result to the old heap, and from there it keeps its
 * rows alive through every scavenge until the next full collection. An export of 20,000 projects
 * promoted tens of MiB of rows that way. Its rows are emptied once the answer's readers have run
 * (after the microtasks of the turn that delivered it).
 */
function lettingGoOfRows(pool: pg.Pool): pg.Pool {
  const reads = Object.create(pool) as pg.Pool;
  const query = (config: unknown, values?: unknown) => {
    const answer = (pool.query as (config: unknown, values?: unknown) => Promise<pg.QueryResult>).call(
      pool,
      config,
      values,
    );
    if ((config as { rowMode?: unknown } | null)?.rowMode === 'array') {
      answer.then(
        (result) => setImmediate(() => (result.rows.length = 0)),
        () => {},
      );
    }
    return answer;
  };
  return Object.assign(reads, { query });
}

/**
 * `db` for the many pages of an export: the same pool and connections, but pg's rows let go of
 * once drizzle has mapped them (`lettingGoOfRows`), which other reads need not pay for. A
 * transaction (its own client, no pool) reads as it is.
 */
export const pagedReads = keptPerDatabase((db): Db => {
  const pool = (db as { $client?: unknown }).$client;
  // A transaction's client is a checked-out connection, not the pool.
  if (!(pool instanceof Pool)) return db;
  return drizzle({ client: lettingGoOfRows(pool), schema, casing: 'snake_case' });
});
