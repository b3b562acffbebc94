import { eq, sql } from 'drizzle-orm';
import { MEMBER_ROLE_LABELS, labelOf, maskEmail, maskMobile, type LocalizedMessage } from '@saishi/shared';
import { isAnyOfIds } from '../../db/conditions.js';
import type { Db } from '../../lib/deps.js';
import { users } from '../accounts/tables.js';
import { teamMembers } from './tables.js';

// Who to call about a team, as the organizers' exports write it (projects, teams): the leader's
// contacts masked unless disclosed, the members as one text.

/** A code's Chinese label, for the organizers' spreadsheets. */
export const zh = (labels: Readonly<Record<string, LocalizedMessage>>, code: string | null) =>
  labelOf(labels, code, 'zh-CN');

/** A member as the exports name them: name, role, account (logged when exported). */
export type NamedMember = [name: string, role: string, userId: string];

/**
 * The members of a page of teams, each team's the leader first, then in joining order: one
 * grouped query for the whole page (not one subquery per team). A team without members is absent.
 */
export async function membersOfTeams(db: Db, teamIds: readonly string[]): Promise<Map<string, NamedMember[]>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .select({
      teamId: teamMembers.teamId,
      members: sql<
        NamedMember[]
      >`json_agg(json_build_array(${users.displayName}, ${teamMembers.role}, ${teamMembers.userId})
        order by case ${teamMembers.role} when 'leader' then 0 when 'member' then 1 else 2 end, ${teamMembers.joinedAt}, ${teamMembers.id})`,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(isAnyOfIds(teamMembers.teamId, teamIds))
    .groupBy(teamMembers.teamId);
  return new Map(rows.map((row) => [row.teamId, row.members]));
}

const MEMBER_ROLES_ZH = new Map(Object.keys(MEMBER_ROLE_LABELS).map((role) => [role, zh(MEMBER_ROLE_LABELS, role)]));

/** "张三（队长）、李四（队员）", in the order of `membersOfTeams`. */
export const membersText = (members: readonly (readonly [string, string, string])[]) =>
  members.map(([name, role]) => `${name}（${MEMBER_ROLES_ZH.get(role) ?? role}）`).join('、');

/** The leader's mobile and e-mail, masked (138****0001) unless `unmasked`; empty when absent. */
export function maskedContacts(contact: { mobile: string | null; email: string | null }, unmasked: boolean) {
  return {
    leaderMobile: (unmasked ? contact.mobile : maskMobile(contact.mobile)) ?? '',
    leaderEmail: (unmasked ? contact.email : maskEmail(contact.email)) ?? '',
  };
}
