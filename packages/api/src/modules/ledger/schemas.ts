import { Type } from 'typebox';
import { CERTIFIED_TABLES, LEDGER_BREAK_REASONS, LEDGER_ROW_PROBLEMS } from '@saishi/shared';
import { DateTime, Nullable } from '../../lib/http-schemas.js';

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

export const Entry = Type.Object({
  seq: Type.Integer(),
  prevHash: Type.String(),
  hash: Type.String(),
  action: Type.String(),
  actorId: Nullable(Type.String()),
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
