import { MEMBER_ROLE_LABELS, labelOf, maskEmail, maskMobile } from '@saishi/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { users } from '../accounts/tables.js';
import { teamMembers, teamUnits, teams, units } from '../teams/tables.js';

// Who to call about a project, for the organizers' export: the team's leader, the lead unit's
// credit code and the members with their roles, fetched for a batch of teams at once.

export interface TeamContacts {
  leaderUserId: string | null;
  leaderName: string;
  leaderMobile: string;
  leaderEmail: string;
  creditCode: string;
  /** "张三（负责人）、李四（成员）", the leader first, then in joining order. */
  members: string;
}

const ROLE_ORDER = sql`case ${teamMembers.role} when 'leader' then 0 when 'member' then 1 else 2 end`;

/**
 * The contacts of the teams; the leaders' mobile and e-mail masked (138****0001) unless `unmasked`
 * (an organizer with `personalData.view` who gave a reason, logged by the caller).
 */
export async function contactsOf(
  db: Db,
  teamIds: readonly string[],
  unmasked = false,
): Promise<Map<string, TeamContacts>> {
  const contacts = new Map<string, TeamContacts>();
  if (teamIds.length === 0) return contacts;
  const ids = [...new Set(teamIds)];
  const [leaders, leadUnits, members] = await Promise.all([
    db
      .select({
        teamId: teams.id,
        userId: users.id,
        name: users.displayName,
        mobile: users.mobile,
        email: users.email,
      })
      .from(teams)
      .innerJoin(users, eq(users.id, teams.leaderUserId))
      .where(inArray(teams.id, ids)),
    db
      .select({ teamId: teamUnits.teamId, creditCode: units.creditCode })
      .from(teamUnits)
      .innerJoin(units, eq(units.id, teamUnits.unitId))
      .where(and(inArray(teamUnits.teamId, ids), eq(teamUnits.isLead, true))),
    db
      .select({ teamId: teamMembers.teamId, name: users.displayName, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(inArray(teamMembers.teamId, ids))
      .orderBy(asc(ROLE_ORDER), asc(teamMembers.joinedAt), asc(teamMembers.id)),
  ]);
  for (const id of ids) {
    const leader = leaders.find((row) => row.teamId === id);
    contacts.set(id, {
      leaderUserId: leader?.userId ?? null,
      leaderName: leader?.name ?? '',
      leaderMobile: (unmasked ? leader?.mobile : maskMobile(leader?.mobile ?? null)) ?? '',
      leaderEmail: (unmasked ? leader?.email : maskEmail(leader?.email ?? null)) ?? '',
      creditCode: leadUnits.find((row) => row.teamId === id)?.creditCode ?? '',
      members: members
        .filter((row) => row.teamId === id)
        .map((row) => `${row.name}（${labelOf(MEMBER_ROLE_LABELS, row.role, 'zh-CN')}）`)
        .join('、'),
    });
  }
  return contacts;
}
