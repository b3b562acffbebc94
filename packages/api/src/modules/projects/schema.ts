import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { editions, topics } from '../editions/schema.js';
import { teams } from '../teams/schema.js';

/** A team's one project (参赛作品); `teamId` is unique: R-ALL-1 is a database constraint. */
export const projects = pgTable(
  'projects',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid().notNull().references(() => editions.id, { onDelete: 'cascade' }),
    teamId: uuid().notNull().references(() => teams.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    summary: text().notNull().default(''),
    directionCode: text().notNull(),
    categoryCode: text().notNull(),
    /** knowledge / tool / application, for `public_component` only. */
    publicComponentKind: text(),
    /** For `modeling`: R&D and application complete before the national final (R-PROJ-1). */
    completeBeforeNationalFinal: boolean().notNull().default(false),
    /** Number of the latest submitted version; 0 while a draft. */
    latestVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('projects_one_per_team').on(table.teamId),
    check('projects_category_known', sql`${table.categoryCode} in ('modeling', 'data_product', 'public_component')`),
  ],
);

export const projectTopics = pgTable(
  'project_topics',
  {
    projectId: uuid().notNull().references(() => projects.id, { onDelete: 'cascade' }),
    topicId: uuid().notNull().references(() => topics.id),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.topicId] })],
);

/** An immutable numbered snapshot taken at each submit (R-TIME-3). */
export const projectVersions = pgTable(
  'project_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid().notNull().references(() => projects.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.projectId, table.number)],
);
