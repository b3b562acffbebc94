import { and, asc, eq, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { DIRECTION_CODES, roundAction, type RoundKind, type RoundStatus } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow, sqlRows } from '../../lib/rows.js';
import { isoInZoneOrNull } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editionTimeZone, resolveEdition } from '../editions/service.js';
import { passStageGate, type StageOverride } from '../editions/stage-gates.js';
import { recordDecision, rowListDigest } from '../ledger/service.js';
import { onSubmittedVersion, submitted, submittedVersion } from '../projects/submitted.js';
import { projects } from '../projects/tables.js';
import { assignedCount, submittedCount } from './counting.js';
import type { CreateRoundBody, UpdateRoundBody } from './schemas.js';
import { assignments, reviewRounds, roundProjects, rubrics, scores } from './tables.js';
import { emitRoundEvent } from '../webhooks/events.js';

export type RoundRow = typeof reviewRounds.$inferSelect;
export const DEFAULT_EXPERTS_PER_PROJECT: Record<RoundKind, number> = { preliminary: 5, final: 7 };

const presentRound = (row: RoundRow, zone: string) => ({
  id: row.id,
  editionId: row.editionId,
  kind: row.kind,
  status: row.status,
  expertsPerProject: row.expertsPerProject,
  normalize: row.normalize,
  spreadMeasure: row.spreadMeasure,
  spreadThreshold: row.spreadThreshold,
  confidenceWeighting: row.confidenceWeighting,
  openedAt: isoInZoneOrNull(row.openedAt, zone),
  closedAt: isoInZoneOrNull(row.closedAt, zone),
});

/** A round, or 404; `lock` takes it FOR UPDATE, which orders the decisions taken on it. */
export async function findRound(db: Db, roundId: string, options: { lock?: boolean } = {}): Promise<RoundRow> {
  const query = db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId));
  return firstOrThrow(options.lock ? await query.for('update') : await query, () => notFound('ROUND_NOT_FOUND'));
}

export async function findRoundOfKind(db: Db, editionId: string, kind: RoundKind): Promise<RoundRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.editionId, editionId), eq(reviewRounds.kind, kind)));
  return row;
}

/** Refuses a change to a round that is already closed. */
export function assertNotClosed(round: RoundRow): void {
  if (round.status === 'closed') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
}

/** Rounds, their rubrics, assignments and scores belong to an edition: instants are presented in its time zone. */
async function presentRoundById(db: Db, roundId: string) {
  const round = await findRound(db, roundId);
  return presentRound(round, await editionTimeZone(db, round.editionId));
}

export async function listRounds(deps: Deps, editionRef: string) {
  const edition = await resolveEdition(deps.db, editionRef);
  const rows = await deps.db
    .select()
    .from(reviewRounds)
    .where(eq(reviewRounds.editionId, edition.id))
    .orderBy(sql`${reviewRounds.kind} = 'final'`);
  const zone = await editionTimeZone(deps.db, edition.id);
  return rows.map((row) => presentRound(row, zone));
}

export async function getRound(deps: Deps, roundId: string) {
  return presentRoundById(deps.db, roundId);
}

export async function createRound(deps: Deps, editionRef: string, input: Static<typeof CreateRoundBody>) {
  const edition = await resolveEdition(deps.db, editionRef);
  try {
    const rows = await deps.db
      .insert(reviewRounds)
      .values({
        editionId: edition.id,
        kind: input.kind,
        expertsPerProject: input.expertsPerProject ?? DEFAULT_EXPERTS_PER_PROJECT[input.kind],
        normalize: input.normalize ?? false,
        confidenceWeighting: input.confidenceWeighting ?? false,
        spreadMeasure: input.spreadMeasure ?? 'range',
        spreadThreshold: input.spreadThreshold ?? null,
        createdAt: deps.clock.now(),
      })
      .returning();
    return presentRound(firstOrThrow(rows), await editionTimeZone(deps.db, edition.id));
  } catch (error) {
    if (isUniqueViolation(error, 'review_rounds_one_per_kind'))
      throw new DomainError('ROUND_EXISTS', 409, { params: { kind: input.kind } });
    throw error;
  }
}

export async function updateRound(deps: Deps, roundId: string, input: Static<typeof UpdateRoundBody>) {
  assertNotClosed(await findRound(deps.db, roundId));
  await deps.db
    .update(reviewRounds)
    .set({
      ...(input.expertsPerProject !== undefined ? { expertsPerProject: input.expertsPerProject } : {}),
      ...(input.normalize !== undefined ? { normalize: input.normalize } : {}),
      ...(input.confidenceWeighting !== undefined ? { confidenceWeighting: input.confidenceWeighting } : {}),
      ...(input.spreadMeasure !== undefined ? { spreadMeasure: input.spreadMeasure } : {}),
      ...(input.spreadThreshold !== undefined ? { spreadThreshold: input.spreadThreshold } : {}),
    })
    .where(eq(reviewRounds.id, roundId));
  return presentRoundById(deps.db, roundId);
}

