import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import type { BenefitProof, DataSource } from '@saishi/shared';
import { users } from '../accounts/tables.js';
import { editions, topics } from '../editions/tables.js';
import { storedFiles } from '../files/tables.js';
import { teams } from '../teams/tables.js';

/** A team's one project (参赛作品); `teamId` is unique: R-ALL-1 is a database constraint. */
export const projects = pgTable(
  'projects',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    summary: text().notNull().default(''),
    directionCode: text().notNull(),
    categoryCode: text().notNull(),
    /** knowledge / tool / application, for `public_component` only. */
    publicComponentKind: text(),
    /** R-TOPIC-1: topics of one field, or across fields. */
    topicScope: text().notNull().default('single_field'),
    /** For `modeling`: catalog entries and own data used (SPEC §2). */
    dataSources: jsonb().$type<DataSource[]>().notNull().default([]),
    /** For `data_product` and `public_component`: deployed where, since when, benefit figures. */
    benefitProof: jsonb().$type<BenefitProof>(),
    /** Declared technology (SPEC §5): "usable but invisible" data and domestic technology. */
    usesPrivacyComputing: boolean().notNull().default(false),
    usesDataSandbox: boolean().notNull().default(false),
    usesBlockchain: boolean().notNull().default(false),
    usesDomesticTechnology: boolean().notNull().default(false),
    technologyNotes: text().notNull().default(''),
    /** For `modeling`: R&D and application complete before the national final (R-PROJ-1). */
    completeBeforeNationalFinal: boolean().notNull().default(false),
    /** Whether the team has answered the R-PROJ-1 question at all (required for `modeling`). */
    completionDeclared: boolean().notNull().default(false),
    /** Number of the latest submitted version; 0 while a draft. */
    latestVersion: integer().notNull().default(0),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    lastSubmittedAt: timestamp({ withTimezone: true }),
    /** Set from the API's clock (millisecond precision), which keeps keyset cursors exact. */
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('projects_one_per_team').on(table.teamId),
    check('projects_category_known', sql`${table.categoryCode} in ('modeling', 'data_product', 'public_component')`),
    check('projects_topic_scope_known', sql`${table.topicScope} in ('single_field', 'cross_field')`),
    check(
      'projects_component_kind_known',
      sql`${table.publicComponentKind} is null or ${table.publicComponentKind} in ('knowledge', 'tool', 'application')`,
    ),
    index('projects_edition_created').on(table.editionId, table.createdAt, table.id),
    // Trigram indexes for the organizers' search by title (pg_trgm, shipped by PostgreSQL and PGlite).
    index('projects_title_trgm').using('gin', sql`${table.title} gin_trgm_ops`),
  ],
);

export const projectTopics = pgTable(
  'project_topics',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    topicId: uuid()
      .notNull()
      .references(() => topics.id),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.topicId] }),
    index('project_topics_topic').on(table.topicId),
  ],
);

/**
 * A file attached to a project. Removing it from the project only sets `removedAt`: versions
 * taken before still list it, so organizers can still open it.
 */
export const projectFiles = pgTable(
  'project_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    storedFileId: uuid()
      .notNull()
      .unique()
      .references(() => storedFiles.id),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    check('project_files_kind_known', sql`${table.kind} in ('proposal', 'slides', 'video', 'proof')`),
    index('project_files_project').on(table.projectId),
  ],
);

/** An immutable numbered snapshot taken at each submit (R-TIME-3). */
export const projectVersions = pgTable(
  'project_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('project_versions_number').on(table.projectId, table.number)],
);
