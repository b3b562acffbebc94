import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import type pg from 'pg';

/** The schema pg-boss keeps its queues and jobs in, next to the platform's tables. */
export const JOBS_SCHEMA = 'pgboss';

/** The schema version of the installed pg-boss (its `version.json`), which `installJobsSchema` brings. */
export const JOBS_SCHEMA_VERSION = (createRequire(import.meta.url)('pg-boss/version.json') as { schema: number })
  .schema;

/** pg-boss's connection: through one of the platform's `pg` pools, on PostgreSQL and PGlite alike. */
export function jobsDatabase(pool: pg.Pool): { db: PgBoss.Db; schema: string } {
  return { db: { executeSql: (text, values) => pool.query(text, values) }, schema: JOBS_SCHEMA };
}

/**
 * Creates or upgrades pg-boss's schema (pg-boss's own migrations, run under its advisory lock);
 * part of `migrate()`, so that a migrated database, the tests' template too, already has it.
 */
export async function installJobsSchema(pool: pg.Pool): Promise<void> {
  const boss = new PgBoss({ ...jobsDatabase(pool), supervise: false, schedule: false, migrate: true });
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false, wait: true, close: false });
}
