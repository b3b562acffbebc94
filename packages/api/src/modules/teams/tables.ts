import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { BLACKLIST_LIST_KINDS, ENTRANT_KINDS, MEMBER_ROLES, QUALIFICATION_STATUSES, UNIT_TYPES } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';
import { editions, tracks } from '../editions/tables.js';
import { storedFiles } from '../files/tables.js';

/** A participating unit (参赛单位), unique per edition by its unified social credit code (R-SOC-1). */
export const units = pgTable(
  'units',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    type: text({ enum: UNIT_TYPES }).notNull(),
    creditCode: text().notNull(),
    region: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [
    unique('units_edition_credit_code').on(table.editionId, table.creditCode),
    // Experts' affiliations find their units by name key (src/db/sql/pre-1-unit-name-key.sql).
    index('units_name_key').using('btree', sql`unit_name_key(${table.name})`),
    checkOneOf('units_type_known', table.type, UNIT_TYPES),
  ],
);

/** A team of one track of one edition. */
export const teams = pgTable(
  'teams',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    trackId: uuid()
      .notNull()
      .references(() => tracks.id),
    name: text().notNull(),
    /** `individual` or `units` (R-SOC-1); university teams are `units` with their university. */
    entrantKind: text({ enum: ENTRANT_KINDS }).notNull(),
    leaderUserId: uuid()
      .notNull()
      .references(() => users.id),
    /** draft → submitted → approved / rejected / returned (资格审核). */
    qualificationStatus: text({ enum: QUALIFICATION_STATUSES }).notNull().default('draft'),
    inviteCode: text().notNull().unique(),
    commitmentFileId: uuid().references(() => storedFiles.id),
    /** When the leader accepted the IP and single-division pledge (R-ALL-3). */
    pledgeAcceptedAt: timestamp({ withTimezone: true }),
    /** Set when a unit of the team appears on a blacklist after registration (R-SOC-3). */
    flaggedAt: timestamp({ withTimezone: true }),
    flagReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    checkOneOf('teams_entrant_kind_known', table.entrantKind, ENTRANT_KINDS),
    checkOneOf('teams_qualification_status_known', table.qualificationStatus, QUALIFICATION_STATUSES),
    // The organizers' list of an edition's teams in each of its orders (teams.ts, TEAM_ORDERS): a
    // page, first or after a cursor, is read in order from the index, not sorted from every team.
    index('teams_edition_updated').on(table.editionId, table.updatedAt, table.id),
    index('teams_edition_name').on(table.editionId, table.name, table.id),
    index('teams_edition_created').on(table.editionId, table.createdAt, table.id),
  ],
);

/** The units of a team; exactly one is the lead unit (牵头单位, R-SOC-2). */
export const teamUnits = pgTable(
  'team_units',
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    unitId: uuid()
      .notNull()
      .references(() => units.id),
    isLead: boolean().notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.unitId] }),
    uniqueIndex('team_units_single_lead')
      .on(table.teamId)
      .where(sql`${table.isLead}`),
  ],
);

/**
 * A person's place in a team. `editionId` is repeated from the team so that the database can
 * enforce R-ALL-2 (one person, one team per edition) with a unique constraint.
 */
export const teamMembers = pgTable(
  'team_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** An advisor only in the university track (R-UNI-2). */
    role: text({ enum: MEMBER_ROLES }).notNull(),
    studentNumber: text(),
    /** The university of a university-track team, repeated from its unit so that the database
     *  can keep a student number to one team per university (R-ALL-2, R-UNI-1). */
    universityUnitId: uuid().references(() => units.id),
    studentIdFileId: uuid().references(() => storedFiles.id),
    /** The national edition of the team's division edition, set by a trigger from the edition's
     *  parent (src/db/sql/post-one-division.sql); null for an edition outside a national one. */
    nationalEditionId: uuid().references(() => editions.id, { onDelete: 'cascade' }),
    joinedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('team_members_one_team_per_edition').on(table.editionId, table.userId),
    // R-DIV-1: one person, one division of a national edition, whichever service inserts.
    uniqueIndex('team_members_one_division_per_national_edition')
      .on(table.nationalEditionId, table.userId)
      .where(sql`${table.nationalEditionId} is not null`),
    // R-ALL-2 for students: one student number of a university, one team, whichever account is
    // used; the same number at two universities belongs to two students.
    uniqueIndex('team_members_one_student_per_university')
      .on(table.editionId, table.universityUnitId, table.studentNumber)
      .where(sql`${table.studentNumber} is not null`),
    index('team_members_team').on(table.teamId),
    // The teams an expert is on, whatever the edition: their units are the expert's too (COI).
    index('team_members_user').on(table.userId),
    checkOneOf('team_members_role_known', table.role, MEMBER_ROLES),
  ],
);

/**
 * Who left a team of an edition (or was removed from it), and when. Their membership row is gone,
 * yet the edition still holds their personal information (their mobile in its text messages, their
 * account): retention and deletion find them here (modules/privacy/retention.ts). Ids only.
 */
export const teamDepartures = pgTable(
  'team_departures',
  {
    editionId: uuid()
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    leftAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.editionId, table.userId] }), index('team_departures_user').on(table.userId)],
);

/** One entry of the 信用中国 lists imported by organizers (R-SOC-3); lists are national, not per edition. */
export const blacklistEntries = pgTable(
  'blacklist_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    creditCode: text().notNull(),
    name: text().notNull(),
    listKind: text({ enum: BLACKLIST_LIST_KINDS }).notNull(),
    sourceDate: date({ mode: 'string' }).notNull(),
    importId: uuid().notNull(),
    importedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    importedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    unique('blacklist_entries_code_kind').on(table.creditCode, table.listKind),
    checkOneOf('blacklist_entries_kind_known', table.listKind, BLACKLIST_LIST_KINDS),
  ],
);

/** Every qualification (资格审核) transition of a team: who, when, why. */
export const qualificationTransitions = pgTable(
  'qualification_transitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    fromStatus: text({ enum: QUALIFICATION_STATUSES }).notNull(),
    toStatus: text({ enum: QUALIFICATION_STATUSES }).notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull(),
    /** Orders transitions recorded in the same instant. */
    seq: integer().generatedAlwaysAsIdentity(),
  },
  (table) => [
    index('qualification_transitions_team').on(table.teamId, table.at),
    checkOneOf('qualification_transitions_from_known', table.fromStatus, QUALIFICATION_STATUSES),
    checkOneOf('qualification_transitions_to_known', table.toStatus, QUALIFICATION_STATUSES),
  ],
);

/** Organizers' notes on a team, possible at any stage (also after the roster is frozen). */
export const teamAnnotations = pgTable(
  'team_annotations',
  {
    id: uuid().primaryKey().defaultRandom(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    authorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index('team_annotations_team').on(table.teamId)],
);

/**
 * The invitation links a team's leader mailed (one per address and team: the key refuses sending
 * the same address twice, whatever the concurrency). The address is kept lower-cased.
 */
export const teamInvitations = pgTable(
  'team_invitations',
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ name: 'team_invitations_pkey', columns: [table.teamId, table.email] })],
);
