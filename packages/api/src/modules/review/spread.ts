import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkSpreadResolution, spreadFlag, type SpreadResolution } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';
import { recordDecision } from '../ledger/service.js';
import { notifyAssignedExperts } from '../messages/audience.js';
import { lockRoundForHandChange } from './assignment-runs.js';
import { toConflictError } from './assignment.js';
import { candidatesIn } from './candidates.js';
import { findRound, findRoundOfKind, type RoundRow } from './rounds.js';
import type { PanelDecisionBody, ReReviewBody } from './ranking-schemas.js';
import { assignments, roundProjects, scores, spreadResolutions } from './tables.js';

export type SpreadResolutionRow = typeof spreadResolutions.$inferSelect;

/** The round's spread setting as the shared rules take it. */
export const spreadSettingOf = (round: RoundRow) => ({
  measure: round.spreadMeasure,
  threshold: round.spreadThreshold,
});

/** A resolution as the API shows it, instants in the edition's time zone. */
export const presentResolution = (row: SpreadResolutionRow, zone: string) => ({
  kind: row.kind,
  reason: row.reason,
  spread: row.spread,
  panelScore: row.panelScore,
  expertIds: row.expertIds,
  decidedAt: isoInZone(row.decidedAt, zone),
});

/** Every resolution of the round, by project. */
export async function roundResolutions(db: Db, roundId: string): Promise<Map<string, SpreadResolutionRow[]>> {
  const rows = await db
    .select()
    .from(spreadResolutions)
    .where(eq(spreadResolutions.roundId, roundId))
    .orderBy(asc(spreadResolutions.decidedAt));
  const byProject = new Map<string, SpreadResolutionRow[]>();
  for (const row of rows) byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
  return byProject;
}

/**
 * The project's state for a resolution, read in the decision's transaction: in the round (404
 * otherwise), its submitted totals' spread and flag, and what was already done about it; refused
 * (409) when the shared rule does not allow this resolution now.
 */
async function resolvable(tx: Db, round: RoundRow, projectId: string, kind: SpreadResolution) {
  const [inRound] = await tx
    .select({ id: roundProjects.projectId })
    .from(roundProjects)
    .where(and(eq(roundProjects.roundId, round.id), eq(roundProjects.projectId, projectId)));
  if (!inRound) throw new DomainError('PROJECT_NOT_IN_ROUND', 404);
  const totals = await tx
    .select({ total: scores.total })
    .from(scores)
    .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
    .where(
      and(eq(assignments.roundId, round.id), eq(assignments.projectId, projectId), eq(scores.status, 'submitted')),
    );
  const setting = spreadSettingOf(round);
  const { spread, flagged } = spreadFlag(
    totals.map((row) => row.total),
    setting,
  );
  const done = (await roundResolutions(tx, round.id)).get(projectId)?.map((row) => row.kind) ?? [];
  assertNoViolations(checkSpreadResolution({ kind, roundStatus: round.status, flagged, done }), 409);
  return { spread, setting };
}

/** Inserts the resolution; a concurrent one of the same kind loses on the primary key (409). */
async function insertResolution(tx: Db, values: typeof spreadResolutions.$inferInsert) {
  try {
    return firstOrThrow(await tx.insert(spreadResolutions).values(values).returning());
  } catch (error) {
    if (isUniqueViolation(error, 'spread_resolutions_pkey'))
      throw new DomainError('SPREAD_ALREADY_RESOLVED', 409, { params: { resolution: values.kind } });
    throw error;
  }
}

/**
 * Sends a flagged project of an open round to a re-review (复评): adds the requested number of
 * experts, chosen as the manual-assignment candidates are (active, unassigned, free of any
 * conflict with the project; matching fields first, then the least loaded), as `re_review`
 * assignments (the conflict trigger checks each again); recorded in the ledger with the reason.
 */
