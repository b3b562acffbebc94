import { Type } from 'typebox';
import {
  CONSENT_SCOPES,
  MAX_RETENTION_DAYS,
  PERSONAL_DATA_ACCESS_KINDS,
  RETENTION_KINDS,
  STUDENT_ID_RETENTION_ANCHORS,
} from '@saishi/shared';
import { DateTime, Nullable, PageQuery, Uuid, WholeList } from '../../lib/http-schemas.js';
import {
  ACCESS_ENTRY_EXAMPLE,
  CONSENT_BODY_EXAMPLE,
  CONSENT_EXAMPLE,
  CONTACT_EXAMPLE,
  ERASURE_EXAMPLE,
  PERSONAL_DATA_COPY_EXAMPLE,
  PERSONAL_DATA_RIGHT_EXAMPLE,
  PRIVACY_NOTICE_BODY_EXAMPLE,
  PRIVACY_NOTICE_EXAMPLE,
  RETENTION_POLICY_BODY_EXAMPLE,
  RETENTION_POLICY_EXAMPLE,
  RETENTION_REPORT_EXAMPLE,
  REVEAL_BODY_EXAMPLE,
} from './examples.js';

export const ConsentScope = Type.Enum(CONSENT_SCOPES, {
  description: '`personal`: personal information; `sensitive`: the separate consent to ID document images',
});

const NoticeText = Type.String({ minLength: 1, maxLength: 50_000 });

export const PrivacyNotice = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    version: Type.Integer({ minimum: 1 }),
    text: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
    publishedAt: DateTime,
  },
  { examples: [PRIVACY_NOTICE_EXAMPLE] },
);

export const PrivacyNoticeBody = Type.Object(
  { text: Type.Object({ 'zh-CN': NoticeText, en: NoticeText }, { additionalProperties: false }) },
  { additionalProperties: false, examples: [PRIVACY_NOTICE_BODY_EXAMPLE] },
);

export const ConsentBody = Type.Object(
  {
    noticeId: Type.String({ format: 'uuid', description: 'The version of the notice the person read and accepts' }),
    scopes: Type.Array(ConsentScope, { minItems: 1, maxItems: CONSENT_SCOPES.length, uniqueItems: true }),
  },
  { additionalProperties: false, examples: [CONSENT_BODY_EXAMPLE] },
);

export const Consent = Type.Object(
  {
    noticeId: Uuid,
    editionId: Uuid,
    version: Type.Integer(),
    scope: ConsentScope,
    givenAt: DateTime,
  },
  { examples: [CONSENT_EXAMPLE] },
);

export const ConsentList = WholeList(Consent);

/** Why an organizer needs a person's unmasked personal information; logged with the access. */
export const AccessReason = Type.String({
  minLength: 4,
  maxLength: 500,
  pattern: '\\S',
  description: 'Why the unmasked personal information is needed (logged with who, when and whose)',
});

export const RevealBody = Type.Object(
  { reason: AccessReason },
  { additionalProperties: false, examples: [REVEAL_BODY_EXAMPLE] },
);

export const Contact = Type.Object(
  {
    userId: Uuid,
    displayName: Type.String(),
    email: Nullable(Type.String()),
    mobile: Nullable(Type.String()),
  },
  { examples: [CONTACT_EXAMPLE] },
);

export const PersonalDataRight = Type.Object(
  {
    userId: Uuid,
    personalDataView: Type.Boolean({ description: 'Whether the organizer may unmask contacts (`personalData.view`)' }),
    grantedAt: Nullable(DateTime),
  },
  { examples: [PERSONAL_DATA_RIGHT_EXAMPLE] },
);

export const AccessKind = Type.Enum(PERSONAL_DATA_ACCESS_KINDS, {
  description:
    '`reveal`: a contact shown unmasked; `export`: contacts unmasked in an export file; `export_masked`: the name (contacts masked) in an export file; `copy`: the person’s own copy',
});

export const AccessEntry = Type.Object(
  {
    id: Uuid,
    actorUserId: Nullable(Uuid),
    subjectUserId: Uuid,
    kind: AccessKind,
    resource: Type.String(),
    reason: Type.String(),
    at: DateTime,
  },
  { examples: [ACCESS_ENTRY_EXAMPLE] },
);

export const AccessLogQuery = Type.Object({
  ...PageQuery.properties,
  subjectUserId: Type.Optional(Type.String({ format: 'uuid', description: 'Whose personal information' })),
  actorUserId: Type.Optional(Type.String({ format: 'uuid', description: 'Who accessed it' })),
});

export const PersonalDataCopy = Type.Object(
  {
    userId: Uuid,
    generatedAt: DateTime,
    tables: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown())), {
      description:
        'Every row naming the person, by table (the database’s names): each table with a column referencing the person, found in the schema itself, and the ledger entries and deliveries about them; secrets (password and token hashes) left out',
    }),
  },
  { examples: [PERSONAL_DATA_COPY_EXAMPLE] },
);

export const Erasure = Type.Object(
  {
    userId: Uuid,
    erasedAt: DateTime,
  },
  { examples: [ERASURE_EXAMPLE] },
);

const RetentionDays = (description: string) =>
  Nullable(Type.Integer({ minimum: 0, maximum: MAX_RETENTION_DAYS }), { description });

export const RetentionPolicyBody = Type.Object(
  {
    studentIdImageDays: RetentionDays(
      'Days student ID images are kept after `studentIdImageAnchor` (0: at once); null keeps them',
    ),
    studentIdImageAnchor: Type.Enum(STUDENT_ID_RETENTION_ANCHORS, {
      description: '`qualification`: from the team’s qualification decision; `results`: from the results’ publication',
    }),
    departedMobileDays: RetentionDays(
      'Days the mobile number of a participant who left is kept after their editions closed (archived); null keeps it',
    ),
  },
  { additionalProperties: false, examples: [RETENTION_POLICY_BODY_EXAMPLE] },
);

export const RetentionPolicy = Type.Object(
  {
    editionId: Uuid,
    ...RetentionPolicyBody.properties,
    updatedAt: Nullable(DateTime, { description: 'Null while the edition has set no period' }),
    updatedBy: Nullable(Uuid),
  },
  { examples: [RETENTION_POLICY_EXAMPLE] },
);

export const RetentionKindSchema = Type.Enum(RETENTION_KINDS, {
  description: '`student_id_images`: student ID card images; `departed_mobiles`: mobile numbers of people who left',
});

export const RetentionReport = Type.Object(
  {
    editionId: Uuid,
    asOf: DateTime,
    items: Type.Array(Type.Object({ kind: RetentionKindSchema, count: Type.Integer({ minimum: 0 }) }), {
      description: 'What the retention job would delete now, per kind (counts only: nothing is deleted)',
    }),
  },
  { examples: [RETENTION_REPORT_EXAMPLE] },
);
