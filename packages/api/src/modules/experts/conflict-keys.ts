import { and, eq, inArray, sql } from 'drizzle-orm';
import { unitNameKey } from '@saishi/shared';
import type { Db } from '../../lib/deps.js';
import { projects } from '../projects/tables.js';
import { teamMembers, teamUnits, units } from '../teams/tables.js';
import { conflictInForce, expertConflicts, expertProfiles } from './tables.js';

/**
 * The conflict keys of experts and projects (see shared rules/assignment.ts): `unit:<credit code>`,
 * `unit-name:<unitNameKey(name)>`, `team:<id>` and `project:<id>`. The COI trigger
 * (src/db/sql/post-review-coi-derived.sql) derives the same conflicts in the database.
 */

const nameKeyOf = sql<string>`unit_name_key(${units.name})`;

/** Credit codes of the units named by each name key, in any edition: an affiliation's name gives its codes. */
async function codesByNameKey(db: Db, nameKeys: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (nameKeys.length === 0) return result;
  const rows = await db
    .selectDistinct({ key: nameKeyOf, code: units.creditCode })
    .from(units)
    .where(inArray(nameKeyOf, [...new Set(nameKeys)]));
  for (const row of rows) result.set(row.key, [...(result.get(row.key) ?? []), row.code.toUpperCase()]);
  return result;
}

/** The teams each expert is on (e.g. as advising teacher), in any edition, with the codes of their units. */
async function teamsOfExperts(db: Db, expertIds: readonly string[]) {
  if (expertIds.length === 0) return [];
  return db
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId, code: units.creditCode })
    .from(teamMembers)
    .leftJoin(teamUnits, eq(teamUnits.teamId, teamMembers.teamId))
    .leftJoin(units, eq(units.id, teamUnits.unitId))
    .where(inArray(teamMembers.userId, [...expertIds]));
}

/**
 * Conflict keys of many experts (all when `expertIds` is omitted), derived from the affiliation
 * (its credit code, its name, and the codes of the units of that name), from the teams the expert
 * is on and their units, and from the expert's declared conflicts in force.
 */
export async function expertConflictKeys(
  db: Db,
  expertIds?: readonly string[],
): Promise<Map<string, { keys: string[]; fields: string[]; topics: string[] }>> {
  const profiles = await db
    .select({
      userId: expertProfiles.userId,
      code: expertProfiles.affiliationCreditCode,
      name: expertProfiles.affiliationName,
      fields: expertProfiles.fieldCodes,
      topics: expertProfiles.topicIds,
    })
    .from(expertProfiles)
    .where(expertIds ? inArray(expertProfiles.userId, [...expertIds]) : undefined);
  const conflicts = await db
    .select({
      expertId: expertConflicts.expertUserId,
      kind: expertConflicts.kind,
      subjectId: expertConflicts.subjectId,
      creditCode: expertConflicts.creditCode,
      unitCode: units.creditCode,
    })
    .from(expertConflicts)
    .leftJoin(units, and(eq(expertConflicts.kind, 'unit'), eq(units.id, expertConflicts.subjectId)))
    .where(and(conflictInForce, expertIds ? inArray(expertConflicts.expertUserId, [...expertIds]) : undefined));
  const nameKeys = new Map(profiles.map((profile) => [profile.userId, unitNameKey(profile.name)]));
  const derivedCodes = await codesByNameKey(db, [...nameKeys.values()]);
  const result = new Map<string, { keys: Set<string>; fields: string[]; topics: string[] }>(
    profiles.map((profile) => {
      const nameKey = nameKeys.get(profile.userId)!;
      const codes = [...(profile.code ? [profile.code.toUpperCase()] : []), ...(derivedCodes.get(nameKey) ?? [])];
      return [
        profile.userId,
        {
          keys: new Set([`unit-name:${nameKey}`, ...codes.map((code) => `unit:${code}`)]),
          fields: profile.fields,
          topics: profile.topics,
        },
      ];
    }),
  );
  // An expert who is on a team (e.g. as advising teacher) never reviews that team, nor its units' teams.
  for (const membership of await teamsOfExperts(db, [...result.keys()])) {
    const keys = result.get(membership.userId)?.keys;
    keys?.add(`team:${membership.teamId}`);
    if (membership.code) keys?.add(`unit:${membership.code.toUpperCase()}`);
  }
  for (const conflict of conflicts) {
    const keys = result.get(conflict.expertId)?.keys;
    if (!keys) continue;
    if (conflict.kind === 'unit') {
      const code = conflict.unitCode ?? conflict.creditCode;
      if (code) keys.add(`unit:${code.toUpperCase()}`);
    } else keys.add(`${conflict.kind}:${conflict.subjectId}`);
  }
  return new Map([...result].map(([id, entry]) => [id, { ...entry, keys: [...entry.keys] }]));
}

export async function conflictKeysOfExpert(db: Db, expertId: string): Promise<string[]> {
  return (await expertConflictKeys(db, [expertId])).get(expertId)?.keys ?? [];
}

/** Conflict keys of projects: the project, its team, and every unit of the team by credit code and name. */
export async function projectConflictKeys(db: Db, projectIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (let index = 0; index < projectIds.length; index += 5000) {
    const rows = await db
      .select({ projectId: projects.id, teamId: projects.teamId, code: units.creditCode, name: units.name })
      .from(projects)
      .leftJoin(teamUnits, eq(teamUnits.teamId, projects.teamId))
      .leftJoin(units, eq(units.id, teamUnits.unitId))
      .where(inArray(projects.id, projectIds.slice(index, index + 5000)));
    for (const row of rows) addProjectKeys(result, row);
  }
  return result;
}

/**
 * Adds one row of a project joined to its team's units (none: `code` and `name` null) to the
 * project's conflict keys: the project and its team the first time, the unit's code and name.
 */
export function addProjectKeys(
  result: Map<string, string[]>,
  row: { projectId: string; teamId: string; code: string | null; name: string | null },
): void {
  let keys = result.get(row.projectId);
  if (!keys) result.set(row.projectId, (keys = [`project:${row.projectId}`, `team:${row.teamId}`]));
  if (row.code) keys.push(`unit:${row.code.toUpperCase()}`);
  if (row.name) keys.push(`unit-name:${unitNameKey(row.name)}`);
}
