import { Type } from 'typebox';
import {
  CERTIFIED_TABLES,
  LEDGER_ACTIONS,
  LEDGER_BREAK_REASONS,
  LEDGER_ROW_PROBLEMS,
  LEDGER_SUBJECT_TYPES,
} from '@saishi/shared';
import { REVIEW_IDS } from '../../lib/examples.js';
import { DateTime, Nullable, PageQuery, Uuid } from '../../lib/http-schemas.js';

const VERIFICATION_EXAMPLE = {
  valid: true,
  entries: 1873,
  headHash: '3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c',
  firstBroken: null,
  brokenRows: [],
};

const ENTRY_EXAMPLE = {
  seq: 1873,
  prevHash: '8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f',
  hash: VERIFICATION_EXAMPLE.headHash,
  action: 'score.submitted',
  actorId: REVIEW_IDS.expert,
  actorName: '韦志强',
  subjectType: 'score',
  subjectId: REVIEW_IDS.score,
  payload: {
    assignmentId: REVIEW_IDS.assignment,
    roundId: REVIEW_IDS.round,
    projectId: REVIEW_IDS.project,
    expertId: REVIEW_IDS.expert,
    values: { innovation: 26, value: 27, data: 18, feasibility: 15.5 },
    total: 86.5,
  },
  at: '2024-08-28T21:14:05.000+08:00',
  certifies: {
    table: 'scores',
    rowId: REVIEW_IDS.score,
    digest: 'c0ffee5e1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5',
  },
};

export const Verification = Type.Object(
  {
    valid: Type.Boolean(),
    entries: Type.Integer({ description: 'Entries verified before the first broken link (all of them when valid)' }),
    headHash: Type.String({ description: 'Hash of the last verified entry' }),
    firstBroken: Nullable(Type.Object({ seq: Type.Integer(), reason: Type.Enum(LEDGER_BREAK_REASONS) })),
    brokenRows: Type.Array(
      Type.Object({
        table: Type.Enum(CERTIFIED_TABLES),
        rowId: Type.String(),
        seq: Nullable(Type.Integer({ description: 'The last entry naming the row; null when none does' })),
        problem: Type.Enum(LEDGER_ROW_PROBLEMS),
      }),
      { description: 'Live certified rows (scores, qualification decisions, awards) that disagree with the ledger' },
    ),
  },
  { examples: [VERIFICATION_EXAMPLE] },
);

/** Who did what: entries filtered by action, actor, subject and time, all optional. */
export const LedgerQuery = Type.Object({
  ...PageQuery.properties,
  action: Type.Optional(Type.Enum(LEDGER_ACTIONS)),
  actorId: Type.Optional(Uuid),
  subjectType: Type.Optional(Type.Enum(LEDGER_SUBJECT_TYPES)),
  subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this instant' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this instant' })),
});

export const Entry = Type.Object(
  {
    seq: Type.Integer(),
    prevHash: Type.String(),
    hash: Type.String(),
    action: Type.String(),
    actorId: Nullable(Type.String()),
    actorName: Nullable(Type.String({ description: 'The display name of the actor; null for the platform' })),
    subjectType: Type.String(),
    subjectId: Type.String(),
    payload: Type.Record(Type.String(), Type.Unknown()),
    at: DateTime,
    certifies: Nullable(
      Type.Object(
        { table: Type.Enum(CERTIFIED_TABLES), rowId: Type.String(), digest: Nullable(Type.String()) },
        { description: 'The certified row this decision wrote (digest of its content), or voided (digest null)' },
      ),
    ),
  },
  { examples: [ENTRY_EXAMPLE] },
);
