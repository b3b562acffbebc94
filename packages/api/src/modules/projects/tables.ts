import { sql } from 'drizzle-orm';
import {
  boolean,
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
  CATEGORY_CODES,
  DIRECTION_CODES,
  PROJECT_FILE_KINDS,
  PUBLIC_COMPONENT_KINDS,
  TOPIC_SCOPES,
  type BenefitProof,
  type CategoryCode,
  type DataSource,
  type DirectionCode,
  type ProjectFileKind,
  type PublicComponentKind,
  type TopicScope,
} from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
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
    directionCode: text({ enum: DIRECTION_CODES }).notNull(),
    categoryCode: text({ enum: CATEGORY_CODES }).notNull(),
    /** knowledge / tool / application, for `public_component` only. */
    publicComponentKind: text({ enum: PUBLIC_COMPONENT_KINDS }),
    /** R-TOPIC-1: topics of one field, or across fields. */
    topicScope: text({ enum: TOPIC_SCOPES }).notNull().default('single_field'),
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
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    /**
     * The ids of the project's topics (`projectTopics`), ascending, kept by triggers on that table
     * (src/db/sql/post-project-topic-ids.sql) for the organizers' list: read, never written here.
     */
    topicIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
  },
  (table) => [
    unique('projects_one_per_team').on(table.teamId),
    checkOneOf('projects_direction_known', table.directionCode, DIRECTION_CODES),
    checkOneOf('projects_category_known', table.categoryCode, CATEGORY_CODES),
    checkOneOf('projects_topic_scope_known', table.topicScope, TOPIC_SCOPES),
    // A CHECK passes on null: the kind stays optional.
    checkOneOf('projects_component_kind_known', table.publicComponentKind, PUBLIC_COMPONENT_KINDS),
    // The organizers' list in each of its orders (listing.ts): a page, first or after a cursor, is
    // read from the index in order, not sorted from every project of the edition.
    index('projects_edition_created').on(table.editionId, table.createdAt, table.id),
    index('projects_edition_title').on(table.editionId, table.title, table.id),
    index('projects_edition_last_submitted').on(
      table.editionId,
      sql`coalesce(${table.lastSubmittedAt}, 'epoch'::timestamptz)`,
      table.id,
    ),
    // Trigram indexes for the organizers' search by title (pg_trgm, shipped by PostgreSQL and PGlite).
    // No pending list, as the search documents' index (see there).
    index('projects_title_trgm')
      .using('gin', sql`${table.title} gin_trgm_ops`)
      .with({ fastupdate: false }),
  ],
);

/**
 * One search document per project: its title, its team's name and its units' names in one text,
 * kept current by triggers (src/db/sql/post-project-search.sql) and searched through one trigram
 * index, so that a search is one index scan instead of an OR across joins the planner can't index.
 */
export const projectSearchDocuments = pgTable(
  'project_search_documents',
  {
    projectId: uuid()
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' }),
    document: text().notNull(),
  },
  (table) => [
    // No pending list (fastupdate off): entries go straight into the index. A pending list is read
    // whole by every search and is flushed only by (auto)vacuum, which the embedded database never
    // runs; the planner prices each of its pages, and past a few thousand projects chose a
    // sequential scan of every document instead of the index.
    index('project_search_documents_trgm')
      .using('gin', sql`${table.document} gin_trgm_ops`)
      .with({ fastupdate: false }),
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
    kind: text({ enum: PROJECT_FILE_KINDS }).notNull(),
    storedFileId: uuid()
      .notNull()
      .unique()
      .references(() => storedFiles.id),
    addedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp({ withTimezone: true }).notNull(),
    removedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    checkOneOf('project_files_kind_known', table.kind, PROJECT_FILE_KINDS),
    index('project_files_project').on(table.projectId),
  ],
);

/** A project's version-worthy content: what a version's snapshot holds and what compare diffs. */
export interface ProjectSnapshot {
  title: string;
  summary: string;
  direction: DirectionCode;
  category: CategoryCode;
  publicComponentKind: PublicComponentKind | null;
  topicScope: TopicScope;
  topics: { id: string; title: string; fieldCode: string }[];
  dataSources: DataSource[];
  benefitProof: BenefitProof | null;
  technology: {
    privacyComputing: boolean;
    dataSandbox: boolean;
    blockchain: boolean;
    domesticTechnology: boolean;
    notes: string;
  };
  completeBeforeNationalFinal: boolean;
  completionDeclared: boolean;
  files: {
    id: string;
    kind: ProjectFileKind;
    storedFileId: string;
    name: string;
    mimeType: string;
    sizeBytes: number;
    sha256: string;
  }[];
}

/** An immutable numbered snapshot taken at each submit (R-TIME-3). */
export const projectVersions = pgTable(
  'project_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    snapshot: jsonb().$type<ProjectSnapshot>().notNull(),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [unique('project_versions_number').on(table.projectId, table.number)],
);
