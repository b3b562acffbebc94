import { Type } from 'typebox';
import { LEDGER_BREAK_REASONS } from '@saishi/shared';
import { DateTime, Nullable } from '../../lib/http-schemas.js';

export const Verification = Type.Object({
  valid: Type.Boolean(),
  entries: Type.Integer({ description: 'Entries verified before the first broken link (all of them when valid)' }),
  headHash: Type.String({ description: 'Hash of the last verified entry' }),
  firstBroken: Nullable(Type.Object({ seq: Type.Integer(), reason: Type.Enum(LEDGER_BREAK_REASONS) })),
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
});
