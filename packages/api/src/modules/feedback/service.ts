import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  anonymousReviews,
  AWARD_CATEGORY_LABELS,
  feedbackShows,
  GRADE_LABELS,
  ROUND_KIND_LABELS,
  ROUND_OUTCOME_LABELS,
  type AwardCategoryCode,
  type FeedbackVisibility,
  type GradeCode,
  type RoundOutcome,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { isoInZone } from '../../lib/time.js';
import { projectAwards, resultPublications } from '../awards/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { assertLedgerIntact, recordDecision } from '../ledger/service.js';
import { notifyTeam } from '../messages/audience.js';
import { onSubmittedVersion, submitted, submittedVersion } from '../projects/submitted.js';
import { projects } from '../projects/tables.js';
import { roundRanking } from '../review/ranking.js';
import { findRound, findRoundOfKind, type RoundRow } from '../review/rounds.js';
import { assignments, reviewRounds, roundProjects, rubrics, scores } from '../review/tables.js';
import { assertCanSee, findTeam } from '../teams/queries.js';
import { roundFeedback, roundFeedbackResults } from './tables.js';

type FeedbackRow = typeof roundFeedback.$inferSelect;

interface Outcome {
  outcome: RoundOutcome;
  award: { awardCategoryCode: AwardCategoryCode; gradeCode: GradeCode } | null;
}

const present = (row: FeedbackRow, zone: string) => ({
  roundId: row.roundId,
  visibility: row.visibility,
  publishedAt: isoInZone(row.publishedAt, zone),
});

/**
 * Teams learn a round's outcome only once it is decided: the preliminary's once projects have
 * advanced to the final, the final's once the awards are published.
 */
async function assertOutcomesDecided(tx: Db, round: RoundRow): Promise<void> {
  if (round.kind === 'preliminary') {
    const final = await findRoundOfKind(tx, round.editionId, 'final');
    const advanced = final ? await tx.$count(roundProjects, eq(roundProjects.roundId, final.id)) : 0;
    if (advanced === 0) throw new DomainError('ADVANCEMENT_NOT_DECIDED', 409);
  } else {
    const published = await tx.$count(resultPublications, eq(resultPublications.editionId, round.editionId));
    if (published === 0) throw new DomainError('RESULTS_NOT_PUBLISHED', 409);
  }
}

