import type pg from 'pg';

// PostgreSQL's autovacuum keeps the planner's statistics: it analyzes a table once enough of it
// changed. The embedded database has no autovacuum worker (PGlite is one backend), so its tables
// were never analyzed, and the planner guessed: at thousands of teams it took an edition's index
// for as selective as the trigram index of their names, and read every team of the edition to
// search one. These functions do what autovacuum's analyze does, for the embedded database.

/** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, PostgreSQL's defaults. */
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE_FACTOR = 0.1;

/** How often the embedded database's tables are checked (autovacuum_naptime is 60 s). */
export const AUTO_ANALYZE_INTERVAL_MS = 60_000;

/**
 * Analyzes the tables changed enough since their last analysis, by autovacuum's rule (more rows
 * inserted, updated or deleted than 50 + 10 % of the table), and answers their names.
 */
export async function analyzeChangedTables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select format('%I.%I', s.schemaname, s.relname) as name
       from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.n_mod_since_analyze > $1 + $2 * greatest(c.reltuples, 0)
      order by s.schemaname, s.relname`,
    [ANALYZE_THRESHOLD, ANALYZE_SCALE_FACTOR],
  );
  const names = rows.map((row) => row.name);
  if (names.length > 0) await pool.query(`analyze ${names.join(', ')}`);
  return names;
}

/**
 * Checks the tables every `intervalMs` (one check at a time; a failed one waits for the next) until
 * stopped. The timer does not keep the process alive.
 */
export function startAutoAnalyze(pool: pg.Pool, intervalMs = AUTO_ANALYZE_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= analyzeChangedTables(pool)
      .catch(() => {})
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
