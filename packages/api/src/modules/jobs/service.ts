import { eq, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { JOB_STATES, type JobState } from '@saishi/shared';
import { JOBS_SCHEMA } from '../../db/jobs-schema.js';
import type { Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, instantKey, instantParam, toPage } from '../../lib/pagination.js';
import type { JobRunner } from '../../plugins/jobs.js';
import type { Job, JobDetail, JobListQuery, JobSummary } from './schemas.js';
import { jobProgress } from './tables.js';

type JobItem = Static<typeof Job>;

/** pg-boss's job table (its own schema, not drizzle's): read here, written by pg-boss only. */
const jobTable = sql.raw(`${JOBS_SCHEMA}.job`);

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  retry_count: number;
  retry_limit: number;
  created_at: string;
  start_after: string;
  started_on: string | null;
  completed_on: string | null;
  error: string | null;
  cursor_at: string;
}

/** Rows of a raw query: the driver is node-postgres on either database, whose result has `rows`. */
async function select<Row>(deps: Deps, query: SQL): Promise<Row[]> {
  const result: unknown = await deps.db.execute(query);
  return (result as { rows: Row[] }).rows;
}

/** An instant as ISO 8601 text in UTC (a raw query's timestamps are not parsed by drizzle). */
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

// `created_at`, not `created_on`: an ORDER BY name means the output column first, and the list is
// ordered (and its cursor compared) by the column's microseconds, not by this text's milliseconds.
const columns = sql`id, name, state::text as state, retry_count, retry_limit, ${iso('created_on')} as created_at,
  ${iso('start_after')} as start_after, ${iso('started_on')} as started_on, ${iso('completed_on')} as completed_on,
  output->>'message' as error, ${instantKey(sql`created_on`)} as cursor_at`;

const toItem = (row: JobRow): JobItem => ({
  id: row.id,
  queue: row.name,
  state: row.state,
  retryCount: row.retry_count,
  retryLimit: row.retry_limit,
  createdAt: row.created_at,
  startAfter: row.start_after,
  startedAt: row.started_on,
  completedAt: row.completed_on,
  // Only a try that failed says why; a completed job's output is its result, not shown.
  error: row.state === 'completed' ? null : row.error,
});

/** Jobs newest first, by state and queue: what waits, what runs, what failed and why. */
export async function listJobs(deps: Deps, query: Static<typeof JobListQuery>) {
  const after = query.cursor ? decodeCursor(query.cursor, ['instant', 'uuid'] as const) : null;
  const filters = [
    query.state ? sql`state::text = ${query.state}` : undefined,
    query.queue ? sql`name = ${query.queue}` : undefined,
  ].filter((condition) => condition !== undefined);
  const whereOf = (conditions: SQL[]) =>
    conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const afterCursor = after ? [sql`(created_on, id) < (${instantParam(after[0])}, ${after[1]}::uuid)`] : [];
  const rows = await select<JobRow>(
    deps,
    sql`select ${columns} from ${jobTable} ${whereOf([...filters, ...afterCursor])}
      order by created_on desc, id desc limit ${query.limit + 1}`,
  );
  const [counted] = await select<{ total: number }>(
    deps,
    sql`select count(*)::int as total from ${jobTable} ${whereOf(filters)}`,
  );
  return toPage(rows, query.limit, toItem, (row) => [row.cursor_at, row.id], counted?.total ?? 0);
}

/** A job with how far it has come and, once completed, its result (when the job reports them). */
export async function getJob(deps: Deps, id: string): Promise<Static<typeof JobDetail>> {
  const [row] = await select<JobRow>(deps, sql`select ${columns} from ${jobTable} where id = ${id}`);
  if (!row) throw notFound('JOB_NOT_FOUND', { id });
  const [progress] = await deps.db.select().from(jobProgress).where(eq(jobProgress.jobId, id));
  return {
    ...toItem(row),
    progress: progress ? { phase: progress.phase, done: progress.done, total: progress.total } : null,
    result: row.state === 'completed' ? (progress?.result ?? null) : null,
  };
}

/**
 * Records how far a job has come (`done` of `total` in `phase`) or, with `result`, what it
 * produced. Written on the database itself, not in the job's transaction: it shows while the job runs.
 */
export async function reportJobProgress(
  deps: Pick<Deps, 'db' | 'clock'>,
  jobId: string,
  progress: { phase: string; done?: number; total?: number; result?: Record<string, unknown> },
): Promise<void> {
  const row = {
    phase: progress.phase,
    done: progress.done ?? 0,
    total: progress.total ?? 0,
    ...(progress.result ? { result: progress.result } : {}),
    updatedAt: deps.clock.now(),
  };
  await deps.db
    .insert(jobProgress)
    .values({ jobId, ...row })
    .onConflictDoUpdate({ target: jobProgress.jobId, set: row });
}

/** Marks a job just sent as queued, unless its worker (woken at once) already reported further. */
export async function reportJobQueued(deps: Pick<Deps, 'db' | 'clock'>, jobId: string): Promise<void> {
  await deps.db
    .insert(jobProgress)
    .values({ jobId, phase: 'queued', updatedAt: deps.clock.now() })
    .onConflictDoNothing();
}

/** Queues a failed job for one more try; any other state is a 409 naming it. */
export async function retryJob(deps: Deps, jobs: JobRunner, id: string) {
  const job = await getJob(deps, id);
  if (job.state !== 'failed') throw new DomainError('JOB_NOT_FAILED', 409, { params: { id, state: job.state } });
  await jobs.retry(job.queue, id);
  return getJob(deps, id);
}

/** How many jobs each queue holds in each state. */
export async function summarizeJobs(deps: Deps): Promise<Static<typeof JobSummary>> {
  const rows = await select<{ name: string; state: JobState; count: string }>(
    deps,
    sql`select name, state::text as state, count(*) as count from ${jobTable} group by name, state order by name`,
  );
  const queues = new Map<string, Record<JobState, number>>();
  for (const row of rows) {
    const counts = queues.get(row.name) ?? (Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as never);
    counts[row.state] = Number(row.count);
    queues.set(row.name, counts);
  }
  return { queues: [...queues].map(([queue, counts]) => ({ queue, counts })) };
}