/** The outcome of each of the projects in the round: advanced to the final or not, awarded or not. */
async function outcomesOf(db: Db, round: RoundRow, projectIds: readonly string[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  if (projectIds.length === 0) return outcomes;
  if (round.kind === 'preliminary') {
    const final = await findRoundOfKind(db, round.editionId, 'final');
    const advanced = final
      ? await db
          .select({ projectId: roundProjects.projectId })
          .from(roundProjects)
          .where(and(eq(roundProjects.roundId, final.id), inArray(roundProjects.projectId, [...projectIds])))
      : [];
    const ids = new Set(advanced.map((row) => row.projectId));
    for (const id of projectIds) outcomes.set(id, { outcome: ids.has(id) ? 'advanced' : 'not_advanced', award: null });
    return outcomes;
  }
  const awards = await db
    .select({
      projectId: projectAwards.projectId,
      awardCategoryCode: projectAwards.awardCategoryCode,
      gradeCode: projectAwards.gradeCode,
    })
    .from(projectAwards)
    .where(and(eq(projectAwards.editionId, round.editionId), inArray(projectAwards.projectId, [...projectIds])));
  const byProject = new Map(awards.map(({ projectId, ...award }) => [projectId, award]));
  for (const id of projectIds) {
    const award = byProject.get(id) ?? null;
    outcomes.set(id, { outcome: award ? 'awarded' : 'not_awarded', award });
  }
  return outcomes;
}

/** The outcome in words for the `round_results` message: `获奖（数据产品奖一等奖）`. */
function outcomeWords({ outcome, award }: Outcome) {
  const label = ROUND_OUTCOME_LABELS[outcome];
  if (!award) return { outcome: label['zh-CN'], outcomeEn: label.en };
  const category = AWARD_CATEGORY_LABELS[award.awardCategoryCode];
  const grade = GRADE_LABELS[award.gradeCode];
  return {
    outcome: `${label['zh-CN']}（${category['zh-CN']}${grade['zh-CN']}）`,
    outcomeEn: `${label.en} (${category.en}, ${grade.en.toLowerCase()})`,
  };
}

/** The round's projects with their team and submitted title. */
async function roundEntries(db: Db, roundId: string) {
  return db
    .select({ projectId: roundProjects.projectId, teamId: projects.teamId, title: submitted.title })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .innerJoin(submittedVersion, onSubmittedVersion)
    .where(eq(roundProjects.roundId, roundId))
    .orderBy(asc(roundProjects.projectId));
}

/** Keeps each ranked project's result, rank and group size as published. */
async function keepResults(tx: Db, roundId: string): Promise<void> {
  const { ranking } = await roundRanking(tx, roundId);
  const rows = ranking.groups.flatMap((group) =>
    group.entries.map((entry) => ({
      roundId,
      projectId: entry.projectId,
      result: entry.result,
      rank: entry.rank,
      groupSize: group.entries.length,
    })),
  );
  for (let index = 0; index < rows.length; index += 1000) {
    await tx.insert(roundFeedbackResults).values(rows.slice(index, index + 1000));
  }
}

/**
 * Publishes a closed round's feedback to its teams at a visibility, once (the round is locked,
 * and the round is the key of round_feedback): records it in the ledger and tells every member
 * of each team of the round its outcome (`round_results`), in the same transaction.
 */
export async function publishFeedback(deps: Deps, roundId: string, visibility: FeedbackVisibility, actor: Actor) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    if (round.status !== 'closed') throw new DomainError('ROUND_NOT_CLOSED', 409, { params: { status: round.status } });
    const [existing] = await tx.select().from(roundFeedback).where(eq(roundFeedback.roundId, roundId));
    if (existing)
      throw new DomainError('FEEDBACK_ALREADY_PUBLISHED', 409, { params: { visibility: existing.visibility } });
    await assertOutcomesDecided(tx, round);
    await assertLedgerIntact(tx);
    const [row] = await tx
      .insert(roundFeedback)
      .values({ roundId, visibility, publishedAt: now, publishedBy: actor.sub })
      .returning();
    await keepResults(tx, roundId);
    const entries = await roundEntries(tx, roundId);
    await recordDecision(
      tx,
      actor,
      {
        action: 'feedback.published',
        subjectType: 'review_round',
        subjectId: roundId,
        payload: { kind: round.kind, visibility, projects: entries.length },
      },
      now,
    );
    const outcomes = await outcomesOf(
      tx,
      round,
      entries.map((entry) => entry.projectId),
    );
    const label = ROUND_KIND_LABELS[round.kind];
    for (const entry of entries) {
      await notifyTeam(deps, tx, entry.teamId, 'round_results', {
        round: label['zh-CN'],
        roundEn: label.en,
        project: entry.title,
        ...outcomeWords(outcomes.get(entry.projectId)!),
      });
    }
    return { ...present(row!, await editionTimeZone(tx, round.editionId)), projects: entries.length };
  });
}

/**
 * Changes what teams may read of a round's published feedback (404 FEEDBACK_NOT_PUBLISHED before),
 * recorded in the ledger with the visibility before and after and the reason. The feedback row is
 * locked, so concurrent changes are recorded one after the other; choosing the current visibility
 * changes and records nothing. Teams' reads follow at once: they apply the visibility when read.
 */
export async function changeFeedbackVisibility(
  deps: Deps,
  roundId: string,
  input: { visibility: FeedbackVisibility; reason: string },
  actor: Actor,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId);
    const [row] = await tx.select().from(roundFeedback).where(eq(roundFeedback.roundId, roundId)).for('update');
    if (!row) throw notFound('FEEDBACK_NOT_PUBLISHED');
    const zone = await editionTimeZone(tx, round.editionId);
    const projectCount = await tx.$count(roundProjects, eq(roundProjects.roundId, roundId));
    if (row.visibility === input.visibility) return { ...present(row, zone), projects: projectCount };
    await assertLedgerIntact(tx);
    const [changed] = await tx
      .update(roundFeedback)
      .set({ visibility: input.visibility })
      .where(eq(roundFeedback.roundId, roundId))
      .returning();
    await recordDecision(
      tx,
      actor,
      {
        action: 'feedback.visibility_changed',
        subjectType: 'review_round',
        subjectId: roundId,
        payload: { kind: round.kind, from: row.visibility, to: input.visibility, reason: input.reason.trim() },
      },
      now,
    );
    return { ...present(changed!, zone), projects: projectCount };
  });
}

