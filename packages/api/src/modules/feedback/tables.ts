import { doublePrecision, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { FEEDBACK_VISIBILITIES } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';
import { projects } from '../projects/tables.js';
import { reviewRounds } from '../review/tables.js';

/**
 * The feedback of a closed round published to its teams, and what they may read of it. One row
 * per round (its key): published once, so its `round_results` notifications go out once whatever
 * the number of concurrent requests.
 */
export const roundFeedback = pgTable(
  'round_feedback',
  {
    roundId: uuid()
      .primaryKey()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    visibility: text({ enum: FEEDBACK_VISIBILITIES }).notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    publishedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [checkOneOf('round_feedback_visibility_known', table.visibility, FEEDBACK_VISIBILITIES)],
);

/**
 * Each ranked project's result and rank in its track × category as published, kept so that
 * teams read what was announced without the ranking being computed again for each of them.
 */
export const roundFeedbackResults = pgTable(
  'round_feedback_results',
  {
    roundId: uuid()
      .notNull()
      .references(() => roundFeedback.roundId, { onDelete: 'cascade' }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    result: doublePrecision().notNull(),
    rank: integer().notNull(),
    groupSize: integer().notNull(),
  },
  (table) => [primaryKey({ columns: [table.roundId, table.projectId] })],
);
