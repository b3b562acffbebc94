import { Type } from 'typebox';
import {
  CATEGORY_CODES,
  DATA_SOURCE_KINDS,
  DIRECTION_CODES,
  FIELD_CODES,
  PROJECT_FILE_KINDS,
  PROJECT_STATUSES,
  PROJECT_WINDOW_KINDS,
  PUBLIC_COMPONENT_KINDS,
  QUALIFICATION_STATUSES,
  TOPIC_SCOPES,
  TRACK_CODES,
} from '@saishi/shared';
import {
  DateTime,
  EditionRef,
  Nullable,
  NullableDateTime,
  PageQuery,
  Uuid,
  WholeList,
} from '../../lib/http-schemas.js';
import {
  CREATE_PROJECT_EXAMPLE,
  PROJECT_EXAMPLE,
  UPDATE_PROJECT_EXAMPLE,
  VERSION_EXAMPLE,
} from '../../lib/examples.js';
import { SPREADSHEET_FORMATS } from '../../lib/spreadsheet.js';
import { COMPARISON_EXAMPLE, LISTED_PROJECT_EXAMPLE, PROJECT_FILE_EXAMPLE, STATISTICS_EXAMPLE } from './examples.js';
import { AccessReason } from '../privacy/schemas.js';

// ------------------------------------------------------------------------------- project content

export const DataSource = Type.Object(
  {
    kind: Type.Enum(DATA_SOURCE_KINDS),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const BenefitProof = Type.Object(
  {
    deployedWhere: Type.String({ maxLength: 1000 }),
    deployedSince: Type.String({
      maxLength: 10,
      pattern: '^(\\d{4}-\\d{2}(-\\d{2})?)?$',
      description: 'YYYY-MM or YYYY-MM-DD',
    }),
    economicBenefit: Type.Optional(Type.String({ maxLength: 5000 })),
    socialBenefit: Type.Optional(Type.String({ maxLength: 5000 })),
    figures: Type.Optional(
      Type.Array(
        Type.Object(
          { label: Type.String({ maxLength: 200 }), value: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);
export const Technology = Type.Object(
  {
    privacyComputing: Type.Optional(Type.Boolean({ description: '隐私计算' })),
    dataSandbox: Type.Optional(Type.Boolean({ description: '数据沙箱' })),
    blockchain: Type.Optional(Type.Boolean({ description: '区块链' })),
    domesticTechnology: Type.Optional(Type.Boolean({ description: '国产化自主研发技术/平台' })),
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

const editableFields = {
  summary: Type.Optional(Type.String({ maxLength: 10000 })),
  direction: Type.Optional(Type.Enum(DIRECTION_CODES)),
  publicComponentKind: Type.Optional(Nullable(Type.Enum(PUBLIC_COMPONENT_KINDS))),
  topicScope: Type.Optional(Type.Enum(TOPIC_SCOPES, { description: 'R-TOPIC-1' })),
  topicIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  dataSources: Type.Optional(Type.Array(DataSource, { maxItems: 100 })),
  benefitProof: Type.Optional(Nullable(BenefitProof)),
  technology: Type.Optional(Technology),
  completeBeforeNationalFinal: Type.Optional(
    Type.Boolean({
      description:
        'modeling only: R&D and application complete before the national final (R-PROJ-1); sending it declares it',
    }),
  ),
};
export const CreateBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), category: Type.Enum(CATEGORY_CODES), ...editableFields },
  { additionalProperties: false, examples: [CREATE_PROJECT_EXAMPLE] },
);
export const UpdateBody = Type.Object(
  {
    title: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Locked after collection (R-TIME-3)' }),
    ),
    category: Type.Optional(Type.Enum(CATEGORY_CODES)),
    ...editableFields,
  },
  { additionalProperties: false, minProperties: 1, examples: [UPDATE_PROJECT_EXAMPLE] },
);

// ------------------------------------------------------------------------------- project views

const TopicRef = Type.Object({ id: Uuid, title: Type.String(), fieldCode: Type.String() });
const FileRef = Type.Object({
  id: Uuid,
  kind: Type.String(),
  storedFileId: Uuid,
  name: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});
const Content = {
  title: Type.String(),
  summary: Type.String(),
  direction: Type.String(),
  category: Type.String(),
  publicComponentKind: Nullable(Type.String()),
  topicScope: Type.String(),
  topics: Type.Array(TopicRef),
  dataSources: Type.Array(DataSource),
  benefitProof: Nullable(BenefitProof),
  technology: Type.Object({
    privacyComputing: Type.Boolean(),
    dataSandbox: Type.Boolean(),
    blockchain: Type.Boolean(),
    domesticTechnology: Type.Boolean(),
    notes: Type.String(),
  }),
  completeBeforeNationalFinal: Type.Boolean(),
  completionDeclared: Type.Boolean(),
  files: Type.Array(FileRef),
};
const ProjectStatus = Type.Enum(PROJECT_STATUSES);
export const Project = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    teamId: Uuid,
    teamName: Type.String(),
    track: Type.String(),
    ...Content,
    latestVersion: Type.Integer(),
    status: ProjectStatus,
    mayEnterNationalFinal: Type.Boolean({
      description: 'Whether the category allows a national final recommendation if it wins (R-PROJ-1)',
    }),
    editable: Type.Enum(PROJECT_WINDOW_KINDS, {
      description:
        'What the timeline allows now: everything (collection), new versions with title and category locked (iteration, R-TIME-3), nothing',
    }),
    firstSubmittedAt: NullableDateTime,
    lastSubmittedAt: NullableDateTime,
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { examples: [PROJECT_EXAMPLE] },
);

// ------------------------------------------------------------------------------- versions

export const Version = Type.Object(
  {
    number: Type.Integer(),
    submittedBy: Nullable(Uuid),
    submittedAt: DateTime,
    snapshot: Type.Object(Content, { description: 'The project as submitted, files included' }),
  },
  { examples: [VERSION_EXAMPLE] },
);
const VersionNumber = Type.Integer({ minimum: 1, maximum: 100_000 });
export const VersionParams = Type.Object({ id: Uuid, number: VersionNumber });
export const CompareQuery = Type.Object({ from: VersionNumber, to: VersionNumber });
export const Comparison = Type.Object(
  {
    from: Type.Integer(),
    to: Type.Integer(),
    changes: Type.Array(Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() })),
  },
  { examples: [COMPARISON_EXAMPLE] },
);

// ------------------------------------------------------------------------------- files

export const ProjectFile = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(PROJECT_FILE_KINDS),
    storedFileId: Uuid,
    name: Type.String(),
    mimeType: Type.String(),
    sizeBytes: Type.Integer(),
    sha256: Type.String(),
    addedAt: DateTime,
    removedAt: NullableDateTime,
  },
  { examples: [PROJECT_FILE_EXAMPLE] },
);
export const ProjectFileList = WholeList(ProjectFile);
export const FileKindQuery = Type.Object({ kind: Type.Enum(PROJECT_FILE_KINDS) });
export const FileListQuery = Type.Object({ includeRemoved: Type.Boolean({ default: false }) });
export const FileParams = Type.Object({ id: Uuid, fileId: Uuid });

