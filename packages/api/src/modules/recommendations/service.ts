import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Actor, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { wholeList } from '../../lib/http-schemas.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { shortlist } from '../awards/service.js';
import { editionTimeZone } from '../editions/resolve.js';
import type { EditionRow } from '../editions/resolve.js';
import { editions } from '../editions/tables.js';
import { recordDecision, rowListDigest } from '../ledger/service.js';
import { projects } from '../projects/tables.js';
import { findRoundOfKind } from '../review/rounds.js';
import { roundProjects } from '../review/tables.js';
import type { DecisionBody, Recommendation } from './schemas.js';
import { nationalRecommendations } from './tables.js';

type RecommendationRow = typeof nationalRecommendations.$inferSelect;

const present = (row: RecommendationRow & { title: string; division: string }, zone: string) => ({
  id: row.id,
  projectId: row.projectId,
  title: row.title,
  divisionEdition: row.division,
  versionNumber: row.versionNumber,
  gradeCode: row.gradeCode,
  status: row.status,
  recommendedAt: isoInZone(row.recommendedAt, zone),
  decidedAt: row.decidedAt ? isoInZone(row.decidedAt, zone) : null,
  reason: row.reason,
});

/**
 * R-DIV-2: sends the division's R-PROJ-1 shortlist (eligible winners, as submitted) to its
 * national edition, each pinned to the version recommended (the database refuses a newer one). Each project is recommended once; sending again adds only new winners. The
 * run is one ledger entry with the digest of the rows it added.
 */
export async function recommendToNational(deps: Deps, division: EditionRow, actor: Actor) {
  if (!division.parentId) throw new DomainError('EDITION_HAS_NO_NATIONAL', 422, { params: { edition: division.code } });
  const { eligible } = await shortlist(deps, division.id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (eligible.length === 0) return;
    // Locked as a submission locks it: the version read here is the one the trigger then pins.
    const versions = await tx
      .select({ id: projects.id, version: projects.latestVersion })
      .from(projects)
      .where(
        inArray(
          projects.id,
          eligible.map((entry) => entry.projectId),
        ),
      )
      .orderBy(asc(projects.id))
      .for('update');
    const versionOf = new Map(versions.map((row) => [row.id, row.version ?? 0]));
    const added = await tx
      .insert(nationalRecommendations)
      .values(
        eligible.map((entry) => ({
          nationalEditionId: division.parentId!,
          divisionEditionId: division.id,
          projectId: entry.projectId,
          versionNumber: versionOf.get(entry.projectId) ?? 0,
          gradeCode: entry.gradeCode,
          recommendedAt: now,
          recommendedBy: actor.sub,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: nationalRecommendations.id, projectId: nationalRecommendations.projectId });
    if (added.length > 0)
      await recordDecision(
        tx,
        actor,
        {
          action: 'recommendations.sent',
          subjectType: 'edition',
          subjectId: division.id,
          payload: { national: division.parentId, added: rowListDigest(added.map((row) => [row.id, row.projectId])) },
        },
        now,
      );
  });
  return listRecommendations(deps, division);
}

/** A national edition's recommendations from every division, or a division's own. */
export async function listRecommendations(deps: Deps, edition: EditionRow) {
  const zone = await editionTimeZone(deps.db, edition.id);
  const rows = await deps.db
    .select({ row: nationalRecommendations, title: projects.title, division: editions.code })
    .from(nationalRecommendations)
    .innerJoin(projects, eq(projects.id, nationalRecommendations.projectId))
    .innerJoin(editions, eq(editions.id, nationalRecommendations.divisionEditionId))
    .where(
      edition.parentId
        ? eq(nationalRecommendations.divisionEditionId, edition.id)
        : eq(nationalRecommendations.nationalEditionId, edition.id),
    )
    .orderBy(asc(editions.code), asc(nationalRecommendations.recommendedAt), asc(nationalRecommendations.id));
  return wholeList(rows.map(({ row, title, division }) => present({ ...row, title, division }, zone)));
}

/**
 * A national organizer's decision on a recommendation: accepted, the project joins the national
 * final round (it must exist) as it is, its submitted version and files, not a copy; declined,
 * with a reason. Recorded in the ledger.
 */
export async function decideRecommendation(
  deps: Deps,
  id: string,
  decision: 'accept' | 'decline',
  body: Static<typeof DecisionBody>,
  actor: Actor,
): Promise<Static<typeof Recommendation>> {
  const now = deps.clock.now();
  const decided = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(nationalRecommendations)
      .where(eq(nationalRecommendations.id, id))
      .for('update');
    if (!current) throw notFound('RECOMMENDATION_NOT_FOUND', { id });
    if (current.status !== 'recommended')
      throw new DomainError('RECOMMENDATION_DECIDED', 409, { params: { status: current.status } });
    if (decision === 'accept') {
      const final = await findRoundOfKind(tx, current.nationalEditionId, 'final');
      if (!final) throw new DomainError('FINAL_ROUND_MISSING', 409);
      await tx
        .insert(roundProjects)
        .values({ roundId: final.id, projectId: current.projectId, addedBy: actor.sub, addedAt: now })
        .onConflictDoNothing();
    }
    const status = decision === 'accept' ? 'accepted' : 'declined';
    const row = firstOrThrow(
      await tx
        .update(nationalRecommendations)
        .set({ status, decidedAt: now, decidedBy: actor.sub, reason: body.reason ?? null })
        .where(and(eq(nationalRecommendations.id, id), eq(nationalRecommendations.status, 'recommended')))
        .returning(),
    );
    await recordDecision(
      tx,
      actor,
      {
        action: `recommendation.${status}`,
        subjectType: 'project',
        subjectId: row.projectId,
        payload: { recommendation: row.id, ...(body.reason ? { reason: body.reason } : {}) },
      },
      now,
    );
    return row;
  });
  const [names] = await deps.db
    .select({ title: projects.title, division: editions.code })
    .from(projects)
    .innerJoin(editions, eq(editions.id, decided.divisionEditionId))
    .where(eq(projects.id, decided.projectId));
  return present({ ...decided, ...names! }, await editionTimeZone(deps.db, decided.nationalEditionId));
}
