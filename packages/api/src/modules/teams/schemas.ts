import { Type } from 'typebox';
import {
  BLACKLIST_LIST_KINDS,
  ENTRANT_KINDS,
  JOIN_ROLES,
  MEMBER_ROLES,
  QUALIFICATION_DECISIONS,
  QUALIFICATION_STATUSES,
  TEAM_STEP_LABELS,
  TEAM_STEPS,
  UNIT_TYPES,
  type TeamStep,
} from '@saishi/shared';
import { DateTime, Nullable, NullableDateTime, PageQuery, Uuid } from '../../lib/http-schemas.js';
import { SPREADSHEET_FORMATS } from '../../lib/spreadsheet.js';
import { AccessReason } from '../privacy/schemas.js';
import {
  CREATE_TEAM_EXAMPLE,
  DECISION_EXAMPLE,
  JOIN_TEAM_EXAMPLE,
  TEAM_EXAMPLE,
  UNIT_BODY_EXAMPLE,
  UNIT_EXAMPLE,
} from '../../lib/examples.js';
import { TrackCodeSchema } from '../editions/schemas.js';
import {
  ANNOTATION_BODY_EXAMPLE,
  ANNOTATION_EXAMPLE,
  BLACKLIST_ENTRY_EXAMPLE,
  BULK_DECISION_BODY_EXAMPLE,
  BULK_DECISION_RESULT_EXAMPLE,
  CLEAR_FLAG_BODY_EXAMPLE,
  IMPORT_REPORT_EXAMPLE,
  IMPORT_RESULT_EXAMPLE,
  INVITATION_BODY_EXAMPLE,
  INVITATION_EXAMPLE,
  MEMBER_UPDATE_BODY_EXAMPLE,
  PLEDGE_BODY_EXAMPLE,
  TRANSITION_EXAMPLE,
  UPDATE_TEAM_BODY_EXAMPLE,
} from './examples.js';

/**
 * The path from a new team to review, for the descriptions of the routes along it, with the
 * route's own step in bold: one source, the shared steps and their labels.
 */
export function teamPathNote(step: TeamStep): string {
  const path = TEAM_STEPS.filter((each) => each !== 'flag_clearance')
    .map((each) => (each === step ? `**${TEAM_STEP_LABELS[each].en}**` : TEAM_STEP_LABELS[each].en))
    .join(' → ');
  return `The path to review: ${path}. The team’s \`missing\` list (GET /teams/{id}) names its next steps in this order.`;
}

export const MemberParams = Type.Object({ id: Uuid, userId: Uuid });

const UnitType = Type.Enum(UNIT_TYPES);
const QualificationStatus = Type.Enum(QUALIFICATION_STATUSES);
const ListKind = Type.Enum(BLACKLIST_LIST_KINDS);

// Units (参赛单位)

export const Unit = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    name: Type.String(),
    type: UnitType,
    creditCode: Type.String({ description: 'Unified social credit code (GB 32100-2015)' }),
    region: Type.String(),
    blacklisted: Type.Boolean({ description: 'On an imported 信用中国 list (R-SOC-3)' }),
    createdAt: DateTime,
  },
  { examples: [UNIT_EXAMPLE] },
);

export const UnitBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    type: UnitType,
    creditCode: Type.String({ minLength: 1, maxLength: 40 }),
    region: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false, examples: [UNIT_BODY_EXAMPLE] },
);

export const UnitListQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({ maxLength: 100 })),
  creditCode: Type.Optional(Type.String({ maxLength: 40 })),
  type: Type.Optional(UnitType),
});

// Blacklists (信用中国 lists, R-SOC-3)

export const BlacklistEntry = Type.Object(
  {
    id: Uuid,
    creditCode: Type.String(),
    name: Type.String(),
    listKind: ListKind,
    sourceDate: Type.String({ format: 'date' }),
    importId: Uuid,
    importedAt: DateTime,
  },
  { examples: [BLACKLIST_ENTRY_EXAMPLE] },
);

export const BlacklistQuery = Type.Object({
  ...PageQuery.properties,
  creditCode: Type.Optional(Type.String({ maxLength: 40 })),
  listKind: Type.Optional(ListKind),
});

