import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { GRADE_CODES, RECOMMENDATION_STATUSES } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';
import { projects } from '../projects/tables.js';

/**
 * A division's winner recommended to the national final (R-DIV-2, R-PROJ-1): the project itself,
 * not a copy, with the version it was recommended with; national organizers accept it into the
 * national final's review or decline it with a reason.
 */
export const nationalRecommendations = pgTable(
  'national_recommendations',
  {
    id: uuid().primaryKey().defaultRandom(),
    nationalEditionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    divisionEditionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The submitted version the division's review and awards saw. */
    versionNumber: integer().notNull(),
    gradeCode: text({ enum: GRADE_CODES }).notNull(),
    status: text({ enum: RECOMMENDATION_STATUSES }).notNull().default('recommended'),
    recommendedAt: timestamp({ withTimezone: true }).notNull(),
    recommendedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text(),
  },
  (table) => [
    unique('national_recommendations_project').on(table.projectId),
    index('national_recommendations_national').on(table.nationalEditionId, table.status),
    checkOneOf('national_recommendations_status', table.status, RECOMMENDATION_STATUSES),
  ],
);
