import { Type } from 'typebox';
import { ROUND_KINDS, ROUND_STATUSES } from '@saishi/shared';
import { DateTime, Nullable, Uuid } from '../../lib/http-schemas.js';

/** At most this many experts are listed per round, the furthest behind first (the counts cover all). */
export const EXPERTS_LISTED = 100;

const ExpertProgress = Type.Object({
  expertId: Uuid,
  name: Type.String(),
  assigned: Type.Integer({ description: 'Assignments that still count (active expert, or score submitted)' }),
  submitted: Type.Integer(),
});

const RoundProgress = Type.Object({
  id: Uuid,
  kind: Type.Enum(ROUND_KINDS),
  status: Type.Enum(ROUND_STATUSES),
  expertsPerProject: Type.Integer(),
  stageEndsAt: Nullable(DateTime, { description: "The end of the round's stage in the edition's timeline" }),
  projects: Type.Integer(),
  reviewedProjects: Type.Integer({ description: 'Projects with N submitted scores or more' }),
  assignments: Type.Integer({ description: 'Assignments that still count' }),
  submitted: Type.Integer({ description: 'Submitted scores' }),
  expertsBehind: Type.Integer({ description: 'Experts with an assignment not yet submitted' }),
  experts: Type.Array(ExpertProgress, {
    description: `Each expert's progress, the most assignments left first (the first ${EXPERTS_LISTED})`,
  }),
});

export const EditionProgress = Type.Object({
  edition: Type.String(),
  qualification: Type.Object({
    awaiting: Type.Integer({ description: 'Submitted teams awaiting the organizers’ decision' }),
    flagged: Type.Integer({ description: 'Teams flagged by a blacklist and not yet cleared (R-SOC-3)' }),
  }),
  rounds: Type.Array(RoundProgress),
});