const RowReport = Type.Object({
  row: Type.Integer({ description: 'Line (CSV) or row (XLSX) number in the file, the header being 1' }),
  creditCode: Type.String(),
  name: Type.String(),
  listKind: Type.String({ description: 'The list kind code, or what the file said when it is not one' }),
  sourceDate: Type.String(),
  valid: Type.Boolean(),
  errors: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
  affectedTeamIds: Type.Array(Uuid),
});

export const ImportReport = Type.Object(
  {
    total: Type.Integer(),
    valid: Type.Integer(),
    invalid: Type.Integer(),
    affectedTeamIds: Type.Array(Uuid),
    rows: Type.Array(RowReport),
  },
  { examples: [IMPORT_REPORT_EXAMPLE] },
);

export const ImportResult = Type.Object(
  {
    ...ImportReport.properties,
    importId: Uuid,
    imported: Type.Integer(),
    flaggedTeamIds: Type.Array(Uuid),
  },
  { examples: [IMPORT_RESULT_EXAMPLE] },
);

// Teams, members, documents

export const Team = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    trackId: Uuid,
    trackCode: TrackCodeSchema,
    name: Type.String(),
    entrantKind: Type.Enum(ENTRANT_KINDS),
    leaderUserId: Uuid,
    qualificationStatus: QualificationStatus,
    inviteCode: Type.String({ description: 'Share it (or a link carrying it) to invite members' }),
    units: Type.Array(
      Type.Object({
        unitId: Uuid,
        name: Type.String(),
        type: UnitType,
        creditCode: Type.String(),
        isLead: Type.Boolean(),
        blacklisted: Type.Boolean(),
        listKinds: Type.Array(ListKind, {
          description: 'The 信用中国 lists naming the unit (R-SOC-3): why the team is flagged',
        }),
      }),
    ),
    members: Type.Array(
      Type.Object({
        userId: Uuid,
        role: Type.Enum(MEMBER_ROLES),
        displayName: Type.String(),
        email: Nullable(Type.String()),
        studentNumber: Nullable(Type.String()),
        hasStudentId: Type.Boolean(),
        joinedAt: DateTime,
      }),
    ),
    hasCommitmentLetter: Type.Boolean(),
    pledgeAcceptedAt: NullableDateTime,
    flaggedAt: Nullable(DateTime, {
      description:
        'Set when a blacklist import listed a unit of the team (R-SOC-3): until an organizer clears it with a reason, the team is in no review round and wins no award',
    }),
    flagReason: Nullable(
      Type.String({
        description: 'The rule of the flag (`R-SOC-3`); `units[].listKinds` name the lists that list a unit',
      }),
    ),
    missing: Type.Array(
      Type.Object({
        step: Type.Enum(TEAM_STEPS, {
          description:
            'The step of the path to review this item belongs to, in order: complete_members → pledge_and_letter → submit_team → organizer_approval → create_project → submit_version (and flag_clearance for a flagged team)',
        }),
        code: Type.String({
          description:
            'A rule that still blocks the step, or the STEP_* message saying what to do next and by which request',
        }),
        ruleId: Nullable(Type.String()),
        path: Type.String(),
        params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
          description:
            'Values of the catalog message of `code` (`formatMessage(code, locale, params)` from @saishi/shared); `{}` when none',
        }),
      }),
      {
        description:
          'The next steps of the team, in path order: what blocks submitting the team, then submitting it, the organizers’ approval, creating the project and submitting its first version; empty once the project has a submitted version',
      },
    ),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { examples: [TEAM_EXAMPLE] },
);

const TeamUnitsBody = Type.Array(
  Type.Object({ unitId: Uuid, isLead: Type.Boolean() }, { additionalProperties: false }),
  { maxItems: 20 },
);
const StudentNumber = Type.String({ minLength: 1, maxLength: 40 });

export const CreateTeamBody = Type.Object(
  {
    edition: Type.String({ minLength: 1, maxLength: 64, default: 'current' }),
    track: TrackCodeSchema,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    entrantKind: Type.Enum(ENTRANT_KINDS),
    units: Type.Optional(TeamUnitsBody),
    studentNumber: Type.Optional(StudentNumber),
  },
  { additionalProperties: false, examples: [CREATE_TEAM_EXAMPLE] },
);