// ------------------------------------------------------------------------------- organizers' list

export const ListedProject = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    teamId: Uuid,
    teamName: Type.String(),
    leadUnitName: Nullable(Type.String()),
    leadUnitType: Nullable(Type.String()),
    track: Type.String(),
    direction: Type.String(),
    category: Type.String(),
    publicComponentKind: Nullable(Type.String()),
    fieldCodes: Type.Array(Type.String()),
    topics: Type.Array(TopicRef),
    qualificationStatus: Type.String(),
    status: ProjectStatus,
    latestVersion: Type.Integer(),
    firstSubmittedAt: NullableDateTime,
    lastSubmittedAt: NullableDateTime,
    createdAt: DateTime,
  },
  { examples: [LISTED_PROJECT_EXAMPLE] },
);
const filters = {
  edition: Type.Optional(EditionRef({ description: '`current` (default), an edition code or id' })),
  track: Type.Optional(Type.Enum(TRACK_CODES)),
  direction: Type.Optional(Type.Enum(DIRECTION_CODES)),
  category: Type.Optional(Type.Enum(CATEGORY_CODES)),
  field: Type.Optional(Type.Enum(FIELD_CODES)),
  topicId: Type.Optional(Type.String({ format: 'uuid', description: 'Projects that chose this topic' })),
  qualificationStatus: Type.Optional(Type.Enum(QUALIFICATION_STATUSES)),
  status: Type.Optional(ProjectStatus),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'Search in title, team name and unit names (pg_trgm-indexed ILIKE)' }),
  ),
};
export const FilterQuery = Type.Object(filters);
/** How the organizers' list is ordered; each order pages with its own keyset (a cursor keeps to its order). */
export const PROJECT_SORTS = ['newest', 'oldest', 'title', 'lastSubmitted'] as const;
export const ListQuery = Type.Object({
  ...PageQuery.properties,
  ...filters,
  sort: Type.Enum(PROJECT_SORTS, {
    default: 'newest',
    description:
      '`newest` or `oldest` created first, `title` (A→Z), `lastSubmitted` (most recently submitted first, drafts last)',
  }),
});
export const ExportQuery = Type.Object({
  ...filters,
  format: Type.Enum(SPREADSHEET_FORMATS, { default: 'csv' }),
  reason: Type.Optional({
    ...AccessReason,
    description:
      'Unmasks the leaders’ mobile and e-mail (organizers with `personalData.view`), logged for each leader as `export`. Without it they are masked (138****0001); either way every person named in the file is logged (`export_masked`), under one `projects/export/{id}` resource per export',
  }),
});

export const StatisticsQuery = Type.Object({
  edition: EditionRef({ default: 'current' }),
  scope: Type.Enum(['submitted', 'all'] as const, {
    default: 'submitted',
    description: 'Count submitted projects only, or drafts too',
  }),
});
const Count = Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }));
export const Statistics = Type.Object(
  {
    edition: Type.String(),
    scope: Type.String(),
    totals: Type.Object({ projects: Type.Integer(), submitted: Type.Integer(), drafts: Type.Integer() }),
    byTrack: Count,
    byDirection: Count,
    byCategory: Count,
    byField: Count,
    byUnitType: Count,
    byDay: Count,
  },
  { examples: [STATISTICS_EXAMPLE] },
);
