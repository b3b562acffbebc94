import { sql } from 'drizzle-orm';
import { MEMBER_ROLE_LABELS, labelOf, maskEmail, maskMobile, type LocalizedMessage } from '@saishi/shared';
import { users } from '../accounts/tables.js';
import { teamMembers, teams } from './tables.js';

// Who to call about a team, as the organizers' exports write it (projects, teams): the leader's
// contacts masked unless disclosed, the members as one text.

/** A code's Chinese label, for the organizers' spreadsheets. */
export const zh = (labels: Readonly<Record<string, LocalizedMessage>>, code: string | null) =>
  labelOf(labels, code, 'zh-CN');

/** The team's members as JSON `[[name, role, userId], …]`: the leader first, then in joining order. */
export const membersJson = sql<[string, string, string][]>`coalesce((
  select json_agg(json_build_array(mu.display_name, tm.role, tm.user_id)
    order by case tm.role when 'leader' then 0 when 'member' then 1 else 2 end, tm.joined_at, tm.id)
  from ${teamMembers} tm join ${users} mu on mu.id = tm.user_id
  where tm.team_id = ${teams.id}), '[]'::json)`;

const MEMBER_ROLES_ZH = new Map(Object.keys(MEMBER_ROLE_LABELS).map((role) => [role, zh(MEMBER_ROLE_LABELS, role)]));

/** "张三（队长）、李四（队员）", in the order of `membersJson`. */
export const membersText = (members: readonly (readonly [string, string, string])[]) =>
  members.map(([name, role]) => `${name}（${MEMBER_ROLES_ZH.get(role) ?? role}）`).join('、');

/** The leader's mobile and e-mail, masked (138****0001) unless `unmasked`; empty when absent. */
export function maskedContacts(contact: { mobile: string | null; email: string | null }, unmasked: boolean) {
  return {
    leaderMobile: (unmasked ? contact.mobile : maskMobile(contact.mobile)) ?? '',
    leaderEmail: (unmasked ? contact.email : maskEmail(contact.email)) ?? '',
  };
}
