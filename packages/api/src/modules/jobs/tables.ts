import { check, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * How far a long job has come and, once done, what it produced: written by the job (outside its
 * own transaction, so that it shows while the job runs) and read with the job (GET /jobs/{id}).
 * pg-boss keeps the job itself; this row shares its id.
 */
export const jobProgress = pgTable(
  'job_progress',
  {
    jobId: uuid().primaryKey(),
    /** The step the job is at, e.g. `planning`, `assigning` (each job documents its own). */
    phase: text().notNull(),
    done: integer().notNull().default(0),
    total: integer().notNull().default(0),
    /** The job's answer when it completed (what the synchronous request would have returned). */
    result: jsonb().$type<Record<string, unknown>>(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [check('job_progress_counts', sql`${table.done} >= 0 and ${table.total} >= 0`)],
);
