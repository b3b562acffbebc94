import { and, asc, eq } from 'drizzle-orm';
import {
  allocateAwards,
  checkAllocationWithinQuotas,
  checkQuotas,
  nationalShortlist,
  type AwardCategoryCode,
  type AwardQuota,
  type CategoryCode,
  type GradeCode,
  type TrackCode,
} from '@saishi/shared';
import type { Database } from '../../db/client.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { appendLedger } from '../ledger/service.js';
import { projects } from '../projects/tables.js';
import { findRound, findRoundOfKind, roundRanking } from '../review/service.js';
import { roundProjects } from '../review/tables.js';
import { awardQuotas, projectAwards, resultPublications } from './tables.js';
import { isoInZoneOrNull } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';

/** SQLSTATE of the quota trigger (src/db/sql/post-review.sql). */
const QUOTA_SQLSTATE = 'SA002';

export async function listQuotas(db: Database, editionId: string): Promise<AwardQuota[]> {
  const rows = await db
    .select()
    .from(awardQuotas)
    .where(eq(awardQuotas.editionId, editionId))
    .orderBy(asc(awardQuotas.trackCode), asc(awardQuotas.awardCategoryCode), asc(awardQuotas.gradeCode));
  return rows.map((row) => ({
    trackCode: row.trackCode as TrackCode,
    awardCategoryCode: row.awardCategoryCode as AwardCategoryCode,
    gradeCode: row.gradeCode as GradeCode,
    quota: row.quota,
  }));
}

async function publication(db: Database, editionId: string) {
  const [row] = await db.select().from(resultPublications).where(eq(resultPublications.editionId, editionId));
  return row ?? null;
}

async function assertNotPublished(db: Database, editionId: string) {
  if (await publication(db, editionId)) throw new DomainError('AWARDS_ALREADY_PUBLISHED', 409);
}

/** Sets quotas (replacing the given track × award × grade entries); R-CAT-1 checked. */
export async function putQuotas(db: Database, editionId: string, quotas: AwardQuota[]) {
  assertNoViolations(checkQuotas(quotas).map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })));
  return db.transaction(async (tx) => {
    await assertNotPublished(tx, editionId);
    for (const quota of quotas) {
      await tx
        .insert(awardQuotas)
        .values({ editionId, ...quota })
        .onConflictDoUpdate({
          target: [awardQuotas.editionId, awardQuotas.trackCode, awardQuotas.awardCategoryCode, awardQuotas.gradeCode],
          set: { quota: quota.quota },
        });
    }
    return listQuotas(tx, editionId);
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

export async function listAwards(db: Database, editionId: string) {
  const rows = await db
    .select({ award: projectAwards, title: projects.title })
    .from(projectAwards)
    .innerJoin(projects, eq(projects.id, projectAwards.projectId))
    .where(eq(projectAwards.editionId, editionId))
    .orderBy(asc(projectAwards.trackCode), asc(projectAwards.awardCategoryCode), asc(projectAwards.rank));
  const published = await publication(db, editionId);
  return {
    publishedAt: isoInZoneOrNull(published?.publishedAt ?? null, await editionTimeZone(db, editionId)),
    items: rows.map((row) => presentAward({ ...row.award, title: row.title })),
  };
}

/**
 * Allocates grades from the closed final's ranking, within the quotas (checked by the shared
 * rule and by a database trigger); replaces any earlier unpublished allocation. Each award is
 * written to the ledger.
 */
export async function allocate(db: Database, editionId: string, actorId: string, now: Date) {
  return db.transaction(async (tx) => {
    const final = await findRoundOfKind(tx, editionId, 'final');
    if (!final) throw new DomainError('FINAL_ROUND_MISSING', 409);
    const round = await findRound(tx, final.id, { lock: true });
    if (round.status !== 'closed') throw new DomainError('ROUND_NOT_CLOSED', 409, { params: { status: round.status } });
    await assertNotPublished(tx, editionId);
    const quotas = await listQuotas(tx, editionId);
    const { ranked } = await roundRanking(tx, final.id);
    const finalists = [...ranked].flatMap(([group, entries]) => {
      const [trackCode, categoryCode] = group.split('|') as [TrackCode, CategoryCode];
      return entries.map((entry) => ({
        projectId: entry.projectId,
        trackCode,
        categoryCode,
        rank: entry.rank,
        result: entry.result,
      }));
    });
    const allocations = allocateAwards(finalists, quotas);
    assertNoViolations(checkAllocationWithinQuotas(allocations, quotas), 409);
    await tx.delete(projectAwards).where(eq(projectAwards.editionId, editionId));
    for (const allocation of allocations) {
      try {
        await tx.insert(projectAwards).values({ editionId, ...allocation, createdBy: actorId, createdAt: now });
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
      await appendLedger(
        tx,
        {
          action: 'award.allocated',
          actorId,
          subjectType: 'project',
          subjectId: allocation.projectId,
          payload: { ...allocation },
        },
        now,
      );
    }
    return listAwards(tx, editionId);
  });
}

/** Publishes the results: from now on the public results library shows the awarded projects. */
export async function publish(db: Database, editionId: string, actorId: string, now: Date) {
  return db.transaction(async (tx) => {
    await assertNotPublished(tx, editionId);
    const count = await tx.$count(projectAwards, eq(projectAwards.editionId, editionId));
    if (count === 0) throw new DomainError('NO_AWARDS_TO_PUBLISH', 409);
    await tx.insert(resultPublications).values({ editionId, publishedAt: now, publishedBy: actorId });
    await appendLedger(
      tx,
      {
        action: 'results.published',
        actorId,
        subjectType: 'edition',
        subjectId: editionId,
        payload: { awards: count },
      },
      now,
    );
    return listAwards(tx, editionId);
  });
}

/** R-PROJ-1: the finalists recommended to the national final, and why the others are not. */
export async function shortlist(db: Database, editionId: string) {
  const final = await findRoundOfKind(db, editionId, 'final');
  if (!final) throw new DomainError('FINAL_ROUND_MISSING', 409);
  const rows = await db
    .select({
      projectId: projects.id,
      title: projects.title,
      categoryCode: projects.categoryCode,
      completeBeforeNationalFinal: projects.completeBeforeNationalFinal,
      gradeCode: projectAwards.gradeCode,
    })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .leftJoin(projectAwards, and(eq(projectAwards.projectId, projects.id), eq(projectAwards.editionId, editionId)))
    .where(eq(roundProjects.roundId, final.id))
    .orderBy(asc(projects.id));
  const result = nationalShortlist(
    rows.map((row) => ({
      projectId: row.projectId,
      categoryCode: row.categoryCode as CategoryCode,
      gradeCode: (row.gradeCode as GradeCode | null) ?? null,
      completeBeforeNationalFinal: row.completeBeforeNationalFinal,
    })),
  );
  const byId = new Map(rows.map((row) => [row.projectId, row]));
  return {
    eligible: result.eligible.map((projectId) => ({
      projectId,
      title: byId.get(projectId)!.title,
      categoryCode: byId.get(projectId)!.categoryCode,
      gradeCode: byId.get(projectId)!.gradeCode!,
    })),
    excluded: result.excluded.map((entry) => ({
      projectId: entry.projectId,
      title: byId.get(entry.projectId)!.title,
      code: entry.violations[0]!.code,
      ruleId: entry.violations[0]!.ruleId ?? 'R-PROJ-1',
    })),
  };
}
