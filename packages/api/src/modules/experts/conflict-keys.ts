import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { projects } from '../projects/tables.js';
import { teamMembers, teamUnits, units } from '../teams/tables.js';
import { expertConflicts, expertProfiles } from './tables.js';

/**
 * The conflict keys of experts and projects (see shared rules/assignment.ts): `unit:<credit code>`
 * (`unit-name:<name>` for an affiliation without a code), `team:<id>` and `project:<id>`.
 */

/** Conflict keys of many experts (all when `expertIds` is omitted): affiliation, own teams and declared conflicts. */
export async function expertConflictKeys(
  db: Db,
  expertIds?: readonly string[],
): Promise<Map<string, { keys: string[]; fields: string[] }>> {
  const profiles = await db
    .select({
      userId: expertProfiles.userId,
      code: expertProfiles.affiliationCreditCode,
      name: expertProfiles.affiliationName,
      fields: expertProfiles.fieldCodes,
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
    .where(expertIds ? inArray(expertConflicts.expertUserId, [...expertIds]) : undefined);
  const result = new Map<string, { keys: string[]; fields: string[] }>(
    profiles.map((profile) => [
      profile.userId,
      {
        keys: [profile.code ? `unit:${profile.code.toUpperCase()}` : `unit-name:${profile.name}`],
        fields: profile.fields,
      },
    ]),
  );
  // An expert who is on a team (e.g. as advising teacher) never reviews that team.
  const memberships = await db
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(inArray(teamMembers.userId, expertIds ? [...expertIds] : profiles.map((profile) => profile.userId)));
  for (const membership of memberships) result.get(membership.userId)?.keys.push(`team:${membership.teamId}`);
  for (const conflict of conflicts) {
    const entry = result.get(conflict.expertId);
    if (!entry) continue;
    if (conflict.kind === 'unit') {
      const code = conflict.unitCode ?? conflict.creditCode;
      if (code) entry.keys.push(`unit:${code.toUpperCase()}`);
    } else entry.keys.push(`${conflict.kind}:${conflict.subjectId}`);
  }
  return result;
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
    for (const row of rows) {
      let keys = result.get(row.projectId);
      if (!keys) result.set(row.projectId, (keys = [`project:${row.projectId}`, `team:${row.teamId}`]));
      if (row.code) keys.push(`unit:${row.code.toUpperCase()}`);
      if (row.name) keys.push(`unit-name:${row.name}`);
    }
  }
  return result;
}
