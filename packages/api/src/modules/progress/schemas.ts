import { Type } from 'typebox';
import { ROUND_KINDS, ROUND_STATUSES } from '@saishi/shared';
import { REVIEW_IDS } from '../../lib/examples.js';
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

const PROGRESS_EXAMPLE = {
  edition: '2024-guangxi',
  qualification: { awaiting: 12, flagged: 1 },
  rounds: [
    {
      id: REVIEW_IDS.round,
      kind: 'preliminary',
      status: 'open',
      expertsPerProject: 3,
      stageEndsAt: '2024-09-01T00:00:00.000+08:00',
      projects: 134,
      reviewedProjects: 97,
      assignments: 402,
      submitted: 335,
      expertsBehind: 9,
      experts: [
        { expertId: REVIEW_IDS.expert, name: '韦志强', assigned: 10, submitted: 4 },
        { expertId: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b', name: '黄丽萍', assigned: 10, submitted: 7 },
      ],
    },
  ],
};

export const EditionProgress = Type.Object(
  {
    edition: Type.String(),
    qualification: Type.Object({
      awaiting: Type.Integer({ description: 'Submitted teams awaiting the organizers’ decision' }),
      flagged: Type.Integer({ description: 'Teams flagged by a blacklist and not yet cleared (R-SOC-3)' }),
    }),
    rounds: Type.Array(RoundProgress),
  },
  { examples: [PROGRESS_EXAMPLE] },
);