const NEXT_STATUS: Record<RoundStatus, RoundStatus | null> = { draft: 'open', open: 'closed', closed: null };

/** Opening needs a rubric for each direction. */
async function assertRubricsComplete(tx: Db, roundId: string): Promise<void> {
  const rows = await tx.select({ direction: rubrics.directionCode }).from(rubrics).where(eq(rubrics.roundId, roundId));
  const present = new Set(rows.map((row) => row.direction));
  const missing = DIRECTION_CODES.find((direction) => !present.has(direction));
  if (missing) throw new DomainError('RUBRIC_MISSING', 409, { params: { direction: missing } });
}

/**
 * draft → open (needs a rubric for each direction) → closed, within the round's stage unless
 * overridden (R-TIME-4); recorded in the ledger, with the override if one was used.
 */
export async function transitionRound(
  deps: Deps,
  roundId: string,
  to: 'open' | 'closed',
  actor: Actor,
  gate: StageOverride = {},
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    if (NEXT_STATUS[round.status] !== to) {
      throw new DomainError('ROUND_TRANSITION_INVALID', 409, { params: { from: round.status, to } });
    }
    const override = await passStageGate(tx, round.editionId, roundAction(round.kind, to), now, gate);
    if (to === 'open') {
      await assertRubricsComplete(tx, roundId);
      if (round.kind === 'preliminary') await enrollQualifiedProjects(tx, round, actor, now);
    }
    await tx
      .update(reviewRounds)
      .set(to === 'open' ? { status: 'open', openedAt: now } : { status: 'closed', closedAt: now })
      .where(eq(reviewRounds.id, roundId));
    await recordDecision(
      tx,
      actor,
      {
        action: to === 'open' ? 'round.opened' : 'round.closed',
        subjectType: 'review_round',
        subjectId: roundId,
        payload: { kind: round.kind, ...(override ? { override } : {}) },
      },
      now,
    );
    await emitRoundEvent(deps, tx, round, to);
    return presentRoundById(tx, roundId);
  });
}

/**
 * The preliminary reviews every project of a qualified team (资格审核 approved) that has a
 * submitted version and is not flagged by a blacklist import (R-SOC-3, see flagged-teams.ts); the
 * projects newly enrolled are one ledger entry (count and digest of ids).
 */
export async function enrollQualifiedProjects(
  tx: Db,
  round: RoundRow,
  actor: Pick<Actor, 'sub'>,
  now: Date,
): Promise<void> {
  const enrolled = await sqlRows<{ project_id: string }>(
    tx,
    sql`
    insert into round_projects (round_id, project_id, added_by, added_at)
    select ${round.id}, p.id, ${actor.sub}, ${now.toISOString()}::timestamptz
      from projects p join teams t on t.id = p.team_id
     where p.edition_id = ${round.editionId} and t.qualification_status = 'approved'
       and t.flagged_at is null and p.latest_version >= 1
    on conflict do nothing
    returning project_id`,
  );
  if (enrolled.length === 0) return;
  await recordDecision(
    tx,
    actor,
    {
      action: 'round.enrolled',
      subjectType: 'review_round',
      subjectId: round.id,
      payload: { kind: round.kind, projects: rowListDigest(enrolled.map((row) => [row.project_id])) },
    },
    now,
  );
}

/**
 * The projects a round reviews (for the final: the advanced ones, with their preliminary result),
 * by title, each with its progress: the assignments that count and the submitted scores.
 */
export async function listRoundProjects(deps: Deps, roundId: string) {
  await findRound(deps.db, roundId);
  return deps.db
    .select({
      projectId: roundProjects.projectId,
      title: submitted.title,
      advancedWith: roundProjects.advancedWith,
      assigned: assignedCount.mapWith(Number),
      submitted: submittedCount.mapWith(Number),
    })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .innerJoin(submittedVersion, onSubmittedVersion)
    .leftJoin(
      assignments,
      and(eq(assignments.roundId, roundProjects.roundId), eq(assignments.projectId, roundProjects.projectId)),
    )
    .leftJoin(users, eq(users.id, assignments.expertUserId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(eq(roundProjects.roundId, roundId))
    .groupBy(roundProjects.projectId, submitted.title, roundProjects.advancedWith)
    .orderBy(asc(submitted.title), asc(roundProjects.projectId));
}
