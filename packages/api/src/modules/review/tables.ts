import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  foreignKey,
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
  SCORE_CONFIDENCES,
  SCORE_STATUSES,
  SPREAD_MEASURES,
  SPREAD_RESOLUTIONS,
  type RubricCriterion,
  type ScoreConfidence,
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
    /** How the experts' disagreement on a project is measured (分差): max − min, or standard deviation. */
    spreadMeasure: text({ enum: SPREAD_MEASURES }).notNull().default('range'),
    /** Projects whose spread is above it are flagged for re-review or a panel decision; null flags none. */
    spreadThreshold: doublePrecision(),
    /** Weigh each expert's total by the confidence they gave with it (off: every total counts the same). */
    confidenceWeighting: boolean().notNull().default(false),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('review_rounds_one_per_kind').on(table.editionId, table.kind),
    checkOneOf('review_rounds_kind_known', table.kind, ROUND_KINDS),
    checkOneOf('review_rounds_status_known', table.status, ROUND_STATUSES),
    check('review_rounds_experts_positive', sql`${table.expertsPerProject} between 1 and 50`),
    checkOneOf('review_rounds_spread_measure_known', table.spreadMeasure, SPREAD_MEASURES),
    check(
      'review_rounds_spread_threshold_range',
      sql`${table.spreadThreshold} is null or (${table.spreadThreshold} > 0 and ${table.spreadThreshold} <= 100)`,
    ),
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
 * An expert reviewing a project of a round (one of its `round_projects`). An AFTER INSERT/UPDATE
 * statement trigger (src/db/sql/post-review-coi-per-statement.sql) refuses conflicted experts even
 * if the service is bypassed.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** With `projectId`, a project of the round (`assignments_round_project`, below). */
    roundId: uuid().notNull(),
    projectId: uuid().notNull(),
    expertUserId: uuid()
      .notNull()
      .references(() => expertProfiles.userId, { onDelete: 'restrict' }),
    source: text({ enum: ASSIGNMENT_SOURCES }).notNull(),
    reason: text().notNull().default(''),
    /** Who added it by hand; an automatic run's rows name their run instead (`autoRunId`). */
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /**
     * The automatic run that wrote the row (null: added by hand, or before runs were written in
     * chunks): how a failed or abandoned run's rows are found and removed. No foreign key: it would
     * be one more check per row of a 100,000-row run, and the run's row goes when the run ends.
     */
    autoRunId: uuid(),
  },
  (table) => [
    /**
     * The project is one of the round's, and goes with it (the round's and the project's own keys
     * follow through round_projects'). One check per row where the round's and the project's keys
     * were two: foreign keys are checked row by row, and a 100,000-row automatic run spent about
     * half of its insert time checking them on the embedded database.
     */
    foreignKey({
      name: 'assignments_round_project',
      columns: [table.roundId, table.projectId],
      foreignColumns: [roundProjects.roundId, roundProjects.projectId],
    }).onDelete('cascade'),
    unique('assignments_once_per_round').on(table.roundId, table.projectId, table.expertUserId),
    index('assignments_expert').on(table.expertUserId, table.roundId),
    checkOneOf('assignments_source_known', table.source, ASSIGNMENT_SOURCES),
  ],
);

/**
 * The automatic assignment run writing a round's assignments, one per round at a time. A run
 * commits its rows in chunks (other requests get the embedded database's one session between
 * them); while this row exists the round's assignments are the run's to write, and a run that
 * fails, or whose process ended (silent since `aliveAt` for too long), is undone by deleting the
 * rows it wrote (`assignments.auto_run_id`) with this row.
 */
export const autoAssignmentRuns = pgTable('auto_assignment_runs', {
  id: uuid().primaryKey(),
  roundId: uuid()
    .notNull()
    .unique('auto_assignment_runs_one_per_round')
    .references(() => reviewRounds.id, { onDelete: 'cascade' }),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  /** The run's last sign of life: its start, then each chunk it commits. */
  aliveAt: timestamp({ withTimezone: true }).notNull(),
});

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
    /** How sure the expert is of this score (SCORE_CONFIDENCES); null when not given. */
    confidence: integer().$type<ScoreConfidence>(),
    status: text({ enum: SCORE_STATUSES }).notNull().default('draft'),
    submittedAt: timestamp({ withTimezone: true }),
    reopenedAt: timestamp({ withTimezone: true }),
    reopenReason: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    checkOneOf('scores_status_known', table.status, SCORE_STATUSES),
    check(
      'scores_confidence_known',
      sql`${table.confidence} is null or ${table.confidence} in (${sql.raw(SCORE_CONFIDENCES.join(', '))})`,
    ),
    check('scores_submitted_has_time', sql`${table.status} = 'draft' or ${table.submittedAt} is not null`),
  ],
);

/**
 * What an organizer did about a project flagged for its score spread (分差复评): a re-review by
 * additional experts or a panel decision (合议) with its score; each with a written reason, at
 * most one of each kind per project and round (the primary key decides between concurrent
 * requests), only for a project of the round (the foreign key). The ledger entry of each
 * decision certifies its row (modules/ledger/certified.ts).
 */
export const spreadResolutions = pgTable(
  'spread_resolutions',
  {
    /** The row's own id, by which the ledger certifies it (the key is the primary key below). */
    id: uuid().notNull().unique('spread_resolutions_id_unique').defaultRandom(),
    roundId: uuid().notNull(),
    projectId: uuid().notNull(),
    kind: text({ enum: SPREAD_RESOLUTIONS }).notNull(),
    reason: text().notNull(),
    /** The spread that flagged the project when the decision was taken. */
    spread: doublePrecision().notNull(),
    /** The panel's score, on the rubric's 0–100 scale (panel decisions only). */
    panelScore: doublePrecision(),
    /** The experts a re-review added. */
    expertIds: jsonb().$type<string[]>().notNull().default([]),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'spread_resolutions_pkey', columns: [table.roundId, table.projectId, table.kind] }),
    foreignKey({
      name: 'spread_resolutions_round_project',
      columns: [table.roundId, table.projectId],
      foreignColumns: [roundProjects.roundId, roundProjects.projectId],
    }).onDelete('cascade'),
    checkOneOf('spread_resolutions_kind_known', table.kind, SPREAD_RESOLUTIONS),
    check('spread_resolutions_reason_given', sql`length(btrim(${table.reason})) > 0`),
    check(
      'spread_resolutions_panel_score',
      sql`(${table.kind} = 'panel') = (${table.panelScore} is not null) and (${table.panelScore} is null or ${table.panelScore} between 0 and 100)`,
    ),
  ],
);
