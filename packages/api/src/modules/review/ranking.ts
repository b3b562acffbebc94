import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  adjustAdvancement,
  projectSpreads,
  rankRound,
  selectAdvancing,
  type AggregationMethod,
  type AggregationRule,
  type CategoryCode,
  type RankedProject,
  type SpreadMeasure,
  type SpreadResolution,
  type TrackCode,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { getOrThrow } from '../../lib/rows.js';
import { editionTimeZone } from '../editions/service.js';
import { tracks } from '../editions/tables.js';
import { passStageGate } from '../editions/stage-gates.js';
import { assertPreviewCurrent, previewDigest } from '../ledger/preview.js';
import { assertLedgerIntact, recordDecision } from '../ledger/service.js';
import { onSubmittedVersion, submitted, submittedVersion } from '../projects/submitted.js';
import { projects } from '../projects/tables.js';
import { teams } from '../teams/tables.js';
import { findRound, findRoundOfKind } from './rounds.js';
import type { AdvanceBody, AdvancePreviewQuery, RANKING_SORTS } from './ranking-schemas.js';
import { presentResolution, roundResolutions, spreadSettingOf } from './spread.js';
import { assignments, roundProjects, scores } from './tables.js';

interface RankingGroup {
  trackCode: TrackCode;
  categoryCode: CategoryCode;
  /** One aggregation rule for every project of the group. */
  rule: AggregationRule;
  entries: (Omit<RankedProject, 'lastSubmittedAt' | 'group' | 'panel'> & {
    title: string;
    method: AggregationMethod;
    /** What the experts' totals aggregate to (the result, unless a panel decided it). */
    scoredResult: number;
    spread: number;
    flagged: boolean;
    /** Which resolution decides the result: null (the group rule), a re-review, or a panel. */
    resolvedBy: SpreadResolution | null;
    resolutions: ReturnType<typeof presentResolution>[];
  })[];
}

export interface RoundRanking {
  roundId: string;
  normalize: boolean;
  spread: { measure: SpreadMeasure; threshold: number | null };
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
      confidence: scores.confidence,
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
  const resolutions = await roundResolutions(db, roundId);
  const panelScores = new Map(
    [...resolutions].flatMap(([projectId, list]) =>
      list.flatMap((row) => (row.kind === 'panel' && row.panelScore !== null ? [[projectId, row.panelScore]] : [])),
    ) as [string, number][],
  );
  const setting = spreadSettingOf(round);
  const spreads = projectSpreads(rows, setting);
  const zone = await editionTimeZone(db, round.editionId);
  const { ranked, rules } = rankRound(rows, groupOf, {
    normalize: round.normalize,
    confidenceWeighting: round.confidenceWeighting,
    panelScores,
  });
  return {
    ranked,
    ranking: {
      roundId,
      normalize: round.normalize,
      spread: setting,
      groups: [...ranked].map(([group, entries]) => {
        const rule = getOrThrow(rules, group);
        return {
          ...getOrThrow(groups, group),
          rule,
          entries: entries.map(({ lastSubmittedAt: _last, group: _group, panel, ...entry }) => {
            const done = resolutions.get(entry.projectId) ?? [];
            const kinds = done.map((row) => row.kind);
            return {
              ...entry,
              title: getOrThrow(meta, entry.projectId).title,
              method: rule.method,
              scoredResult: panel?.scoredResult ?? entry.result,
              ...getOrThrow(spreads, entry.projectId),
              resolvedBy: kinds.includes('panel') ? 'panel' : kinds.includes('re_review') ? 're_review' : null,
              resolutions: done.map((row) => presentResolution(row, zone)),
            };
          }),
        };
      }),
    },
  };
}

/** A round's ranking, refused (409 LEDGER_BROKEN) while the ledger does not vouch for the scores. */
const byTitle = new Intl.Collator('zh-CN');
type Entry = RoundRanking['groups'][number]['entries'][number];
const ENTRY_ORDERS: Record<(typeof RANKING_SORTS)[number], (a: Entry, b: Entry) => number> = {
  rank: (a, b) => a.rank - b.rank,
  spread: (a, b) => b.spread - a.spread || a.rank - b.rank,
  title: (a, b) => byTitle.compare(a.title, b.title) || a.rank - b.rank,
};

