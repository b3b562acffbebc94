import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeChangedTables, startAutoAnalyze } from './auto-analyze.js';
import { openDatabase, type DatabaseHandle } from './client.js';

// The embedded database's stand-in for autovacuum's analyze: PGlite has no autovacuum worker, and
// without statistics the planner guesses its plans.

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://' });
});

afterAll(async () => {
  await handle?.close();
});

/** When the table was last analyzed (null: never), as the statistics views tell. */
async function lastAnalyzed(table: string): Promise<Date | null> {
  const { rows } = await handle.pool.query<{ at: Date | null }>(
    'select last_analyze as at from pg_stat_user_tables where relname = $1',
    [table],
  );
  return rows[0]?.at ?? null;
}

/** Polls until `check` answers true (the statistics of a change are flushed about once a second). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not within the time limit');
    await delay(100);
  }
}

describe("the embedded database's automatic analyze", () => {
  it('analyzes a table once more of it changed than autovacuum lets change, and then leaves it', async () => {
    await handle.pool.query('create table analyze_probe (id int primary key, name text)');
    await handle.pool.query(`insert into analyze_probe select n, 'team ' || n from generate_series(1, 1000) n`);
    expect(await lastAnalyzed('analyze_probe')).toBeNull();
    let analyzed: string[] = [];
    await eventually(async () => (analyzed = await analyzeChangedTables(handle.pool)).length > 0);
    expect(analyzed).toContain('public.analyze_probe');
    expect(await lastAnalyzed('analyze_probe')).not.toBeNull();
    const { rows } = await handle.pool.query<{ tuples: number; columns: number }>(
      `select c.reltuples::int as tuples, (select count(*)::int from pg_stats where tablename = 'analyze_probe') as columns
         from pg_class c where c.relname = 'analyze_probe'`,
    );
    expect(rows[0]).toEqual({ tuples: 1000, columns: 2 });

    // 50 + 10 % of 1,000 rows: 100 changed rows are not enough, 200 are.
    await handle.pool.query('update analyze_probe set name = name where id <= 100');
    await delay(1_500);
    expect(await analyzeChangedTables(handle.pool)).not.toContain('public.analyze_probe');
    await handle.pool.query('update analyze_probe set name = name where id <= 200');
    await eventually(async () => (await analyzeChangedTables(handle.pool)).includes('public.analyze_probe'));
  }, 30_000);

  it('checks the tables on a timer until stopped', async () => {
    await handle.pool.query('create table analyze_timed (id int primary key)');
    await handle.pool.query('insert into analyze_timed select generate_series(1, 500)');
    const auto = startAutoAnalyze(handle.pool, 200);
    try {
      await eventually(async () => (await lastAnalyzed('analyze_timed')) !== null);
    } finally {
      await auto.stop();
    }
  }, 30_000);
});
