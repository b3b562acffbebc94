import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  AWARD_CATEGORY_CODES,
  CATEGORY_CODES,
  DEFAULT_TIME_ZONE,
  DIRECTION_CODES,
  DIVISION_KINDS,
  EDITION_STATUSES,
  FIELD_CODES,
  GRADE_CODES,
  STAGE_CODES,
  TRACK_CODES,
} from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';

export interface Organizers {
  guidance: string[];
  host: string[];
  undertaker: string[];
}
export interface Contact {
  name: string;
  phone: string;
}
export interface Committee {
  code: string;
  name: string;
  description: string;
}
export interface AgendaItem {
  time?: string;
  title: string;
}

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
};

/**
 * A division (分赛区): a province or region such as 广西, or the national competition (§9).
 * Without a choice of the client, `current` is an edition of the default division.
 */
export const divisions = pgTable(
  'divisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text({ enum: DIVISION_KINDS }).notNull().default('provincial'),
    isDefault: boolean().notNull().default(false),
    sortOrder: integer().notNull().default(0),
  },
  (table) => [
    uniqueIndex('divisions_single_default')
      .on(table.isDefault)
      .where(sql`${table.isDefault}`),
    checkOneOf('divisions_kind_known', table.kind, DIVISION_KINDS),
  ],
);

/**
 * An organizer's division: they see and change only its editions; an organizer of the national
 * division sees every division read-only and changes the national editions. An organizer without
 * a row is a platform organizer and may act on every edition.
 */
export const organizerScopes = pgTable('organizer_scopes', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  divisionId: uuid()
    .notNull()
    .references(() => divisions.id, { onDelete: 'cascade' }),
});

/**
 * A competition edition (赛事): one year of one division. A division's edition points to the
 * national edition of its year (`parentId`), whose final its winners are recommended to (R-DIV-2).
 */
export const editions = pgTable(
  'editions',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    year: integer().notNull(),
    /** The division's name as this edition shows it, e.g. 广西分赛. */
    division: text().notNull(),
    divisionId: uuid().references(() => divisions.id, { onDelete: 'restrict' }),
    parentId: uuid().references((): AnyPgColumn => editions.id, { onDelete: 'restrict' }),
    status: text({ enum: EDITION_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp({ withTimezone: true }),
    archivedAt: timestamp({ withTimezone: true }),
    theme: text().notNull().default(''),
    timeZone: text().notNull().default(DEFAULT_TIME_ZONE),
    organizers: jsonb().$type<Organizers>().notNull(),
    contacts: jsonb().$type<Contact[]>().notNull(),
    committees: jsonb().$type<Committee[]>().notNull(),
    /** Until when projects may be iterated (R-TIME-3); null while unannounced. */
    nationalFinalAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    index('editions_division_year').on(table.divisionId, table.year),
    index('editions_parent').on(table.parentId),
    checkOneOf('editions_status_known', table.status, EDITION_STATUSES),
  ],
);

/** The key of a row of an edition's reference data, deleted with its edition. */
const editionRow = () => ({
  id: uuid().primaryKey().defaultRandom(),
  editionId: uuid()
    .notNull()
    .references(() => editions.id, { onDelete: 'cascade' }),
});

/** The name a piece of reference data is shown by, in Chinese and in English. */
const bilingualName = () => ({ nameZh: text().notNull(), nameEn: text().notNull() });

export const tracks = pgTable(
  'tracks',
  {
    ...editionRow(),
    code: text({ enum: TRACK_CODES }).notNull(),
    ...bilingualName(),
    description: text().notNull().default(''),
    sortOrder: integer().notNull(),
  },
  (table) => [unique().on(table.editionId, table.code), checkOneOf('tracks_code_known', table.code, TRACK_CODES)],
);

export const directions = pgTable(
  'directions',
  {
    ...editionRow(),
    code: text({ enum: DIRECTION_CODES }).notNull(),
    ...bilingualName(),
    description: text().notNull().default(''),
    sortOrder: integer().notNull(),
  },
  (table) => [
    unique().on(table.editionId, table.code),
    checkOneOf('directions_code_known', table.code, DIRECTION_CODES),
  ],
);

/** The category a project enters; `product_innovation` has two, `modeling` one. */
export const categories = pgTable(
  'categories',
  {
    ...editionRow(),
    directionId: uuid()
      .notNull()
      .references(() => directions.id, { onDelete: 'cascade' }),
    code: text({ enum: CATEGORY_CODES }).notNull(),
    ...bilingualName(),
    description: text().notNull().default(''),
    sortOrder: integer().notNull(),
  },
  (table) => [
    unique().on(table.editionId, table.code),
    checkOneOf('categories_code_known', table.code, CATEGORY_CODES),
  ],
);

/** The awards of a track (奖项) and the category each recognises. */
export const awardCategories = pgTable(
  'award_categories',
  {
    ...editionRow(),
    trackId: uuid()
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    code: text({ enum: AWARD_CATEGORY_CODES }).notNull(),
    categoryCode: text({ enum: CATEGORY_CODES }).notNull(),
    ...bilingualName(),
    sortOrder: integer().notNull(),
  },
  (table) => [
    unique().on(table.trackId, table.code),
    checkOneOf('award_categories_code_known', table.code, AWARD_CATEGORY_CODES),
    checkOneOf('award_categories_category_code_known', table.categoryCode, CATEGORY_CODES),
  ],
);

/** Award grades (一等奖 … 优胜奖); `rank` 1 is the highest. */
export const grades = pgTable(
  'grades',
  {
    ...editionRow(),
    code: text({ enum: GRADE_CODES }).notNull(),
    ...bilingualName(),
    rank: integer().notNull(),
  },
  (table) => [unique().on(table.editionId, table.code), checkOneOf('grades_code_known', table.code, GRADE_CODES)],
);

/** The industry fields (行业领域). */
export const fields = pgTable(
  'fields',
  {
    ...editionRow(),
    code: text({ enum: FIELD_CODES }).notNull(),
    ...bilingualName(),
    /** Other names the notices use, e.g. 商贸物流 for 商贸流通. */
    aliases: jsonb().$type<string[]>().notNull().default([]),
    sortOrder: integer().notNull(),
  },
  (table) => [unique().on(table.editionId, table.code), checkOneOf('fields_code_known', table.code, FIELD_CODES)],
);

/** A topic (赛题) of a field, managed by organizers. */
export const topics = pgTable('topics', {
  ...editionRow(),
  fieldId: uuid()
    .notNull()
    .references(() => fields.id, { onDelete: 'restrict' }),
  title: text().notNull(),
  description: text().notNull().default(''),
  /** Demo topics are illustrations, not the official topic guide. */
  isExample: boolean().notNull().default(false),
  sortOrder: integer().notNull().default(0),
  ...timestamps,
});

/** A stage of the timeline, open from `startsAt` until `endsAt` (exclusive; null = open-ended). */
export const stages = pgTable(
  'stages',
  {
    ...editionRow(),
    code: text({ enum: STAGE_CODES }).notNull(),
    ...bilingualName(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }),
    sortOrder: integer().notNull(),
    ...timestamps,
  },
  (table) => [unique().on(table.editionId, table.code), checkOneOf('stages_code_known', table.code, STAGE_CODES)],
);

/** Events of an edition such as the recommendation meeting (推荐会). */
export const events = pgTable('events', {
  ...editionRow(),
  title: text().notNull(),
  mode: text().notNull().default(''),
  venue: text().notNull().default(''),
  signInAt: timestamp({ withTimezone: true }),
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }),
  agenda: jsonb().$type<AgendaItem[]>().notNull().default([]),
});
