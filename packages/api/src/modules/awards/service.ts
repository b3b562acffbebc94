import { and, asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  adjustAwards,
  allocateAwards,
  checkAllocationWithinQuotas,
  checkNationalRecommendation,
  checkQuotas,
  type AwardAdjustment,
  type AwardAllocation,
  type AwardQuota,
  type RankedFinalist,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { isoInZoneOrNull } from '../../lib/time.js';
import { editionTimeZone, resolveEdition } from '../editions/service.js';
import { passStageGate, type StageOverride, type UsedOverride } from '../editions/stage-gates.js';
import { assertPreviewCurrent, previewDigest } from '../ledger/preview.js';
import { assertLedgerIntact, recordDecision } from '../ledger/service.js';
import { notifyAwardedTeams } from '../messages/audience.js';
import { emitResultsPublished } from '../webhooks/events.js';
import { onSubmittedVersion, submitted, submittedVersion } from '../projects/submitted.js';
import { projects } from '../projects/tables.js';
import { findRound, findRoundOfKind } from '../review/rounds.js';
import { roundRanking } from '../review/ranking.js';
import { roundProjects } from '../review/tables.js';
import type { AllocateBody, QuotasBody } from './schemas.js';
import { awardQuotas, projectAwards, resultPublications } from './tables.js';

/** SQLSTATE of the quota trigger (src/db/sql/post-review.sql). */
const QUOTA_SQLSTATE = 'SA002';

async function quotasOf(db: Db, editionId: string): Promise<AwardQuota[]> {
  return db
    .select({
      trackCode: awardQuotas.trackCode,
      awardCategoryCode: awardQuotas.awardCategoryCode,
      gradeCode: awardQuotas.gradeCode,
      quota: awardQuotas.quota,
    })
    .from(awardQuotas)
    .where(eq(awardQuotas.editionId, editionId))
    .orderBy(asc(awardQuotas.trackCode), asc(awardQuotas.awardCategoryCode), asc(awardQuotas.gradeCode));
}

export async function listQuotas(deps: Deps, editionRef: string): Promise<AwardQuota[]> {
  const edition = await resolveEdition(deps.db, editionRef);
  return quotasOf(deps.db, edition.id);
}

async function publication(db: Db, editionId: string) {
  const [row] = await db.select().from(resultPublications).where(eq(resultPublications.editionId, editionId));
  return row ?? null;
}

async function assertNotPublished(db: Db, editionId: string) {
  if (await publication(db, editionId)) throw new DomainError('AWARDS_ALREADY_PUBLISHED', 409);
}

/** Sets quotas (replacing the given track × award × grade entries); R-CAT-1 checked. */
export async function putQuotas(deps: Deps, editionRef: string, quotas: Static<typeof QuotasBody>['quotas']) {
  const edition = await resolveEdition(deps.db, editionRef);
  assertNoViolations(checkQuotas(quotas).map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })));
  return deps.db.transaction(async (tx) => {
    await assertNotPublished(tx, edition.id);
    for (const quota of quotas) {
      await tx
        .insert(awardQuotas)
        .values({ editionId: edition.id, ...quota })
        .onConflictDoUpdate({
          target: [awardQuotas.editionId, awardQuotas.trackCode, awardQuotas.awardCategoryCode, awardQuotas.gradeCode],
          set: { quota: quota.quota },
        });
    }
    return quotasOf(tx, edition.id);
  });
}

const presentAward = (row: typeof projectAwards.$inferSelect & { title: string }) => ({
  projectId: row.projectId,
  title: row.title,
  trackCode: row.trackCode,
  awardCategoryCode: row.awardCategoryCode,
  gradeCode: row.gradeCode,
  rank: row.rank,
  result: row.result,
});

async function awardsOf(db: Db, editionId: string) {
  const rows = await db
    .select({ award: projectAwards, title: submitted.title })
    .from(projectAwards)
    .innerJoin(projects, eq(projects.id, projectAwards.projectId))
    .innerJoin(submittedVersion, onSubmittedVersion)
    .where(eq(projectAwards.editionId, editionId))
    .orderBy(asc(projectAwards.trackCode), asc(projectAwards.awardCategoryCode), asc(projectAwards.rank));
  const published = await publication(db, editionId);
  return {
    publishedAt: isoInZoneOrNull(published?.publishedAt ?? null, await editionTimeZone(db, editionId)),
    items: rows.map((row) => presentAward({ ...row.award, title: row.title })),
  };
}

export async function listAwards(deps: Deps, editionRef: string) {
  const edition = await resolveEdition(deps.db, editionRef);
  return awardsOf(deps.db, edition.id);
}