export async function requestReReview(
  deps: Deps,
  roundId: string,
  projectId: string,
  input: Static<typeof ReReviewBody>,
  actor: Actor,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await lockRoundForHandChange(tx, roundId, now);
    const { spread, setting } = await resolvable(tx, round, projectId, 're_review');
    const { items } = await candidatesIn(tx, roundId, projectId);
    if (items.length < input.experts)
      throw new DomainError('RE_REVIEW_EXPERTS_SHORT', 409, {
        params: { wanted: input.experts, available: items.length },
      });
    const chosen = items.slice(0, input.experts);
    const added = await tx
      .insert(assignments)
      .values(
        chosen.map((expert) => ({
          roundId,
          projectId,
          expertUserId: expert.id,
          source: 're_review' as const,
          reason: input.reason,
          createdBy: actor.sub,
          createdAt: now,
        })),
      )
      .returning({ id: assignments.id, expertId: assignments.expertUserId })
      .catch(toConflictError);
    const row = await insertResolution(tx, {
      roundId,
      projectId,
      kind: 're_review',
      reason: input.reason,
      spread,
      expertIds: added.map((entry) => entry.expertId),
      decidedBy: actor.sub,
      decidedAt: now,
    });
    await recordDecision(
      tx,
      actor,
      {
        action: 'project.re_review_requested',
        subjectType: 'project',
        subjectId: projectId,
        payload: {
          roundId,
          ...setting,
          spread,
          reason: input.reason,
          assignments: added.map((entry) => ({ id: entry.id, expertId: entry.expertId })),
        },
        certifies: { table: 'spread_resolutions', rowId: row.id },
      },
      now,
    );
    await notifyAssignedExperts(deps, tx, round, new Map(added.map((entry) => [entry.expertId, 1])));
    return {
      ...presentResolution(row, await editionTimeZone(tx, round.editionId)),
      assignments: added.map((entry) => ({ id: entry.id, expertId: entry.expertId })),
    };
  });
}

/**
 * Refuses (409) a panel decision on a preliminary whose projects have advanced: the advancement
 * took the ranking as it was, so a later panel score would silently contradict it. Both the
 * advancement and the panel decision lock the preliminary round first, so one of them sees the
 * other's outcome. Projects that entered the final otherwise (a national recommendation) carry no
 * preliminary result and do not count.
 */
async function assertNotAdvanced(tx: Db, round: RoundRow) {
  if (round.kind !== 'preliminary') return;
  const final = await findRoundOfKind(tx, round.editionId, 'final');
  const advanced = final
    ? await tx.$count(roundProjects, and(eq(roundProjects.roundId, final.id), isNotNull(roundProjects.advancedWith)))
    : 0;
  if (advanced > 0) throw new DomainError('ROUND_ALREADY_ADVANCED', 409);
}

/**
 * Records the panel decision (合议) on a flagged or re-reviewed project of an open or closed
 * round: its score becomes the project's result in the ranking (the experts' aggregate is shown
 * beside it), with the written reason; recorded in the ledger. Refused once a preliminary's
 * projects have advanced.
 */
export async function decideByPanel(
  deps: Deps,
  roundId: string,
  projectId: string,
  input: Static<typeof PanelDecisionBody>,
  actor: Actor,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    await assertNotAdvanced(tx, round);
    const { spread, setting } = await resolvable(tx, round, projectId, 'panel');
    const row = await insertResolution(tx, {
      roundId,
      projectId,
      kind: 'panel',
      reason: input.reason,
      spread,
      panelScore: input.score,
      decidedBy: actor.sub,
      decidedAt: now,
    });
    await recordDecision(
      tx,
      actor,
      {
        action: 'project.panel_decided',
        subjectType: 'project',
        subjectId: projectId,
        payload: { roundId, ...setting, spread, panelScore: input.score, reason: input.reason },
        certifies: { table: 'spread_resolutions', rowId: row.id },
      },
      now,
    );
    return presentResolution(row, await editionTimeZone(tx, round.editionId));
  });
}
