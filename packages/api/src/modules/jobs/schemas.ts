import { Type } from 'typebox';
import { JOB_STATES } from '@saishi/shared';
import { DateTime, Nullable, PageQuery } from '../../lib/http-schemas.js';

export const Job = Type.Object({
  id: Type.String({ format: 'uuid' }),
  queue: Type.String({ description: 'What the job does, e.g. `messages.deliver`' }),
  state: Type.Enum(JOB_STATES),
  retryCount: Type.Integer({ description: 'Tries that failed and were retried' }),
  retryLimit: Type.Integer({ description: 'Retries allowed before the job fails for good' }),
  createdAt: DateTime,
  startAfter: Type.String({ format: 'date-time', description: 'Not run before this instant (retries back off)' }),
  startedAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  error: Nullable(Type.String(), { description: 'Why the last try failed' }),
});

/** How far a long job has come and what it produced, when the job reports it. */
export const JobProgress = Type.Object({
  progress: Nullable(
    Type.Object({
      phase: Type.String({ description: 'The step the job is at, e.g. `planning`, `assigning`' }),
      done: Type.Integer({ minimum: 0 }),
      total: Type.Integer({ minimum: 0, description: 'Units of work in the phase (0 when not counted)' }),
    }),
    { description: 'Reported by long jobs (automatic assignment); null for the others' },
  ),
  result: Nullable(Type.Record(Type.String(), Type.Unknown()), {
    description: "A completed job's answer: what the synchronous request would have returned",
  }),
});

/** One job with its progress and result (GET /jobs/{id}). */
export const JobDetail = Type.Object({ ...Job.properties, ...JobProgress.properties });

export const JobListQuery = Type.Object({
  ...PageQuery.properties,
  state: Type.Optional(Type.Enum(JOB_STATES)),
  queue: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const JobSummary = Type.Object({
  queues: Type.Array(
    Type.Object({
      queue: Type.String(),
      counts: Type.Object(Object.fromEntries(JOB_STATES.map((state) => [state, Type.Integer()]))),
    }),
  ),
});