/** The final's ranked projects, each with its track, category and title. */
async function finalistsOf(db: Db, finalRoundId: string): Promise<(RankedFinalist & { title: string })[]> {
  const { ranking } = await roundRanking(db, finalRoundId);
  return ranking.groups.flatMap(({ trackCode, categoryCode, entries }) =>
    entries.map((entry) => ({
      projectId: entry.projectId,
      title: entry.title,
      trackCode,
      categoryCode,
      rank: entry.rank,
      result: entry.result,
    })),
  );
}

/** Writes one award and its ledger entry, which certifies it; the quota trigger's refusal becomes AWARD_QUOTA_EXCEEDED. */
async function recordAward(
  tx: Db,
  editionId: string,
  allocation: AwardAllocation,
  actor: Actor,
  now: Date,
  override: UsedOverride | null,
  manual: { reason: string; ruleGrade: string | null } | undefined,
) {
  let awardId: string;
  try {
    const [row] = await tx
      .insert(projectAwards)
      .values({ editionId, ...allocation, createdBy: actor.sub, createdAt: now })
      .returning({ id: projectAwards.id });
    awardId = row!.id;
  } catch (error) {
    if (pgErrorOf(error)?.code === QUOTA_SQLSTATE) {
      throw new DomainError('AWARD_QUOTA_EXCEEDED', 409, {
        params: {
          track: allocation.trackCode,
          awardCategory: allocation.awardCategoryCode,
          grade: allocation.gradeCode,
          quota: 0,
        },
      });
    }
    throw error;
  }
  await recordDecision(
    tx,
    actor,
    {
      action: 'award.allocated',
      subjectType: 'project',
      subjectId: allocation.projectId,
      payload: { ...allocation, ...(manual ? { manual } : {}), ...(override ? { override } : {}) },
      certifies: { table: 'project_awards', rowId: awardId },
    },
    now,
  );
}

/** Removes an earlier unpublished allocation, each award's certification voided in the ledger. */
async function withdrawAwards(tx: Db, editionId: string, actor: Actor, now: Date) {
  const removed = await tx
    .delete(projectAwards)
    .where(eq(projectAwards.editionId, editionId))
    .returning({ id: projectAwards.id, projectId: projectAwards.projectId, gradeCode: projectAwards.gradeCode });
  for (const award of removed) {
    await recordDecision(
      tx,
      actor,
      {
        action: 'award.withdrawn',
        subjectType: 'project',
        subjectId: award.projectId,
        payload: { gradeCode: award.gradeCode, reason: 'reallocated' },
        certifies: { table: 'project_awards', rowId: award.id, void: true },
      },
      now,
    );
  }
}

/** The closed final and what the rule allocates from its ranking within the quotas. */
async function allocationOutcome(db: Db, editionId: string, options: { lock?: boolean } = {}) {
  const final = await findRoundOfKind(db, editionId, 'final');
  if (!final) throw new DomainError('FINAL_ROUND_MISSING', 409);
  const round = await findRound(db, final.id, options);
  if (round.status !== 'closed') throw new DomainError('ROUND_NOT_CLOSED', 409, { params: { status: round.status } });
  const quotas = await quotasOf(db, editionId);
  const finalists = await finalistsOf(db, final.id);
  const allocations = allocateAwards(finalists, quotas);
  const digest = previewDigest(
    allocations.map((entry) => [entry.projectId, entry.gradeCode, entry.rank, entry.result]),
  );
  return { quotas, finalists, allocations, digest };
}

/**
 * What the rule would allocate, before anything is decided: the awarded finalists with their
 * grade, the finalists left without one, and the digest to send back with the commit.
 */
export async function previewAllocation(deps: Deps, editionRef: string) {
  const edition = await resolveEdition(deps.db, editionRef);
  await assertNotPublished(deps.db, edition.id);
  const { finalists, allocations, digest } = await allocationOutcome(deps.db, edition.id);
  const titleOf = new Map(finalists.map((finalist) => [finalist.projectId, finalist.title]));
  const awarded = new Set(allocations.map((allocation) => allocation.projectId));
  return {
    digest,
    items: allocations.map((allocation) => ({ ...allocation, title: titleOf.get(allocation.projectId) ?? '' })),
    unawarded: finalists
      .filter((finalist) => !awarded.has(finalist.projectId))
      .map(({ projectId, title, trackCode, categoryCode, rank, result }) => ({
        projectId,
        title,
        trackCode,
        categoryCode,
        rank,
        result,
      })),
  };
}

/**
 * Allocates grades from the closed final's ranking, within the quotas (checked by the shared
 * rule and by a database trigger), with the organizer's adjustments (each with a reason: a
 * grade changed, given or taken); replaces any earlier unpublished allocation. Each award is
 * written to the ledger, carrying the reason when adjusted; an award taken away is written as
 * `decision.adjusted`. With `previewDigest`, refuses when the outcome changed since the preview.
 * Refused (409 LEDGER_BROKEN) while the ledger does not verify.
 */
