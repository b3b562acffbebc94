import { Type } from 'typebox';
import { AFFILIATION_TYPES, CONFLICT_KINDS, CONFLICT_STATUSES } from '@saishi/shared';
import { DateTime, NullableDateTime, Nullable, PageQuery, Uuid, WholeList } from '../../lib/http-schemas.js';
import { FieldCodeSchema } from '../editions/schemas.js';
import * as X from './examples.js';

const AffiliationType = Type.Enum(AFFILIATION_TYPES);
const ConflictKind = Type.Enum(CONFLICT_KINDS);
const ConflictStatus = Type.Enum(CONFLICT_STATUSES);
const CreditCode = Type.String({
  pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$',
  maxLength: 18,
  description: 'Unified social credit code (18 chars)',
});

export const Expert = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'The expert’s user id' }),
    email: Nullable(Type.String()),
    displayName: Type.String(),
    active: Type.Boolean(),
    affiliationName: Type.String({ description: 'Unit or university (单位/高校)' }),
    affiliationCreditCode: Nullable(Type.String()),
    affiliationType: AffiliationType,
    title: Type.String(),
    fieldCodes: Type.Array(FieldCodeSchema),
    topicIds: Type.Array(Uuid, { description: 'Topics the expert declared: assignment prefers them to a field' }),
  },
  { examples: [X.EXPERT_EXAMPLE] },
);

const ProfileFields = {
  affiliationName: Type.String({ minLength: 1, maxLength: 200 }),
  affiliationCreditCode: Type.Optional(Nullable(CreditCode)),
  affiliationType: Type.Optional(AffiliationType),
  title: Type.Optional(Type.String({ maxLength: 100 })),
  fieldCodes: Type.Optional(Type.Array(FieldCodeSchema, { uniqueItems: true, maxItems: 12 })),
  topicIds: Type.Optional(Type.Array(Uuid, { uniqueItems: true, maxItems: 30 })),
};

/** An existing account by id, or a new expert account by email. */
export const InviteBody = Type.Union(
  [
    Type.Object({ userId: Uuid, ...ProfileFields }, { additionalProperties: false, examples: [X.INVITE_USER_EXAMPLE] }),
    Type.Object(
      {
        email: Type.String({ format: 'email', maxLength: 200 }),
        displayName: Type.String({ minLength: 1, maxLength: 100 }),
        password: Type.Optional(
          Type.String({
            minLength: 8,
            maxLength: 128,
            description:
              'Initial password handed to the expert; without it the expert is mailed a link to choose one (preferred)',
          }),
        ),
        ...ProfileFields,
      },
      { additionalProperties: false, examples: [X.INVITE_EXAMPLE] },
    ),
  ],
  { examples: [X.INVITE_EXAMPLE] },
);

export const ExpertUpdateBody = Type.Partial(Type.Object(ProfileFields), {
  additionalProperties: false,
  minProperties: 1,
  examples: [X.EXPERT_UPDATE_EXAMPLE],
});

/** How the list of experts is ordered; each order pages with its own keyset. */
export const EXPERT_SORTS = ['name', 'affiliation', 'newest'] as const;
export const ExpertListQuery = Type.Object({
  ...PageQuery.properties,
  field: Type.Optional(FieldCodeSchema),
  sort: Type.Enum(EXPERT_SORTS, {
    default: 'name',
    description:
      '`name` (A→Z), `affiliation`: by the name of the expert’s unit (A→Z), `newest`: most recently added first',
  }),
});

export const Conflict = Type.Object(
  {
    id: Uuid,
    expertId: Uuid,
    kind: ConflictKind,
    subjectId: Nullable(Uuid),
    creditCode: Nullable(Type.String()),
    subjectName: Nullable(Type.String(), { description: 'The unit’s, team’s or project’s name' }),
    reason: Type.String(),
    declaredBy: Nullable(Uuid),
    createdAt: DateTime,
    status: Type.Enum(CONFLICT_STATUSES, {
      description:
        'An expert’s declaration is pending until an organizer confirms or rejects it; a rejected one no longer counts',
    }),
    reviewNote: Nullable(Type.String()),
    reviewedAt: NullableDateTime,
    withdrawnAt: Nullable(DateTime, { description: 'Set once withdrawn: the conflict no longer counts' }),
    withdrawalReason: Nullable(Type.String()),
  },
  { examples: [X.CONFLICT_EXAMPLE] },
);
/** A conflict as organizers list them across experts. */
export const ConflictListItem = Type.Object(
  { ...Conflict.properties, expertName: Type.String() },
  { examples: [X.CONFLICT_LIST_ITEM_EXAMPLE] },
);
export const ConflictListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(ConflictStatus),
});
export const ConflictParams = Type.Object({ id: Uuid, conflictId: Uuid });
export const ConflictWithdrawBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false, examples: [X.CONFLICT_WITHDRAW_EXAMPLE] },
);
export const ConflictReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
    note: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false, examples: [X.CONFLICT_REVIEW_EXAMPLE] },
);
export const ConflictSubjectQuery = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S', description: 'Words of the name' }),
    kind: Type.Optional(ConflictKind),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'At most this many of each kind' }),
  },
  { additionalProperties: false },
);
export const ConflictSubjectList = WholeList(
  Type.Object(
    {
      kind: ConflictKind,
      id: Uuid,
      name: Type.String(),
      editionName: Type.String(),
      creditCode: Nullable(Type.String(), { description: 'A unit’s credit code' }),
    },
    { examples: [X.CONFLICT_SUBJECT_EXAMPLE] },
  ),
);

export const ConflictBody = Type.Object(
  {
    kind: ConflictKind,
    subjectId: Type.Optional(Uuid),
    creditCode: Type.Optional(CreditCode),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false, examples: [X.CONFLICT_BODY_EXAMPLE] },
);

export const InvitationSent = Type.Object(
  { sentTo: Type.String({ format: 'email', description: 'The e-mail address the new link went to' }) },
  { examples: [X.INVITATION_SENT_EXAMPLE] },
);
