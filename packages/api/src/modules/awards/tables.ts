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
    trackCode: text().notNull(),
    awardCategoryCode: text().notNull(),
    gradeCode: text().notNull(),
    quota: integer().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.editionId, table.trackCode, table.awardCategoryCode, table.gradeCode] }),
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
    trackCode: text().notNull(),
    awardCategoryCode: text().notNull(),
    gradeCode: text().notNull(),
    rank: integer().notNull(),
    result: doublePrecision().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('project_awards_one_per_project').on(table.editionId, table.projectId)],
);

/** When an edition's results were published; the public results library shows nothing before. */
export const resultPublications = pgTable('result_publications', {
  editionId: uuid()
    .primaryKey()
    .references(() => editions.id, { onDelete: 'cascade' }),
  publishedAt: timestamp({ withTimezone: true }).notNull(),
  publishedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
});
