import { Type, type TSchema } from 'typebox';
import {
  AWARD_CATEGORY_CODES,
  CATEGORY_CODES,
  DIRECTION_CODES,
  DIVISION_KINDS,
  EDITION_STATUSES,
  FIELD_CODES,
  GRADE_CODES,
  STAGE_CODES,
  TRACK_CODES,
} from '@saishi/shared';
import { DateTime, EditionRef, Nullable, NullableDateTime, Uuid, WholeList } from '../../lib/http-schemas.js';
import { EDITION_EXAMPLE, TIMELINE_EXAMPLE } from '../../lib/examples.js';
import * as X from './examples.js';

export const FieldCodeSchema = Type.Enum(FIELD_CODES);
export const TrackCodeSchema = Type.Enum(TRACK_CODES);

const EditionStatusSchema = Type.Enum(EDITION_STATUSES);
const Organizers = Type.Object(
  {
    guidance: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
    host: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
    undertaker: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
const Contacts = Type.Array(
  Type.Object(
    { name: Type.String({ minLength: 1, maxLength: 50 }), phone: Type.String({ minLength: 1, maxLength: 30 }) },
    { additionalProperties: false },
  ),
  { maxItems: 20 },
);
const Committees = Type.Array(
  Type.Object(
    {
      code: Type.String({ minLength: 1, maxLength: 50 }),
      name: Type.String({ minLength: 1, maxLength: 100 }),
      description: Type.String({ maxLength: 2000 }),
    },
    { additionalProperties: false },
  ),
  { maxItems: 20 },
);

export const Edition = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    year: Type.Integer(),
    division: Type.String({ description: 'The division as this edition names it, e.g. 广西分赛' }),
    divisionCode: Nullable(Type.String(), { description: 'The division (GET /divisions), e.g. `guangxi`' }),
    parentId: Nullable(Uuid, { description: "The national edition a division's edition belongs to (R-DIV-2)" }),
    status: EditionStatusSchema,
    publishedAt: NullableDateTime,
    theme: Type.String(),
    timeZone: Type.String(),
    organizers: Organizers,
    contacts: Contacts,
    committees: Committees,
    nationalFinalAt: NullableDateTime,
  },
  { examples: [EDITION_EXAMPLE] },
);

export const EditionListQuery = Type.Object({
  division: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A division code' })),
  status: Type.Optional(EditionStatusSchema),
  parentId: Type.Optional(Type.String({ format: 'uuid', description: 'Division editions of this national edition' })),
  managed: Type.Optional(
    Type.Boolean({
      description:
        "Only the editions the caller organizes: a division organizer's own division, every edition for national and platform organizers, none for anybody else (the admin's edition switcher)",
    }),
  ),
});

export const Division = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    kind: Type.Enum(DIVISION_KINDS),
    isDefault: Type.Boolean({
      description: '`current` is an edition of this division unless the client names another',
    }),
  },
  { examples: [X.DIVISION_EXAMPLE] },
);

export const DivisionBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 32, pattern: '^[a-z][a-z0-9-]*$', description: 'e.g. `jiangsu`' }),
    name: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. 江苏分赛' }),
    kind: Type.Enum(DIVISION_KINDS),
    sortOrder: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
  },
  { additionalProperties: false, examples: [X.DIVISION_BODY_EXAMPLE] },
);

export const OrganizerScopeBody = Type.Object(
  {
    division: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], {
      description: 'The division code the organizer is kept to; null: every edition (a platform organizer)',
    }),
  },
  { additionalProperties: false, examples: [X.ORGANIZER_SCOPE_BODY_EXAMPLE] },
);

export const OrganizerScope = Type.Object(
  { userId: Uuid, division: Type.Union([Division, Type.Null()]) },
  { examples: [X.ORGANIZER_SCOPE_EXAMPLE] },
);

