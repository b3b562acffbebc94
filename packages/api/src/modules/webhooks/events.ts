import { asc, eq } from 'drizzle-orm';
import type { QualificationStatus, RoundKind } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import { isoInZone } from '../../lib/time.js';
import { projectAwards } from '../awards/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { tracks } from '../editions/tables.js';
import { projects } from '../projects/tables.js';
import { teams } from '../teams/tables.js';

// The decisions that tell integrators, each in its own transaction `tx` (the outbox is written
// there). The data is read only when an endpoint subscribes to the event.

/** The team event of a qualification transition: submitted, or an organizer's decision. */
const TEAM_EVENT = {
  submitted: 'team.submitted',
  approved: 'team.qualified',
  returned: 'team.returned',
  rejected: 'team.rejected',
} as const satisfies Record<Exclude<QualificationStatus, 'draft'>, string>;

export async function emitTeamEvent(
  deps: Deps,
  tx: Db,
  team: { id: string; editionId: string },
  to: QualificationStatus,
  reason: string | null,
): Promise<void> {
  if (to === 'draft') return;
  await deps.emit?.(
    {
      editionId: team.editionId,
      type: TEAM_EVENT[to],
      data: async () => {
        const [row] = await tx
          .select({
            id: teams.id,
            name: teams.name,
            trackCode: tracks.code,
            qualificationStatus: teams.qualificationStatus,
          })
          .from(teams)
          .innerJoin(tracks, eq(tracks.id, teams.trackId))
          .where(eq(teams.id, team.id));
        return { team: row!, reason };
      },
    },
    tx,
  );
}

export async function emitProjectVersion(
  deps: Deps,
  tx: Db,
  project: { id: string; editionId: string; teamId: string; title: string },
  version: number,
  submittedAt: Date,
): Promise<void> {
  await deps.emit?.(
    {
      editionId: project.editionId,
      type: 'project.version_submitted',
      data: async () => ({
        project: { id: project.id, teamId: project.teamId, title: project.title },
        version,
        submittedAt: isoInZone(submittedAt, await editionTimeZone(tx, project.editionId)),
      }),
    },
    tx,
  );
}

export async function emitRoundEvent(
  deps: Deps,
  tx: Db,
  round: { id: string; editionId: string; kind: RoundKind },
  status: 'open' | 'closed',
): Promise<void> {
  await deps.emit?.(
    {
      editionId: round.editionId,
      type: status === 'open' ? 'round.opened' : 'round.closed',
      data: async () => ({ round: { id: round.id, kind: round.kind, status } }),
    },
    tx,
  );
}

/** The results were published: every award of the edition, now public. */
export async function emitResultsPublished(deps: Deps, tx: Db, editionId: string, publishedAt: Date): Promise<void> {
  await deps.emit?.(
    {
      editionId,
      type: 'results.published',
      data: async () => ({
        publishedAt: isoInZone(publishedAt, await editionTimeZone(tx, editionId)),
        awards: await tx
          .select({
            projectId: projectAwards.projectId,
            teamId: projects.teamId,
            title: projects.title,
            awardCategoryCode: projectAwards.awardCategoryCode,
            gradeCode: projectAwards.gradeCode,
          })
          .from(projectAwards)
          .innerJoin(projects, eq(projects.id, projectAwards.projectId))
          .where(eq(projectAwards.editionId, editionId))
          .orderBy(asc(projectAwards.awardCategoryCode), asc(projectAwards.gradeCode), asc(projectAwards.projectId)),
      }),
    },
    tx,
  );
}
