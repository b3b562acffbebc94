import { and, asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkRubric, type DirectionCode, type RubricCriterion } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { isoInZone } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';
import { findRound } from './rounds.js';
import type { RubricBody } from './schemas.js';
import { rubrics } from './tables.js';

export async function listRubrics(deps: Deps, roundId: string) {
  const round = await findRound(deps.db, roundId);
  const zone = await editionTimeZone(deps.db, round.editionId);
  const rows = await deps.db
    .select()
    .from(rubrics)
    .where(eq(rubrics.roundId, roundId))
    .orderBy(asc(rubrics.directionCode));
  return rows.map((row) => ({
    directionCode: row.directionCode,
    criteria: row.criteria,
    updatedAt: isoInZone(row.updatedAt, zone),
  }));
}

/** Rubrics change only while the round is a draft. */
export async function putRubric(
  deps: Deps,
  roundId: string,
  directionCode: DirectionCode,
  { criteria }: Static<typeof RubricBody>,
) {
  const now = deps.clock.now();
  assertNoViolations(
    checkRubric(criteria).map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })),
    400,
  );
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    if (round.status !== 'draft') throw new DomainError('ROUND_NOT_DRAFT', 409);
    await tx
      .insert(rubrics)
      .values({ roundId, directionCode, criteria, updatedAt: now })
      .onConflictDoUpdate({ target: [rubrics.roundId, rubrics.directionCode], set: { criteria, updatedAt: now } });
    return { directionCode, criteria, updatedAt: isoInZone(now, await editionTimeZone(tx, round.editionId)) };
  });
}

/** The criteria an expert scores a project of the direction by; missing while the round is being prepared. */
export async function rubricFor(db: Db, roundId: string, directionCode: DirectionCode): Promise<RubricCriterion[]> {
  const [row] = await db
    .select({ criteria: rubrics.criteria })
    .from(rubrics)
    .where(and(eq(rubrics.roundId, roundId), eq(rubrics.directionCode, directionCode)));
  if (!row) throw new DomainError('RUBRIC_MISSING', 409, { params: { direction: directionCode } });
  return row.criteria;
}