/** An edition code: lowercase letters, digits and dashes, e.g. `2025-guangxi`. */
const EditionCode = Type.String({ minLength: 3, maxLength: 64, pattern: '^[0-9]{4}-[a-z0-9-]+$' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' });

const StageDates = Type.Object(
  { code: Type.Enum(STAGE_CODES), startsAt: DateTime, endsAt: NullableDateTime },
  { additionalProperties: false },
);
export const StagesBody = Type.Object(
  { stages: Type.Array(StageDates, { minItems: 1, maxItems: STAGE_CODES.length }) },
  { additionalProperties: false, examples: [{ stages: X.STAGES_EXAMPLE }] },
);

const editionSettings = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  theme: Type.String({ maxLength: 200 }),
  timeZone: TimeZone,
  organizers: Organizers,
  contacts: Contacts,
  committees: Committees,
  nationalFinalAt: NullableDateTime,
};

export const CreateEditionBody = Type.Object(
  {
    code: EditionCode,
    year: Year,
    divisionCode: Type.String({ minLength: 1, maxLength: 64 }),
    parent: Type.Optional(EditionRef({ description: 'The national edition (code or id) of a division edition' })),
    ...editionSettings,
    theme: Type.Optional(editionSettings.theme),
    timeZone: Type.Optional(TimeZone),
    organizers: Type.Optional(Organizers),
    contacts: Type.Optional(Contacts),
    committees: Type.Optional(Committees),
    nationalFinalAt: Type.Optional(NullableDateTime),
    stages: Type.Array(StageDates, { minItems: STAGE_CODES.length, maxItems: STAGE_CODES.length }),
  },
  { additionalProperties: false, examples: [X.CREATE_EDITION_EXAMPLE] },
);

export const CloneEditionBody = Type.Object(
  {
    code: EditionCode,
    year: Year,
    name: Type.Optional(editionSettings.name),
    parent: Type.Optional(
      EditionRef({ description: 'The national edition of the new season, for a division edition' }),
    ),
  },
  { additionalProperties: false, examples: [X.CLONE_EDITION_EXAMPLE] },
);

export const UpdateEditionBody = Type.Partial(Type.Object(editionSettings), {
  additionalProperties: false,
  minProperties: 1,
  examples: [X.UPDATE_EDITION_EXAMPLE],
});

export const EventBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    mode: Type.Optional(Type.String({ maxLength: 200 })),
    venue: Type.Optional(Type.String({ maxLength: 200 })),
    signInAt: Type.Optional(NullableDateTime),
    startsAt: DateTime,
    endsAt: Type.Optional(NullableDateTime),
    agenda: Type.Optional(
      Type.Array(
        Type.Object(
          { time: Type.Optional(Type.String({ maxLength: 20 })), title: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false, examples: [X.EVENT_BODY_EXAMPLE] },
);
export const EventUpdateBody = Type.Partial(EventBody, {
  additionalProperties: false,
  minProperties: 1,
  examples: [X.EVENT_UPDATE_EXAMPLE],
});

/** The names of a vocabulary entry of an edition, by the code of the shared enumeration. */
const named = <Code extends TSchema>(code: Code) => ({ id: Uuid, code, nameZh: Type.String(), nameEn: Type.String() });

export const Track = Type.Object(
  { ...named(TrackCodeSchema), description: Type.String() },
  { examples: [X.TRACK_EXAMPLE] },
);
const Category = Type.Object({ ...named(Type.Enum(CATEGORY_CODES)), description: Type.String() });
export const Direction = Type.Object(
  { ...named(Type.Enum(DIRECTION_CODES)), description: Type.String(), categories: Type.Array(Category) },
  { examples: [X.DIRECTION_EXAMPLE] },
);
export const Field = Type.Object(
  { ...named(FieldCodeSchema), aliases: Type.Array(Type.String()) },
  { examples: [X.FIELD_EXAMPLE] },
);
export const Topic = Type.Object(
  {
    id: Uuid,
    editionId: Uuid,
    fieldId: Uuid,
    fieldCode: FieldCodeSchema,
    title: Type.String(),
    description: Type.String(),
    isExample: Type.Boolean({ description: 'An illustration in demo data, not part of the official topic guide' }),
    sortOrder: Type.Integer(),
  },
  { examples: [X.TOPIC_EXAMPLE] },
);

const StageCodeSchema = Type.Enum(STAGE_CODES);
const Stage = Type.Object({
  code: StageCodeSchema,
  nameZh: Type.String(),
  nameEn: Type.String(),
  startsAt: DateTime,
  endsAt: NullableDateTime,
  isOpen: Type.Boolean(),
});
export const Timeline = Type.Object(
  {
    now: DateTime,
    timeZone: Type.String(),
    currentStage: Nullable(StageCodeSchema, { description: 'The stage open now (R-TIME-1); null between stages' }),
    nextStage: Nullable(StageCodeSchema),
    stages: Type.Array(Stage),
  },
  { examples: [TIMELINE_EXAMPLE] },
);

const Grade = Type.Object({ ...named(Type.Enum(GRADE_CODES)), rank: Type.Integer() });
export const AwardCategories = Type.Object(
  {
    grades: Type.Array(Grade),
    tracks: Type.Array(
      Type.Object({
        trackCode: TrackCodeSchema,
        awardCategories: Type.Array(
          Type.Object({ ...named(Type.Enum(AWARD_CATEGORY_CODES)), categoryCode: Type.Enum(CATEGORY_CODES) }),
        ),
      }),
    ),
  },
  { examples: [X.AWARD_CATEGORIES_EXAMPLE] },
);
export const Event = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    mode: Type.String(),
    venue: Type.String(),
    signInAt: NullableDateTime,
    startsAt: DateTime,
    endsAt: NullableDateTime,
    agenda: Type.Array(Type.Object({ time: Type.Optional(Type.String()), title: Type.String() })),
  },
  { examples: [X.EVENT_EXAMPLE] },
);

export const TopicBody = Type.Object(
  {
    fieldCode: FieldCodeSchema,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    isExample: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false, examples: [X.TOPIC_BODY_EXAMPLE] },
);
export const TopicUpdateBody = Type.Partial(TopicBody, {
  additionalProperties: false,
  minProperties: 1,
  examples: [X.TOPIC_UPDATE_EXAMPLE],
});
export const TopicQuery = Type.Object({ field: Type.Optional(FieldCodeSchema) });

export const StageParams = Type.Object({ edition: EditionRef(), stage: StageCodeSchema });
export const StageDatesBody = Type.Object(
  { startsAt: Type.Optional(DateTime), endsAt: Type.Optional(NullableDateTime) },
  { additionalProperties: false, minProperties: 1, examples: [X.STAGE_DATES_EXAMPLE] },
);

/** `{ items: [...] }`, the answer of the unpaged lists. */
export const List = WholeList;

/** One project of a likely duplicate pair, with where it was entered. */
const DuplicateEntry = Type.Object({
  projectId: Uuid,
  title: Type.String(),
  teamName: Type.String(),
  edition: Type.String({ description: 'Code of the division edition the project entered' }),
  divisionName: Nullable(Type.String()),
});

/** Likely duplicate entries of a national edition across its divisions (R-DIV-1), most likely first. */
export const DuplicateEntryList = WholeList(
  Type.Object(
    {
      entries: Type.Array(DuplicateEntry, { minItems: 2, maxItems: 2 }),
      sharedCreditCodes: Type.Array(Type.String(), {
        description: 'Unified social credit codes of units both teams name (empty: alike titles only)',
      }),
      titleSimilarity: Type.Number({ minimum: 0, maximum: 1, description: 'pg_trgm similarity of the titles' }),
    },
    { examples: [X.DUPLICATE_EXAMPLE] },
  ),
);
