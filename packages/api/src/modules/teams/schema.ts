import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { editions, tracks } from '../editions/schema.js';
import { storedFiles } from '../files/schema.js';

/** A participating unit (参赛单位), unique per edition by its unified social credit code (R-SOC-1). */
export const units = pgTable(
  'units',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid().notNull().references(() => editions.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** One of shared UNIT_TYPES. */
    type: text().notNull(),
    creditCode: text().notNull(),
    region: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.editionId, table.creditCode)],
);

/** A team of one track of one edition. */
export const teams = pgTable(
  'teams',
  {
    id: uuid().primaryKey().defaultRandom(),
    editionId: uuid().notNull().references(() => editions.id, { onDelete: 'cascade' }),
    trackId: uuid().notNull().references(() => tracks.id),
    name: text().notNull(),
    /** `individual` or `units` (R-SOC-1); university teams are `units` with their university. */
    entrantKind: text().notNull(),
    leaderUserId: uuid().notNull().references(() => users.id),
    /** draft → submitted → approved / rejected / returned (资格审核). */
    qualificationStatus: text().notNull().default('draft'),
    inviteCode: text().notNull().unique(),
    commitmentFileId: uuid().references(() => storedFiles.id),
    /** When the leader accepted the IP and single-division pledge (R-ALL-3). */
    pledgeAcceptedAt: timestamp({ withTimezone: true }),
    /** Set when a unit of the team appears on a blacklist after registration (R-SOC-3). */
    flaggedAt: timestamp({ withTimezone: true }),
    flagReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('teams_entrant_kind_known', sql`${table.entrantKind} in ('individual', 'units')`),
    check(
      'teams_qualification_status_known',
      sql`${table.qualificationStatus} in ('draft', 'submitted', 'approved', 'rejected', 'returned')`,
    ),
  ],
);

/** The units of a team; exactly one is the lead unit (牵头单位, R-SOC-2). */
export const teamUnits = pgTable(
  'team_units',
  {
    teamId: uuid().notNull().references(() => teams.id, { onDelete: 'cascade' }),
    unitId: uuid().notNull().references(() => units.id),
    isLead: boolean().notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.unitId] }),
    uniqueIndex('team_units_single_lead').on(table.teamId).where(sql`${table.isLead}`),
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
    teamId: uuid().notNull().references(() => teams.id, { onDelete: 'cascade' }),
    editionId: uuid().notNull().references(() => editions.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id),
    /** leader, member or advisor (university track only, R-UNI-2). */
    role: text().notNull(),
    studentNumber: text(),
    studentIdFileId: uuid().references(() => storedFiles.id),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('team_members_one_team_per_edition').on(table.editionId, table.userId),
    check('team_members_role_known', sql`${table.role} in ('leader', 'member', 'advisor')`),
  ],
);
