import { Type } from 'typebox';
import {
  CERTIFIED_TABLES,
  LEDGER_ACTIONS,
  LEDGER_BREAK_REASONS,
  LEDGER_ROW_PROBLEMS,
  LEDGER_SUBJECT_TYPES,
} from '@saishi/shared';
import { DateTime, Nullable, PageQuery, Uuid } from '../../lib/http-schemas.js';

export const Verification = Type.Object({
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
});

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

export const Entry = Type.Object({
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
});
