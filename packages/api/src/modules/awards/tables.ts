import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { AWARD_CATEGORY_CODES, GRADE_CODES, TRACK_CODES } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';
import { projects } from '../projects/tables.js';

/** How many of each grade a track × award category may give (set by organizers). */
export const awardQuotas = pgTable(
  'award_quotas',
  {
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    trackCode: text({ enum: TRACK_CODES }).notNull(),
    awardCategoryCode: text({ enum: AWARD_CATEGORY_CODES }).notNull(),
    gradeCode: text({ enum: GRADE_CODES }).notNull(),
    quota: integer().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.editionId, table.trackCode, table.awardCategoryCode, table.gradeCode] }),
    checkOneOf('award_quotas_track_known', table.trackCode, TRACK_CODES),
    checkOneOf('award_quotas_award_category_known', table.awardCategoryCode, AWARD_CATEGORY_CODES),
    checkOneOf('award_quotas_grade_known', table.gradeCode, GRADE_CODES),
    check('award_quotas_non_negative', sql`${table.quota} >= 0`),
    check(
      'award_quotas_r_cat_1',
      sql`not (${table.trackCode} = 'university' and ${table.awardCategoryCode} = 'component_award')`,
    ),
  ],
);

/**
 * A project's award after the final. A trigger (src/db/sql/post-review-coi.sql) refuses an
 * insert that would exceed the grade's quota.
 */
export const projectAwards = pgTable(
  'project_awards',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    trackCode: text({ enum: TRACK_CODES }).notNull(),
    awardCategoryCode: text({ enum: AWARD_CATEGORY_CODES }).notNull(),
    gradeCode: text({ enum: GRADE_CODES }).notNull(),
    rank: integer().notNull(),
    result: doublePrecision().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('project_awards_one_per_project').on(table.editionId, table.projectId),
    checkOneOf('project_awards_track_known', table.trackCode, TRACK_CODES),
    checkOneOf('project_awards_award_category_known', table.awardCategoryCode, AWARD_CATEGORY_CODES),
    checkOneOf('project_awards_grade_known', table.gradeCode, GRADE_CODES),
  ],
);

/** When an edition's results were published; the public results library shows nothing before. */
export const resultPublications = pgTable('result_publications', {
  editionId: uuid()
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  publishedAt: timestamp({ withTimezone: true }).notNull(),
  publishedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
});