export const UpdateTeamBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    entrantKind: Type.Optional(Type.Enum(ENTRANT_KINDS)),
    units: Type.Optional(TeamUnitsBody),
  },
  { additionalProperties: false, minProperties: 1, examples: [UPDATE_TEAM_BODY_EXAMPLE] },
);

/** How the organizers' list of teams is ordered; each order pages with its own keyset. */
export const TEAM_SORTS = ['updated', 'recent', 'name', 'newest'] as const;
const teamFilters = {
  edition: Type.Optional(Type.String({ maxLength: 64 })),
  track: Type.Optional(TrackCodeSchema),
  status: Type.Optional(QualificationStatus),
  flagged: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
};
export const TeamFilterQuery = Type.Object(teamFilters);
export const TeamListQuery = Type.Object({
  ...PageQuery.properties,
  sort: Type.Enum(TEAM_SORTS, {
    default: 'updated',
    description:
      '`updated`: least recently changed first (the qualification queue); `recent`: most recently changed first; `name` (A→Z); `newest`: most recently registered first',
  }),
  ...teamFilters,
});
export const TeamExportQuery = Type.Object({
  ...teamFilters,
  format: Type.Enum(SPREADSHEET_FORMATS, { default: 'csv' }),
  reason: Type.Optional({
    ...AccessReason,
    description:
      'Unmasks the leaders’ mobile and e-mail (organizers with `personalData.view`), logged for each leader as `export`. Without it they are masked (138****0001); either way every person named in the file is logged (`export_masked`), under one `teams/export/{id}` resource per export',
  }),
});

export const JoinBody = Type.Object(
  {
    inviteCode: Type.String({ minLength: 4, maxLength: 64 }),
    role: Type.Enum(JOIN_ROLES, {
      default: 'member',
      description: '`advisor` (指导老师) in the university track only',
    }),
    studentNumber: Type.Optional(StudentNumber),
  },
  { additionalProperties: false, examples: [JOIN_TEAM_EXAMPLE] },
);

export const InvitationBody = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254, description: 'Where the invitation link goes' }) },
  { additionalProperties: false, examples: [INVITATION_BODY_EXAMPLE] },
);

export const Invitation = Type.Object(
  {
    teamId: Uuid,
    email: Type.String({ description: 'The address invited, lower-cased' }),
    createdAt: DateTime,
  },
  { examples: [INVITATION_EXAMPLE] },
);

export const MemberUpdateBody = Type.Object(
  { studentNumber: StudentNumber },
  { additionalProperties: false, examples: [MEMBER_UPDATE_BODY_EXAMPLE] },
);

export const PledgeBody = Type.Object(
  { accept: Type.Literal(true) },
  { additionalProperties: false, examples: [PLEDGE_BODY_EXAMPLE] },
);

// Qualification review (资格审核), flags and annotations

const Decision = {
  decision: Type.Enum(QUALIFICATION_DECISIONS),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
};
export const DecisionBody = Type.Object(Decision, { additionalProperties: false, examples: [DECISION_EXAMPLE] });
export const BulkDecisionBody = Type.Object(
  { teamIds: Type.Array(Uuid, { minItems: 1, maxItems: 200 }), ...Decision },
  { additionalProperties: false, examples: [BULK_DECISION_BODY_EXAMPLE] },
);
export const BulkDecisionResult = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        teamId: Uuid,
        ok: Type.Boolean(),
        status: Nullable(QualificationStatus),
        code: Nullable(Type.String()),
        ruleId: Nullable(Type.String()),
      }),
    ),
  },
  { examples: [BULK_DECISION_RESULT_EXAMPLE] },
);

export const Transition = Type.Object(
  {
    id: Uuid,
    fromStatus: QualificationStatus,
    toStatus: QualificationStatus,
    actorUserId: Nullable(Uuid),
    actorName: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    at: DateTime,
  },
  { examples: [TRANSITION_EXAMPLE] },
);

export const Annotation = Type.Object(
  {
    id: Uuid,
    teamId: Uuid,
    authorUserId: Nullable(Uuid),
    body: Type.String(),
    createdAt: DateTime,
  },
  { examples: [ANNOTATION_EXAMPLE] },
);
export const AnnotationBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false, examples: [ANNOTATION_BODY_EXAMPLE] },
);

export const ClearFlagBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false, examples: [CLEAR_FLAG_BODY_EXAMPLE] },
);
