import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ASSIGNMENT_SOURCES,
  DIRECTION_CODES,
  ROUND_KINDS,
  ROUND_STATUSES,
  SCORE_STATUSES,
  type RubricCriterion,
} from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';
import { expertProfiles } from '../experts/tables.js';
import { projects } from '../projects/tables.js';

/** A review round (`preliminary` 初赛 or `final` 决赛) opened and closed by organizers: draft → open → closed. */
export const reviewRounds = pgTable(
  'review_rounds',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    kind: text({ enum: ROUND_KINDS }).notNull(),
    status: text({ enum: ROUND_STATUSES }).notNull().default('draft'),
    expertsPerProject: integer().notNull(),
    /** Rank on per-expert z-score normalized totals instead of raw totals. */
    normalize: boolean().notNull().default(false),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('review_rounds_one_per_kind').on(table.editionId, table.kind),
    checkOneOf('review_rounds_kind_known', table.kind, ROUND_KINDS),
    checkOneOf('review_rounds_status_known', table.status, ROUND_STATUSES),
    check('review_rounds_experts_positive', sql`${table.expertsPerProject} between 1 and 50`),
  ],
);

/** The scoring criteria of one round for one direction; editable while the round is draft. */
export const rubrics = pgTable(
  'rubrics',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    directionCode: text({ enum: DIRECTION_CODES }).notNull(),
    criteria: jsonb().$type<RubricCriterion[]>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('rubrics_one_per_direction').on(table.roundId, table.directionCode),
    checkOneOf('rubrics_direction_known', table.directionCode, DIRECTION_CODES),
  ],
);

/** The projects a round reviews: every qualified project for the preliminary, the advanced ones for the final. */
export const roundProjects = pgTable(
  'round_projects',
  {
    roundId: uuid()
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** For the final: the preliminary result and rank that advanced it. */
    advancedWith: jsonb().$type<{ result: number; rank: number; group: string } | null>(),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.roundId, table.projectId] })],
);

/**
 * An expert reviewing a project in a round. A BEFORE INSERT/UPDATE trigger
 * (src/db/sql/post-review-coi.sql) refuses conflicted experts even if the service is bypassed.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    expertUserId: uuid()
      .notNull()
      .references(() => expertProfiles.userId, { onDelete: 'restrict' }),
    source: text({ enum: ASSIGNMENT_SOURCES }).notNull(),
    reason: text().notNull().default(''),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('assignments_once_per_round').on(table.roundId, table.projectId, table.expertUserId),
    index('assignments_expert').on(table.expertUserId, table.roundId),
    checkOneOf('assignments_source_known', table.source, ASSIGNMENT_SOURCES),
  ],
);

/** An expert's score of an assignment: a draft until submitted; only an admin reopens it. */
export const scores = pgTable(
  'scores',
  {
    id: uuid().primaryKey().defaultRandom(),
    assignmentId: uuid()
      .notNull()
      .unique('scores_one_per_assignment')
      .references(() => assignments.id, { onDelete: 'cascade' }),
    values: jsonb().$type<Record<string, number>>().notNull().default({}),
    comments: jsonb().$type<Record<string, string>>().notNull().default({}),
    comment: text().notNull().default(''),
    total: doublePrecision().notNull().default(0),
    status: text({ enum: SCORE_STATUSES }).notNull().default('draft'),
    submittedAt: timestamp({ withTimezone: true }),
    reopenedAt: timestamp({ withTimezone: true }),
    reopenReason: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    checkOneOf('scores_status_known', table.status, SCORE_STATUSES),
    check('scores_submitted_has_time', sql`${table.status} = 'draft' or ${table.submittedAt} is not null`),
  ],
);