/** A round's published feedback (for organizers), or 404 FEEDBACK_NOT_PUBLISHED. */
export async function getRoundFeedback(deps: Deps, roundId: string) {
  const round = await findRound(deps.db, roundId);
  const [row] = await deps.db.select().from(roundFeedback).where(eq(roundFeedback.roundId, roundId));
  if (!row) throw notFound('FEEDBACK_NOT_PUBLISHED');
  const projectCount = await deps.db.$count(roundProjects, eq(roundProjects.roundId, roundId));
  return { ...present(row, await editionTimeZone(deps.db, round.editionId)), projects: projectCount };
}

/** The experts' submitted scores of a project in a round, without who gave them. */
async function reviewsOf(db: Db, roundId: string, projectId: string) {
  return db
    .select({ total: scores.total, values: scores.values, comment: scores.comment, comments: scores.comments })
    .from(scores)
    .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
    .where(and(eq(assignments.roundId, roundId), eq(assignments.projectId, projectId), eq(scores.status, 'submitted')));
}

/** The rubric's criteria of the project's direction in the round (their names and maximum scores). */
async function criteriaOf(db: Db, roundId: string, projectId: string) {
  const [row] = await db
    .select({ criteria: rubrics.criteria })
    .from(rubrics)
    .innerJoin(projects, eq(projects.directionCode, rubrics.directionCode))
    .where(and(eq(rubrics.roundId, roundId), eq(projects.id, projectId)));
  return (row?.criteria ?? []).map(({ code, nameZh, nameEn, maxScore }) => ({ code, nameZh, nameEn, maxScore }));
}

/**
 * What a team may read of the rounds its project took part in: only rounds whose feedback is
 * published, each at its visibility (outcome; result, rank and numbered scores; anonymized
 * comments). Members of the team and organizers only.
 */
export async function teamFeedback(deps: Deps, teamId: string, actor: Actor) {
  const team = await findTeam(deps.db, teamId);
  await assertCanSee(deps.db, team, actor);
  const zone = await editionTimeZone(deps.db, team.editionId);
  const rows = await deps.db
    .select({
      round: reviewRounds,
      feedback: roundFeedback,
      projectId: projects.id,
      title: submitted.title,
      result: roundFeedbackResults,
    })
    .from(roundProjects)
    .innerJoin(roundFeedback, eq(roundFeedback.roundId, roundProjects.roundId))
    .innerJoin(reviewRounds, eq(reviewRounds.id, roundProjects.roundId))
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .innerJoin(submittedVersion, onSubmittedVersion)
    .leftJoin(
      roundFeedbackResults,
      and(
        eq(roundFeedbackResults.roundId, roundProjects.roundId),
        eq(roundFeedbackResults.projectId, roundProjects.projectId),
      ),
    )
    .where(eq(projects.teamId, teamId));
  rows.sort((a, b) => Number(a.round.kind === 'final') - Number(b.round.kind === 'final'));
  const items = [];
  for (const { round, feedback, projectId, title, result } of rows) {
    const { outcome, award } = (await outcomesOf(deps.db, round, [projectId])).get(projectId)!;
    const scored = feedbackShows(feedback.visibility, 'scores');
    items.push({
      roundId: round.id,
      roundKind: round.kind,
      visibility: feedback.visibility,
      publishedAt: isoInZone(feedback.publishedAt, zone),
      projectId,
      projectTitle: title,
      outcome,
      award,
      result: scored && result ? result.result : null,
      rank: scored && result ? result.rank : null,
      groupSize: scored && result ? result.groupSize : null,
      criteria: scored ? await criteriaOf(deps.db, round.id, projectId) : null,
      reviews: anonymousReviews(feedback.visibility, scored ? await reviewsOf(deps.db, round.id, projectId) : []),
    });
  }
  return items;
}
