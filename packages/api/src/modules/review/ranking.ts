import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  rankRound,
  selectAdvancing,
  type AggregationMethod,
  type AggregationRule,
  type CategoryCode,
  type RankedProject,
  type TrackCode,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { getOrThrow } from '../../lib/rows.js';
import { tracks } from '../editions/tables.js';
import { passStageGate } from '../editions/stage-gates.js';
import { assertLedgerIntact, recordDecision } from '../ledger/service.js';
import { onSubmittedVersion, submitted, submittedVersion } from '../projects/submitted.js';
import { projects } from '../projects/tables.js';
import { teams } from '../teams/tables.js';
import { findRound, findRoundOfKind } from './rounds.js';
import type { AdvanceBody } from './schemas.js';
import { assignments, roundProjects, scores } from './tables.js';

interface RankingGroup {
  trackCode: TrackCode;
  categoryCode: CategoryCode;
  /** One aggregation rule for every project of the group. */
  rule: AggregationRule;
  entries: (Omit<RankedProject, 'lastSubmittedAt' | 'group'> & { title: string; method: AggregationMethod })[];
}

export interface RoundRanking {
  roundId: string;
  normalize: boolean;
  groups: RankingGroup[];
}

interface ProjectMeta {
  title: string;
  trackCode: TrackCode;
  categoryCode: CategoryCode;
}

/** Title, track and category of the projects as submitted, by id, read in batches. */
async function projectMeta(db: Db, projectIds: readonly string[]): Promise<Map<string, ProjectMeta>> {
  const meta = new Map<string, ProjectMeta>();
  for (let index = 0; index < projectIds.length; index += 5000) {
    const rows = await db
      .select({ id: projects.id, title: submitted.title, trackCode: tracks.code, categoryCode: submitted.categoryCode })
      .from(projects)
      .innerJoin(submittedVersion, onSubmittedVersion)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .innerJoin(tracks, eq(tracks.id, teams.trackId))
      .where(inArray(projects.id, projectIds.slice(index, index + 5000)));
    for (const { id, ...row } of rows) meta.set(id, row);
  }
  return meta;
}

/**
 * The round's submitted scores; every submitted score has its time (scores_submitted_has_time).
 * A flagged team's project is left out (R-SOC-3): it neither advances nor wins an award until
 * its flag is cleared.
 */
async function submittedScores(db: Db, roundId: string) {
  const rows = await db
    .select({
      projectId: assignments.projectId,
      expertId: assignments.expertUserId,
      total: scores.total,
      submittedAt: scores.submittedAt,
    })
    .from(scores)
    .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
    .innerJoin(projects, eq(projects.id, assignments.projectId))
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .where(and(eq(assignments.roundId, roundId), eq(scores.status, 'submitted'), isNull(teams.flaggedAt)));
  return rows.flatMap(({ submittedAt, ...row }) => (submittedAt ? [{ ...row, submittedAt }] : []));
}

/**
 * Submitted scores only, aggregated and ranked per track × category, with one aggregation rule
 * per group (trimmed mean only when every project of the group has at least 5 scores).
 */
export async function roundRanking(
  db: Db,
  roundId: string,
): Promise<{ ranking: RoundRanking; ranked: Map<string, RankedProject[]> }> {
  const round = await findRound(db, roundId);
  const rows = await submittedScores(db, roundId);
  const meta = await projectMeta(db, [...new Set(rows.map((row) => row.projectId))]);
  const groups = new Map<string, Pick<RankingGroup, 'trackCode' | 'categoryCode'>>();
  const groupOf = (projectId: string) => {
    const { trackCode, categoryCode } = getOrThrow(meta, projectId);
    const key = `${trackCode}|${categoryCode}`;
    groups.set(key, { trackCode, categoryCode });
    return key;
  };
  const { ranked, rules } = rankRound(rows, groupOf, { normalize: round.normalize });
  return {
    ranked,
    ranking: {
      roundId,
      normalize: round.normalize,
      groups: [...ranked].map(([group, entries]) => {
        const rule = getOrThrow(rules, group);
        return {
          ...getOrThrow(groups, group),
          rule,
          entries: entries.map(({ lastSubmittedAt: _last, group: _group, ...entry }) => ({
            ...entry,
            title: getOrThrow(meta, entry.projectId).title,
            method: rule.method,
          })),
        };
      }),
    },
  };
}

/** A round's ranking, refused (409 LEDGER_BROKEN) while the ledger does not vouch for the scores. */
export async function getRoundRanking(deps: Deps, roundId: string): Promise<RoundRanking> {
  await findRound(deps.db, roundId);
  await assertLedgerIntact(deps.db);
  return (await roundRanking(deps.db, roundId)).ranking;
}

/** Exactly one of the two rules. */
function selectionOf(
  rule: Pick<Static<typeof AdvanceBody>, 'topK' | 'threshold'>,
): { topK: number } | { threshold: number } {
  if (rule.topK !== undefined && rule.threshold === undefined) return { topK: rule.topK };
  if (rule.threshold !== undefined && rule.topK === undefined) return { threshold: rule.threshold };
  throw new DomainError('ADVANCEMENT_RULE_REQUIRED', 400);
}

/** The final round that receives the advancing projects: it must exist and not be closed. */
async function lockFinalRound(tx: Db, editionId: string) {
  const final = await findRoundOfKind(tx, editionId, 'final');
  if (!final) throw new DomainError('FINAL_ROUND_MISSING', 409);
  const finalRound = await findRound(tx, final.id, { lock: true });
  if (finalRound.status === 'closed')
    throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: finalRound.status } });
  return finalRound;
}

/**
 * Advances the top K per track × category (or all at or above a threshold) of a closed
 * preliminary to the final; refused (409 LEDGER_BROKEN) while the ledger does not verify.
 */
export async function advance(deps: Deps, roundId: string, rule: Static<typeof AdvanceBody>, actor: Actor) {
  const now = deps.clock.now();
  const selection = selectionOf(rule);
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    await assertLedgerIntact(tx);
    if (round.kind !== 'preliminary' || round.status !== 'closed')
      throw new DomainError('ROUND_NOT_CLOSED', 409, { params: { status: round.status } });
    const override = await passStageGate(tx, round.editionId, 'advance', now, rule);
    const final = await lockFinalRound(tx, round.editionId);
    const { ranked } = await roundRanking(tx, roundId);
    const already = new Set(
      (
        await tx.select({ id: roundProjects.projectId }).from(roundProjects).where(eq(roundProjects.roundId, final.id))
      ).map((row) => row.id),
    );
    const added = [];
    for (const { projectId, group, rank, result } of selectAdvancing(ranked, selection)) {
      if (already.has(projectId)) continue;
      await tx.insert(roundProjects).values({
        roundId: final.id,
        projectId,
        advancedWith: { result, rank, group },
        addedBy: actor.sub,
        addedAt: now,
      });
      await recordDecision(
        tx,
        actor,
        {
          action: 'project.advanced',
          subjectType: 'project',
          subjectId: projectId,
          payload: {
            fromRoundId: roundId,
            toRoundId: final.id,
            rule: selection,
            result,
            rank,
            group,
            ...(override ? { override } : {}),
          },
        },
        now,
      );
      added.push({ projectId, group, rank, result });
    }
    return { finalRoundId: final.id, advanced: added };
  });
}
