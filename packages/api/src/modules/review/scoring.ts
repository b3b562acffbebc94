import { and, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkScoreValues, weightedTotal } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZoneOrNull } from '../../lib/time.js';
import { editions } from '../editions/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { recordDecision } from '../ledger/service.js';
import { projects } from '../projects/tables.js';
import { findRound } from './rounds.js';
import { rubricFor } from './rubrics.js';
import type { ScoreBody } from './schemas.js';
import { assignments, reviewRounds, scores } from './tables.js';
import { settledAssignment } from './assignment-runs.js';

export const presentScore = (row: typeof scores.$inferSelect, zone: string) => ({
  id: row.id,
  status: row.status,
  values: row.values,
  comments: row.comments,
  comment: row.comment,
  total: row.total,
  confidence: row.confidence,
  submittedAt: isoInZoneOrNull(row.submittedAt, zone),
  reopenedAt: isoInZoneOrNull(row.reopenedAt, zone),
  reopenReason: row.reopenReason,
});

/**
 * The expert's own assignment, once settled; someone else's (or one an automatic run is still
 * writing) answers 404 too, so ids cannot be probed.
 */
export async function ownAssignment(db: Db, assignmentId: string, expertId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(assignments)
    .where(and(eq(assignments.id, assignmentId), settledAssignment));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row || row.expertUserId !== expertId) throw notFound('ASSIGNMENT_NOT_FOUND');
  return row;
}

/** The values of a save: what the expert sends, over the draft saved before. */
function mergedScore(input: Partial<Static<typeof ScoreBody>>, existing: typeof scores.$inferSelect | undefined) {
  return {
    values: input.values ?? existing?.values ?? {},
    comments: input.comments ?? existing?.comments ?? {},
    comment: input.comment ?? existing?.comment ?? '',
    confidence: input.confidence ?? existing?.confidence ?? null,
  };
}

/**
 * What scoring an assignment needs, checked: the expert's own assignment (locked), an open round,
 * the rubric of the project's direction, and a score not submitted yet.
 */
async function scoringContext(tx: Db, assignmentId: string, expert: Actor) {
  const assignment = await ownAssignment(tx, assignmentId, expert.sub, { lock: true });
  const round = await findRound(tx, assignment.roundId);
  if (round.status !== 'open') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
  const project = firstOrThrow(
    await tx
      .select({ directionCode: projects.directionCode })
      .from(projects)
      .where(eq(projects.id, assignment.projectId)),
  );
  const criteria = await rubricFor(tx, round.id, project.directionCode);
  const [existing] = await tx.select().from(scores).where(eq(scores.assignmentId, assignmentId));
  if (existing?.status === 'submitted') throw new DomainError('SCORE_ALREADY_SUBMITTED', 409);
  return { assignment, round, criteria, existing };
}

/** Saves the expert's draft, or submits it (complete, and recorded in the ledger). */
export async function writeScore(
  deps: Deps,
  assignmentId: string,
  expert: Actor,
  input: Partial<Static<typeof ScoreBody>>,
  submit: boolean,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { assignment, round, criteria, existing } = await scoringContext(tx, assignmentId, expert);
    // Without values (a bare submit), the saved draft is taken as it is, comments included.
    const { values, comments, comment } = mergedScore(input.values ? input : {}, existing);
    // A confidence sent with a bare submit counts; without one the draft's stays.
    const { confidence } = mergedScore(input, existing);
    assertNoViolations(
      checkScoreValues(criteria, values, { complete: submit }).map((violation) => ({
        ...violation,
        path: `/body${violation.path ?? ''}`,
      })),
      422,
    );
    const total = weightedTotal(criteria, values);
    const submission = submit ? { status: 'submitted' as const, submittedAt: now } : {};
    const fields = { values, comments, comment, total, confidence, updatedAt: now, ...submission };
    const row = firstOrThrow(
      existing
        ? await tx.update(scores).set(fields).where(eq(scores.id, existing.id)).returning()
        : await tx
            .insert(scores)
            .values({ assignmentId, ...fields })
            .returning(),
    );
    if (submit) {
      const payload = { assignmentId, roundId: round.id, projectId: assignment.projectId, expertId: expert.sub };
      await recordDecision(
        tx,
        expert,
        {
          action: 'score.submitted',
          subjectType: 'score',
          subjectId: row.id,
          payload: { ...payload, values, total, ...(confidence !== null ? { confidence } : {}) },
          certifies: { table: 'scores', rowId: row.id },
        },
        now,
      );
    }
    return presentScore(row, await editionTimeZone(tx, round.editionId));
  });
}

/** The time zone of the round's edition. */
async function roundTimeZone(db: Db, roundId: string): Promise<string> {
  const row = firstOrThrow(
    await db
      .select({ timeZone: editions.timeZone })
      .from(reviewRounds)
      .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
      .where(eq(reviewRounds.id, roundId)),
    () => notFound('ROUND_NOT_FOUND'),
  );
  return row.timeZone;
}

/** One score with its criteria values and comments, for organizers. */
export async function getScore(deps: Deps, scoreId: string) {
  const row = firstOrThrow(
    await deps.db
      .select({
        score: scores,
        projectId: assignments.projectId,
        expertId: assignments.expertUserId,
        roundId: assignments.roundId,
      })
      .from(scores)
      .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
      .where(eq(scores.id, scoreId)),
    () => notFound('SCORE_NOT_FOUND'),
  );
  return {
    ...presentScore(row.score, await roundTimeZone(deps.db, row.roundId)),
    assignmentId: row.score.assignmentId,
    projectId: row.projectId,
    expertId: row.expertId,
    roundId: row.roundId,
  };
}

/** Only an admin reopens a submitted score, with a reason; the expert can then edit and resubmit. */
export async function reopenScore(deps: Deps, scoreId: string, reason: string, actor: Actor) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const score = firstOrThrow(await tx.select().from(scores).where(eq(scores.id, scoreId)).for('update'), () =>
      notFound('SCORE_NOT_FOUND'),
    );
    if (score.status !== 'submitted') throw new DomainError('SCORE_NOT_SUBMITTED', 409);
    const assignment = firstOrThrow(await tx.select().from(assignments).where(eq(assignments.id, score.assignmentId)));
    const round = await findRound(tx, assignment.roundId);
    if (round.status !== 'open') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
    const row = firstOrThrow(
      await tx
        .update(scores)
        .set({ status: 'draft', reopenedAt: now, reopenReason: reason, updatedAt: now })
        .where(eq(scores.id, scoreId))
        .returning(),
    );
    await recordDecision(
      tx,
      actor,
      {
        action: 'score.reopened',
        subjectType: 'score',
        subjectId: scoreId,
        // The reopened score decides nothing until it is submitted again.
        certifies: { table: 'scores', rowId: scoreId, void: true },
        payload: {
          assignmentId: assignment.id,
          projectId: assignment.projectId,
          expertId: assignment.expertUserId,
          reason,
          previousTotal: score.total,
        },
      },
      now,
    );
    return presentScore(row, await editionTimeZone(tx, round.editionId));
  });
}
