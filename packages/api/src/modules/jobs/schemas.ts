import { Type } from 'typebox';
import { JOB_STATES } from '@saishi/shared';
import { REVIEW_IDS } from '../../lib/examples.js';
import { AUTO_ASSIGN_EXAMPLE } from '../review/examples.js';
import { DateTime, Nullable, PageQuery } from '../../lib/http-schemas.js';

const JOB_EXAMPLE = {
  id: REVIEW_IDS.job,
  queue: 'review.auto-assign',
  state: 'completed',
  retryCount: 0,
  retryLimit: 2,
  createdAt: '2024-08-16T09:00:00.000+08:00',
  startAfter: '2024-08-16T09:00:00.000+08:00',
  startedAt: '2024-08-16T09:00:01.204+08:00',
  completedAt: '2024-08-16T09:00:07.881+08:00',
  error: null,
};

const JOB_DETAIL_EXAMPLE = {
  ...JOB_EXAMPLE,
  progress: { phase: 'assigning', done: 402, total: 402 },
  result: AUTO_ASSIGN_EXAMPLE,
};

export const Job = Type.Object(
  {
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
  },
  { examples: [JOB_EXAMPLE] },
);

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
export const JobDetail = Type.Object(
  { ...Job.properties, ...JobProgress.properties },
  { examples: [JOB_DETAIL_EXAMPLE] },
);

export const JobListQuery = Type.Object({
  ...PageQuery.properties,
  state: Type.Optional(Type.Enum(JOB_STATES)),
  queue: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const JobSummary = Type.Object(
  {
    queues: Type.Array(
      Type.Object({
        queue: Type.String(),
        counts: Type.Object(Object.fromEntries(JOB_STATES.map((state) => [state, Type.Integer()]))),
      }),
    ),
  },
  {
    examples: [
      {
        queues: [
          {
            queue: 'messages.deliver',
            counts: { created: 3, retry: 1, active: 0, completed: 1286, failed: 2, cancelled: 0 },
          },
          {
            queue: 'review.auto-assign',
            counts: { created: 0, retry: 0, active: 0, completed: 2, failed: 0, cancelled: 0 },
          },
        ],
      },
    ],
  },
);
