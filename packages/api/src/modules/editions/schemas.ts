import { Type, type TSchema } from 'typebox';
import {
  AWARD_CATEGORY_CODES,
  CATEGORY_CODES,
  DIRECTION_CODES,
  FIELD_CODES,
  GRADE_CODES,
  STAGE_CODES,
  TRACK_CODES,
} from '@saishi/shared';
import { DateTime, EditionRef, Nullable, NullableDateTime, Uuid } from '../../lib/http-schemas.js';

export const FieldCodeSchema = Type.Enum(FIELD_CODES);
export const TrackCodeSchema = Type.Enum(TRACK_CODES);

export const Edition = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  year: Type.Integer(),
  division: Type.String(),
  theme: Type.String(),
  timeZone: Type.String(),
  organizers: Type.Object({
    guidance: Type.Array(Type.String()),
    host: Type.Array(Type.String()),
    undertaker: Type.Array(Type.String()),
  }),
  contacts: Type.Array(Type.Object({ name: Type.String(), phone: Type.String() })),
  committees: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), description: Type.String() })),
  nationalFinalAt: NullableDateTime,
  isCurrent: Type.Boolean(),
});

/** The names of a vocabulary entry of an edition, by the code of the shared enumeration. */
const named = <Code extends TSchema>(code: Code) => ({ id: Uuid, code, nameZh: Type.String(), nameEn: Type.String() });

export const Track = Type.Object({ ...named(TrackCodeSchema), description: Type.String() });
const Category = Type.Object({ ...named(Type.Enum(CATEGORY_CODES)), description: Type.String() });
export const Direction = Type.Object({
  ...named(Type.Enum(DIRECTION_CODES)),
  description: Type.String(),
  categories: Type.Array(Category),
});
export const Field = Type.Object({ ...named(FieldCodeSchema), aliases: Type.Array(Type.String()) });
export const Topic = Type.Object({
  id: Uuid,
  editionId: Uuid,
  fieldId: Uuid,
  fieldCode: FieldCodeSchema,
  title: Type.String(),
  description: Type.String(),
  isExample: Type.Boolean({ description: 'An illustration in demo data, not part of the official topic guide' }),
  sortOrder: Type.Integer(),
});

const StageCodeSchema = Type.Enum(STAGE_CODES);
const Stage = Type.Object({
  code: StageCodeSchema,
  nameZh: Type.String(),
  nameEn: Type.String(),
  startsAt: DateTime,
  endsAt: NullableDateTime,
  isOpen: Type.Boolean(),
});
export const Timeline = Type.Object({
  now: DateTime,
  timeZone: Type.String(),
  currentStage: Nullable(StageCodeSchema, { description: 'The stage open now (R-TIME-1); null between stages' }),
  nextStage: Nullable(StageCodeSchema),
  stages: Type.Array(Stage),
});

const Grade = Type.Object({ ...named(Type.Enum(GRADE_CODES)), rank: Type.Integer() });
export const AwardCategories = Type.Object({
  grades: Type.Array(Grade),
  tracks: Type.Array(
    Type.Object({
      trackCode: TrackCodeSchema,
      awardCategories: Type.Array(
        Type.Object({ ...named(Type.Enum(AWARD_CATEGORY_CODES)), categoryCode: Type.Enum(CATEGORY_CODES) }),
      ),
    }),
  ),
});
export const Event = Type.Object({
  id: Uuid,
  title: Type.String(),
  mode: Type.String(),
  venue: Type.String(),
  signInAt: NullableDateTime,
  startsAt: DateTime,
  endsAt: NullableDateTime,
  agenda: Type.Array(Type.Object({ time: Type.Optional(Type.String()), title: Type.String() })),
});

export const TopicBody = Type.Object(
  {
    fieldCode: FieldCodeSchema,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    isExample: Type.Optional(Type.Boolean()),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export const TopicUpdateBody = Type.Partial(TopicBody, { additionalProperties: false, minProperties: 1 });
export const TopicQuery = Type.Object({ field: Type.Optional(FieldCodeSchema) });

export const StageParams = Type.Object({ edition: EditionRef(), stage: StageCodeSchema });
export const StageDatesBody = Type.Object(
  { startsAt: Type.Optional(DateTime), endsAt: Type.Optional(NullableDateTime) },
  { additionalProperties: false, minProperties: 1 },
);

/** `{ items: [...] }`, the answer of the unpaged lists. */
export const List = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