export async function allocate(deps: Deps, editionRef: string, actor: Actor, body: Static<typeof AllocateBody> = {}) {
  const now = deps.clock.now();
  const edition = await resolveEdition(deps.db, editionRef);
  const adjustments: AwardAdjustment[] = body.adjustments ?? [];
  return deps.db.transaction(async (tx) => {
    await assertLedgerIntact(tx);
    const override = await passStageGate(tx, edition.id, 'allocate_awards', now, body);
    await assertNotPublished(tx, edition.id);
    const outcome = await allocationOutcome(tx, edition.id, { lock: true });
    assertPreviewCurrent(body.previewDigest, outcome.digest);
    const adjusted = adjustAwards(outcome.finalists, outcome.allocations, adjustments);
    assertNoViolations(
      adjusted.violations.map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })),
      422,
    );
    assertNoViolations(checkAllocationWithinQuotas(adjusted.allocations, outcome.quotas), 409);
    const ruleGrade = new Map(outcome.allocations.map((allocation) => [allocation.projectId, allocation.gradeCode]));
    const reasonOf = new Map(adjustments.map((entry) => [entry.projectId, entry.reason]));
    await withdrawAwards(tx, edition.id, actor, now);
    for (const allocation of adjusted.allocations) {
      const reason = reasonOf.get(allocation.projectId);
      const manual =
        reason === undefined ? undefined : { reason, ruleGrade: ruleGrade.get(allocation.projectId) ?? null };
      await recordAward(tx, edition.id, allocation, actor, now, override, manual);
    }
    for (const adjustment of adjustments.filter((entry) => entry.gradeCode === null)) {
      await recordDecision(
        tx,
        actor,
        {
          action: 'decision.adjusted',
          subjectType: 'project',
          subjectId: adjustment.projectId,
          payload: {
            decision: 'award',
            change: 'withheld',
            ruleGrade: ruleGrade.get(adjustment.projectId) ?? null,
            reason: adjustment.reason,
          },
        },
        now,
      );
    }
    return awardsOf(tx, edition.id);
  });
}

/** Publishes the results in the promotion stage (R-TIME-4): from now on the public results library shows the awarded projects. */
export async function publish(deps: Deps, editionRef: string, actor: Actor, gate: StageOverride = {}) {
  const now = deps.clock.now();
  const edition = await resolveEdition(deps.db, editionRef);
  return deps.db.transaction(async (tx) => {
    const override = await passStageGate(tx, edition.id, 'publish_results', now, gate);
    await assertNotPublished(tx, edition.id);
    const count = await tx.$count(projectAwards, eq(projectAwards.editionId, edition.id));
    if (count === 0) throw new DomainError('NO_AWARDS_TO_PUBLISH', 409);
    await tx.insert(resultPublications).values({ editionId: edition.id, publishedAt: now, publishedBy: actor.sub });
    await recordDecision(
      tx,
      actor,
      {
        action: 'results.published',
        subjectType: 'edition',
        subjectId: edition.id,
        payload: { awards: count, ...(override ? { override } : {}) },
      },
      now,
    );
    await notifyAwardedTeams(deps, tx, edition.id);
    await emitResultsPublished(deps, tx, edition.id, now);
    return awardsOf(tx, edition.id);
  });
}

/** R-PROJ-1: the finalists recommended to the national final, and why the others are not, as submitted. */
export async function shortlist(deps: Deps, editionRef: string) {
  const { db } = deps;
  const edition = await resolveEdition(db, editionRef);
  const final = await findRoundOfKind(db, edition.id, 'final');
  if (!final) throw new DomainError('FINAL_ROUND_MISSING', 409);
  const rows = await db
    .select({
      projectId: projects.id,
      title: submitted.title,
      categoryCode: submitted.categoryCode,
      completeBeforeNationalFinal: submitted.completeBeforeNationalFinal,
      gradeCode: projectAwards.gradeCode,
    })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .innerJoin(submittedVersion, onSubmittedVersion)
    .leftJoin(projectAwards, and(eq(projectAwards.projectId, projects.id), eq(projectAwards.editionId, edition.id)))
    .where(eq(roundProjects.roundId, final.id))
    .orderBy(asc(projects.id));
  const candidates = rows.map((row) => ({ ...row, violations: checkNationalRecommendation(row) }));
  return {
    // A candidate without violations won a grade (NOT_A_FINAL_WINNER otherwise).
    eligible: candidates.flatMap(({ projectId, title, categoryCode, gradeCode, violations }) =>
      violations.length === 0 && gradeCode !== null ? [{ projectId, title, categoryCode, gradeCode }] : [],
    ),
    excluded: candidates.flatMap(({ projectId, title, violations: [first] }) =>
      first ? [{ projectId, title, code: first.code, ruleId: first.ruleId ?? 'R-PROJ-1' }] : [],
    ),
  };
}
