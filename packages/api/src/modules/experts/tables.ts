import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { AFFILIATION_TYPES, CONFLICT_KINDS, CONFLICT_STATUSES, type FieldCode } from '@saishi/shared';
import { checkOneOf } from '../../db/columns.js';
import { users } from '../accounts/tables.js';

/**
 * The reviewing side of a `users` row of role `expert`: affiliation (matched by its unified social
 * credit code when known, else by name) and expertise fields, used by conflict-free assignment.
 */
export const expertProfiles = pgTable(
  'expert_profiles',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    affiliationName: text().notNull(),
    affiliationCreditCode: text(),
    /** A unit type, an investment institution (often without a code), or `other`. */
    affiliationType: text({ enum: AFFILIATION_TYPES }).notNull().default('other'),
    title: text().notNull().default(''),
    fieldCodes: jsonb().$type<FieldCode[]>().notNull().default([]),
    /** Topic ids the expert declared: automatic assignment prefers them to a field match. */
    topicIds: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [checkOneOf('expert_profiles_affiliation_type_known', table.affiliationType, AFFILIATION_TYPES)],
);

/**
 * A declared conflict of interest (回避): names a project, a team, or a unit (by id or by credit code).
 * Declared by the expert or recorded by an admin. It keeps the expert off while it is in force:
 * not rejected and not withdrawn (see `conflictInForce`).
 */
export const expertConflicts = pgTable(
  'expert_conflicts',
  {
    id: uuid().primaryKey().defaultRandom(),
    expertUserId: uuid()
      .notNull()
      .references(() => expertProfiles.userId, { onDelete: 'cascade' }),
    kind: text({ enum: CONFLICT_KINDS }).notNull(),
    subjectId: uuid(),
    creditCode: text(),
    reason: text().notNull().default(''),
    declaredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** An expert's declaration waits for an organizer's review; an organizer's is confirmed at once. */
    status: text({ enum: CONFLICT_STATUSES }).notNull().default('confirmed'),
    reviewedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewNote: text(),
    /** A withdrawn conflict stays on record but no longer keeps the expert off. */
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    withdrawalReason: text(),
  },
  (table) => [
    index('expert_conflicts_expert').on(table.expertUserId),
    checkOneOf('expert_conflicts_kind_known', table.kind, CONFLICT_KINDS),
    checkOneOf('expert_conflicts_status_known', table.status, CONFLICT_STATUSES),
    check(
      'expert_conflicts_names_subject',
      sql`(${table.kind} = 'unit' and (${table.subjectId} is not null or ${table.creditCode} is not null)) or (${table.kind} <> 'unit' and ${table.subjectId} is not null)`,
    ),
  ],
);

/** A conflict keeps its expert off unless an organizer rejected it or it was withdrawn. */
export const conflictInForce = sql`${expertConflicts.status} <> 'rejected' and ${expertConflicts.withdrawnAt} is null`;
