import { Type } from 'typebox';
import { AFFILIATION_TYPES, CONFLICT_KINDS } from '@saishi/shared';
import { DateTime, Nullable, PageQuery, Uuid } from '../../lib/http-schemas.js';
import { FieldCodeSchema } from '../editions/schemas.js';

const AffiliationType = Type.Enum(AFFILIATION_TYPES);
const ConflictKind = Type.Enum(CONFLICT_KINDS);
const CreditCode = Type.String({
  pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$',
  maxLength: 18,
  description: 'Unified social credit code (18 chars)',
});

export const Expert = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The expert’s user id' }),
  email: Nullable(Type.String()),
  displayName: Type.String(),
  active: Type.Boolean(),
  affiliationName: Type.String({ description: 'Unit or university (单位/高校)' }),
  affiliationCreditCode: Nullable(Type.String()),
  affiliationType: AffiliationType,
  title: Type.String(),
  fieldCodes: Type.Array(FieldCodeSchema),
});

const ProfileFields = {
  affiliationName: Type.String({ minLength: 1, maxLength: 200 }),
  affiliationCreditCode: Type.Optional(Nullable(CreditCode)),
  affiliationType: Type.Optional(AffiliationType),
  title: Type.Optional(Type.String({ maxLength: 100 })),
  fieldCodes: Type.Optional(Type.Array(FieldCodeSchema, { uniqueItems: true, maxItems: 12 })),
};

/** An existing account by id, or a new expert account by email. */
export const InviteBody = Type.Union([
  Type.Object({ userId: Uuid, ...ProfileFields }, { additionalProperties: false }),
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
    { additionalProperties: false },
  ),
]);

export const ExpertUpdateBody = Type.Partial(Type.Object(ProfileFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const ExpertListQuery = Type.Object({ ...PageQuery.properties, field: Type.Optional(FieldCodeSchema) });

export const Conflict = Type.Object({
  id: Uuid,
  expertId: Uuid,
  kind: ConflictKind,
  subjectId: Nullable(Uuid),
  creditCode: Nullable(Type.String()),
  reason: Type.String(),
  declaredBy: Nullable(Uuid),
  createdAt: DateTime,
});

export const ConflictBody = Type.Object(
  {
    kind: ConflictKind,
    subjectId: Type.Optional(Uuid),
    creditCode: Type.Optional(CreditCode),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const InvitationSent = Type.Object({
  sentTo: Type.String({ format: 'email', description: 'The e-mail address the new link went to' }),
});