/** The round's ranking, each group's entries in the order asked (the ranks themselves unchanged). */
export async function getRoundRanking(
  deps: Deps,
  roundId: string,
  sort: (typeof RANKING_SORTS)[number] = 'rank',
): Promise<RoundRanking> {
  await findRound(deps.db, roundId);
  await assertLedgerIntact(deps.db);
  const { ranking } = await roundRanking(deps.db, roundId);
  const order = ENTRY_ORDERS[sort];
  return { ...ranking, groups: ranking.groups.map((group) => ({ ...group, entries: [...group.entries].sort(order) })) };
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

type Selection = { topK: number } | { threshold: number };

/** Every ranked project of the round with its group, track, category and title, in ranking order. */
function rankedEntries(ranking: RoundRanking) {
  return new Map(
    ranking.groups.map((group) => [
      `${group.trackCode}|${group.categoryCode}`,
      group.entries.map((entry) => ({
        projectId: entry.projectId,
        title: entry.title,
        group: `${group.trackCode}|${group.categoryCode}`,
        trackCode: group.trackCode,
        categoryCode: group.categoryCode,
        rank: entry.rank,
        result: entry.result,
        method: entry.method,
      })),
    ]),
  );
}

/** What the rule advances (the preview's outcome, whose digest a commit may carry). */
async function advancementOutcome(db: Db, roundId: string, selection: Selection) {
  const { ranking } = await roundRanking(db, roundId);
  const groups = rankedEntries(ranking);
  const selected = selectAdvancing(groups, selection);
  const digest = previewDigest(selected.map((entry) => [entry.projectId, entry.rank, entry.result]));
  return { ranked: [...groups.values()].flat(), selected, digest };
}

/** The preliminary whose ranking advances: refuses a final. */
function assertPreliminary(round: { kind: string; status: string }) {
  if (round.kind !== 'preliminary')
    throw new DomainError('ROUND_NOT_CLOSED', 409, { params: { status: round.status } });
}

/** Projects already in the final (advanced earlier). */
async function inFinal(db: Db, editionId: string): Promise<Set<string>> {
  const final = await findRoundOfKind(db, editionId, 'final');
  if (!final) return new Set();
  const rows = await db
    .select({ id: roundProjects.projectId })
    .from(roundProjects)
    .where(eq(roundProjects.roundId, final.id));
  return new Set(rows.map((row) => row.id));
}

/**
 * Who the rule would advance, before anything is decided: the list, whether each is already in
 * the final, and the digest to send back with the commit.
 */
export async function previewAdvance(deps: Deps, roundId: string, query: Static<typeof AdvancePreviewQuery>) {
  const selection = selectionOf(query);
  const round = await findRound(deps.db, roundId);
  assertPreliminary(round);
  const { selected, digest } = await advancementOutcome(deps.db, roundId, selection);
  const already = await inFinal(deps.db, round.editionId);
  return {
    rule: selection,
    roundStatus: round.status,
    digest,
    items: selected.map((entry) => ({ ...entry, alreadyAdvanced: already.has(entry.projectId) })),
  };
}

/** Writes a `decision.adjusted` entry for each project the rule advances that the organizer held back. */
async function recordHeldBack(
  tx: Db,
  context: {
    roundId: string;
    selection: Selection;
    selected: { projectId: string; group: string; rank: number; result: number }[];
    adjustments: Static<typeof AdvanceBody>['adjustments'] & object;
    actor: Actor;
    now: Date;
  },
) {
  const heldBack = [];
  for (const adjustment of context.adjustments.filter((entry) => !entry.advance)) {
    const entry = context.selected.find((item) => item.projectId === adjustment.projectId)!;
    await recordDecision(
      tx,
      context.actor,
      {
        action: 'decision.adjusted',
        subjectType: 'project',
        subjectId: entry.projectId,
        payload: {
          decision: 'advancement',
          change: 'held_back',
          fromRoundId: context.roundId,
          rule: context.selection,
          rank: entry.rank,
          result: entry.result,
          group: entry.group,
          reason: adjustment.reason,
        },
      },
      context.now,
    );
    heldBack.push({ projectId: entry.projectId, group: entry.group, rank: entry.rank, result: entry.result });
  }
  return heldBack;
}

/**
 * Advances the top K per track × category (or all at or above a threshold) of a closed
 * preliminary to the final, with the organizer's adjustments (each with a reason): projects
 * held back are recorded as `decision.adjusted`, projects added by hand as `project.advanced`
 * carrying the reason. With `previewDigest`, refuses when the outcome changed since the preview.
 * Refused (409 LEDGER_BROKEN) while the ledger does not verify.
 */
export async function advance(deps: Deps, roundId: string, rule: Static<typeof AdvanceBody>, actor: Actor) {
  const now = deps.clock.now();
  const selection = selectionOf(rule);
  const adjustments = rule.adjustments ?? [];
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    await assertLedgerIntact(tx);
    if (round.kind !== 'preliminary' || round.status !== 'closed')
      throw new DomainError('ROUND_NOT_CLOSED', 409, { params: { status: round.status } });
    const override = await passStageGate(tx, round.editionId, 'advance', now, rule);
    const final = await lockFinalRound(tx, round.editionId);
    const { ranked, selected, digest } = await advancementOutcome(tx, roundId, selection);
    assertPreviewCurrent(rule.previewDigest, digest);
    const { advancing, violations } = adjustAdvancement(ranked, selected, adjustments);
    assertNoViolations(
      violations.map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })),
      422,
    );
    const reasonOf = new Map(adjustments.map((entry) => [entry.projectId, entry.reason]));
    const already = await inFinal(tx, round.editionId);
    const added = [];
    for (const { projectId, group, rank, result } of advancing) {
      if (already.has(projectId)) continue;
      const manual = reasonOf.get(projectId);
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
            ...(manual !== undefined ? { manual: { reason: manual } } : {}),
            ...(override ? { override } : {}),
          },
        },
        now,
      );
      added.push({ projectId, group, rank, result, manual: manual !== undefined });
    }
    const heldBack = await recordHeldBack(tx, { roundId, selection, selected, adjustments, actor, now });
    return { finalRoundId: final.id, advanced: added, heldBack };
  });
}
