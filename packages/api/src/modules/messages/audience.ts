import { eq } from 'drizzle-orm';
import {
  AWARD_CATEGORY_LABELS,
  GRADE_LABELS,
  ROUND_KIND_LABELS,
  type NotificationKind,
  type RoundKind,
} from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import { projectAwards } from '../awards/tables.js';
import { editions } from '../editions/tables.js';
import { projects } from '../projects/tables.js';
import { teamMembers, teams } from '../teams/tables.js';
import type { TemplateParams } from './templates.js';

/**
 * Tells everyone of a team (its leader and members, advisors included) about it, in `tx`: the
 * team's and edition's names are filled in as `{team}` and `{edition}`.
 */
export async function notifyTeam(
  deps: Deps,
  tx: Db,
  teamId: string,
  kind: NotificationKind,
  params: TemplateParams = {},
): Promise<void> {
  if (!deps.notify) return;
  const [team] = await tx
    .select({ name: teams.name, edition: editions.name, leaderUserId: teams.leaderUserId })
    .from(teams)
    .innerJoin(editions, eq(editions.id, teams.editionId))
    .where(eq(teams.id, teamId));
  if (!team) return;
  const members = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId));
  const people = new Set([team.leaderUserId, ...members.map((member) => member.userId)]);
  for (const userId of people) {
    await deps.notify({ kind, userId, params: { team: team.name, edition: team.edition, ...params } }, tx);
  }
}

/**
 * Tells each expert how many projects of a round they were just given (`counts`: expert → number),
 * in `tx`.
 */
export async function notifyAssignedExperts(
  deps: Deps,
  tx: Db,
  round: { editionId: string; kind: RoundKind },
  counts: ReadonlyMap<string, number>,
): Promise<void> {
  if (!deps.notify || counts.size === 0) return;
  const [edition] = await tx.select({ name: editions.name }).from(editions).where(eq(editions.id, round.editionId));
  const label = ROUND_KIND_LABELS[round.kind];
  for (const [userId, count] of counts) {
    await deps.notify(
      {
        kind: 'review_assigned',
        userId,
        params: { edition: edition?.name ?? '', round: label['zh-CN'], roundEn: label.en, count: String(count) },
      },
      tx,
    );
  }
}

/** Tells the team of each awarded project of the edition its award, in `tx` (the results were just published). */
export async function notifyAwardedTeams(deps: Deps, tx: Db, editionId: string): Promise<void> {
  if (!deps.notify) return;
  const awarded = await tx
    .select({
      teamId: projects.teamId,
      title: projects.title,
      category: projectAwards.awardCategoryCode,
      grade: projectAwards.gradeCode,
    })
    .from(projectAwards)
    .innerJoin(projects, eq(projects.id, projectAwards.projectId))
    .where(eq(projectAwards.editionId, editionId));
  for (const award of awarded) {
    const category = AWARD_CATEGORY_LABELS[award.category];
    const grade = GRADE_LABELS[award.grade];
    await notifyTeam(deps, tx, award.teamId, 'awards_published', {
      project: award.title,
      award: `${category['zh-CN']}${grade['zh-CN']}`,
      awardEn: `${category.en}, ${grade.en.toLowerCase()}`,
    });
  }
}
