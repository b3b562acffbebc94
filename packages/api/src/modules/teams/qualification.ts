import { asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  checkCollectionOpen,
  checkQualificationTransition,
  qualificationTarget,
  type NotificationKind,
  type QualificationDecision,
  type QualificationStatus,
} from '@saishi/shared';
import type { Actor, Deps, Transaction } from '../../lib/deps.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editionTimeZone, loadStages, toStageWindows } from '../editions/service.js';
import { recordDecision } from '../ledger/service.js';
import { notifyTeam } from '../messages/audience.js';
import { emitTeamEvent } from '../webhooks/events.js';
import {
  assertCanSee,
  assertLeader,
  currentTeam,
  findTeam,
  lockTeam,
  readiness,
  surroundingsOfTeam,
  type TeamRow,
} from './queries.js';
import type { BulkDecisionBody, DecisionBody } from './schemas.js';
import { qualificationTransitions, teams } from './tables.js';

/**
 * The qualification review (资格审核): draft / returned → submitted by the leader; submitted →
 * approved / rejected / returned by an organizer. Every transition is recorded: who, when, why,
 * and written to the ledger, which certifies the team's qualification status it leaves.
 */

export async function recordTransition(
  tx: Transaction,
  team: Pick<TeamRow, 'id' | 'editionId' | 'qualificationStatus'>,
  to: QualificationStatus,
  actor: Pick<Actor, 'sub'>,
  reason: string | null,
  now: Date,
) {
  await tx.update(teams).set({ qualificationStatus: to, updatedAt: now }).where(eq(teams.id, team.id));
  await tx.insert(qualificationTransitions).values({
    teamId: team.id,
    fromStatus: team.qualificationStatus,
    toStatus: to,
    actorUserId: actor.sub,
    reason,
    at: now,
  });
  await recordDecision(
    tx,
    actor,
    {
      action: to === 'submitted' ? 'qualification.submitted' : 'qualification.decided',
      subjectType: 'team',
      subjectId: team.id,
      payload: { editionId: team.editionId, from: team.qualificationStatus, to, reason },
      certifies: { table: 'teams', rowId: team.id },
    },
    now,
  );
}

/** The leader submits the team for qualification review once every requirement is met (R-ALL-3, R-UNI-1, R-TIME-1). */
export async function submitTeam(deps: Deps, teamId: string, actor: Actor) {
  const now = deps.clock.now();
  const team = await findTeam(deps.db, teamId);
  assertLeader(team, actor);
  // Submissions are accepted only during collection (R-TIME-1).
  assertNoViolations(checkCollectionOpen(toStageWindows(await loadStages(deps.db, team.editionId)), now));
  await deps.db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    assertNoViolations(checkQualificationTransition({ from: locked.qualificationStatus, to: 'submitted' }), 409);
    const { trackCode, teamUnitRows, memberRows } = await surroundingsOfTeam(tx, teamId);
    assertNoViolations(readiness(locked, trackCode, teamUnitRows, memberRows));
    await recordTransition(tx, locked, 'submitted', actor, null, now);
    await emitTeamEvent(deps, tx, locked, 'submitted', null);
  });
  return currentTeam(deps.db, teamId);
}

/** One organizer's decision on one submitted team, at `now`. */
async function decideOne(
  deps: Deps,
  teamId: string,
  decision: QualificationDecision,
  reason: string | undefined,
  actor: Actor,
  now: Date,
) {
  await deps.db.transaction(async (tx) => {
    const team = await lockTeam(tx, teamId);
    const to = qualificationTarget(decision);
    const violations = checkQualificationTransition({ from: team.qualificationStatus, to, reason });
    const [first] = violations;
    if (first) assertNoViolations(violations, first.code === 'QUALIFICATION_REASON_REQUIRED' ? 400 : 409);
    await recordTransition(tx, team, to, actor, reason?.trim() || null, now);
    await notifyTeam(deps, tx, teamId, DECISION_MESSAGE[decision], { reason: reason?.trim() ?? '' });
    await emitTeamEvent(deps, tx, team, to, reason?.trim() || null);
  });
  return currentTeam(deps.db, teamId);
}

/** What the team is told of each decision (with the reason, when one is given). */
const DECISION_MESSAGE = {
  approve: 'qualification_approved',
  return: 'qualification_returned',
  reject: 'qualification_rejected',
} as const satisfies Record<QualificationDecision, NotificationKind>;

/** An organizer decides on a submitted team: approve, reject (reason required) or return for changes (reason required). */
export async function decide(deps: Deps, teamId: string, input: Static<typeof DecisionBody>, actor: Actor) {
  return decideOne(deps, teamId, input.decision, input.reason, actor, deps.clock.now());
}

/** Bulk decisions: each team is decided on its own; the answer lists each outcome. */
export async function decideMany(deps: Deps, input: Static<typeof BulkDecisionBody>, actor: Actor) {
  const now = deps.clock.now();
  const results = [];
  for (const teamId of new Set(input.teamIds)) {
    try {
      const team = await decideOne(deps, teamId, input.decision, input.reason, actor, now);
      results.push({ teamId, ok: true, status: team.qualificationStatus, code: null, ruleId: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ teamId, ok: false, status: null, code: error.code, ruleId: error.ruleId ?? null });
    }
  }
  return { results };
}

export async function listTransitions(deps: Deps, teamId: string, actor: Actor) {
  const team = await findTeam(deps.db, teamId);
  await assertCanSee(deps.db, team, actor);
  const rows = await deps.db
    .select({
      id: qualificationTransitions.id,
      fromStatus: qualificationTransitions.fromStatus,
      toStatus: qualificationTransitions.toStatus,
      actorUserId: qualificationTransitions.actorUserId,
      actorName: users.displayName,
      reason: qualificationTransitions.reason,
      at: qualificationTransitions.at,
    })
    .from(qualificationTransitions)
    .leftJoin(users, eq(users.id, qualificationTransitions.actorUserId))
    .where(eq(qualificationTransitions.teamId, teamId))
    .orderBy(asc(qualificationTransitions.at), asc(qualificationTransitions.seq));
  const zone = await editionTimeZone(deps.db, team.editionId);
  return rows.map((row) => ({ ...row, at: isoInZone(row.at, zone) }));
}
