import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { assignExperts, type AssignableProject, type AssignmentPair } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { users } from '../accounts/tables.js';
import { fields, topics } from '../editions/tables.js';
import { addProjectKeys } from '../experts/conflict-keys.js';
import { expertConflictKeys } from '../experts/service.js';
import { expertProfiles } from '../experts/tables.js';
import { lineListDigest, recordDecision } from '../ledger/service.js';
import { notifyAssignedExperts } from '../messages/audience.js';
import { projects, projectTopics } from '../projects/tables.js';
import { teamUnits, units } from '../teams/tables.js';
import { assertNotClosed, enrollQualifiedProjects, findRound, type RoundRow } from './rounds.js';
import { assignments, roundProjects, scores } from './tables.js';

/**
 * The round's projects as the shared algorithm sees them: conflict keys (project, team, units),
 * field codes and topic ids, read by round in two set-based queries rather than by lists of ids.
 */
async function assignableProjects(tx: Db, roundId: string): Promise<AssignableProject[]> {
  const keys = new Map<string, string[]>();
  const unitRows = await tx
    .select({ projectId: projects.id, teamId: projects.teamId, code: units.creditCode, name: units.name })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .leftJoin(teamUnits, eq(teamUnits.teamId, projects.teamId))
    .leftJoin(units, eq(units.id, teamUnits.unitId))
    .where(eq(roundProjects.roundId, roundId));
  for (const row of unitRows) addProjectKeys(keys, row);
  const matching = new Map<string, { fields: string[]; topics: string[] }>();
  const topicRows = await tx
    .select({ projectId: projectTopics.projectId, topicId: projectTopics.topicId, field: fields.code })
    .from(roundProjects)
    .innerJoin(projectTopics, eq(projectTopics.projectId, roundProjects.projectId))
    .innerJoin(topics, eq(topics.id, projectTopics.topicId))
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(eq(roundProjects.roundId, roundId));
  for (const row of topicRows) {
    let entry = matching.get(row.projectId);
    if (!entry) matching.set(row.projectId, (entry = { fields: [], topics: [] }));
    entry.fields.push(row.field);
    entry.topics.push(row.topicId);
  }
  return [...keys].map(([id, conflictKeys]) => ({
    id,
    conflictKeys,
    fields: matching.get(id)?.fields ?? [],
    topics: matching.get(id)?.topics ?? [],
  }));
}

/** The shared conflict-free algorithm over the active experts and the round's projects, on top of what exists. */
async function planAssignments(tx: Db, round: RoundRow, roundProjectList: AssignableProject[]) {
  const activeExperts = await tx
    .select({ id: expertProfiles.userId })
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(and(eq(users.role, 'expert'), sql`${users.disabledAt} is null`));
  const expertKeys = await expertConflictKeys(
    tx,
    activeExperts.map((row) => row.id),
  );
  // Pairs that still count: a disabled expert's unsubmitted assignment is lost and gets topped up.
  const existing = await tx
    .select({ projectId: assignments.projectId, expertId: assignments.expertUserId })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.expertUserId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(
      and(eq(assignments.roundId, round.id), sql`(${users.disabledAt} is null or ${scores.status} = 'submitted')`),
    );
  const plan = assignExperts({
    experts: [...expertKeys].map(([id, entry]) => ({
      id,
      conflictKeys: entry.keys,
      fields: entry.fields,
      topics: entry.topics,
    })),
    projects: roundProjectList,
    expertsPerProject: round.expertsPerProject,
    existing,
  });
  return { plan, experts: expertKeys.size };
}

/**
 * Assignments written per statement: each batch goes as three array parameters (ids, projects,
 * experts) and the conflict trigger checks it once (AFTER STATEMENT), so the national run of
 * 100,000 pairs is ten statements, and the job still reports its progress between them. The ids
 * are made here, so nothing is read back: the ledger's digest lines are built from what was sent.
 */
const INSERT_BATCH = 10_000;

async function insertAutoAssignments(
  tx: Db,
  roundId: string,
  pairs: readonly AssignmentPair[],
  actorId: string,
  now: Date,
  progress: AutoAssignProgress,
): Promise<string[]> {
  const digestLines: string[] = [];
  for (let index = 0; index < pairs.length; index += INSERT_BATCH) {
    await progress({ phase: 'assigning', done: index, total: pairs.length });
    const batch = pairs.slice(index, index + INSERT_BATCH);
    const ids = batch.map(() => randomUUID());
    await tx.execute(sql`
      insert into ${assignments} (id, round_id, project_id, expert_user_id, source, created_by, created_at)
      select pair.id, ${roundId}::uuid, pair.project_id, pair.expert_id, 'auto', ${actorId}::uuid, ${now}::timestamptz
        from unnest(${sql.param(ids)}::uuid[],
                    ${sql.param(batch.map((pair) => pair.projectId))}::uuid[],
                    ${sql.param(batch.map((pair) => pair.expertId))}::uuid[]) as pair (id, project_id, expert_id)`);
    batch.forEach((pair, position) => digestLines.push(`${ids[position]}:${pair.projectId}:${pair.expertId}`));
  }
  return digestLines;
}

/**
 * Told how far an automatic assignment has come: `enrolling` (preliminary: the qualified projects
 * join the round), `planning` (`total` projects), `assigning` (`done` of `total` assignments
 * written), `recording` (the ledger entry). Runs outside the assignment's transaction.
 */
export type AutoAssignProgress = (step: { phase: string; done?: number; total?: number }) => Promise<void>;

/**
 * Assigns N experts to every project of the round with the shared conflict-free algorithm, on
 * top of the assignments already made; the run is one ledger entry with the count and digest of
 * the new (assignment, project, expert) rows: small however many there are.
 */
export async function autoAssign(
  deps: Deps,
  roundId: string,
  actor: Actor,
  progress: AutoAssignProgress = async () => {},
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    assertNotClosed(round);
    if (round.kind === 'preliminary') {
      await progress({ phase: 'enrolling' });
      await enrollQualifiedProjects(tx, round, actor, now);
    }
    const roundProjectList = await assignableProjects(tx, roundId);
    await progress({ phase: 'planning', total: roundProjectList.length });
    const { plan, experts } = await planAssignments(tx, round, roundProjectList);
    const createdLines = await insertAutoAssignments(tx, roundId, plan.assignments, actor.sub, now, progress);
    await progress({ phase: 'recording', done: createdLines.length, total: plan.assignments.length });
    if (createdLines.length > 0) {
      await recordDecision(
        tx,
        actor,
        {
          action: 'assignments.auto',
          subjectType: 'review_round',
          subjectId: roundId,
          payload: {
            expertsPerProject: round.expertsPerProject,
            fieldMatched: plan.fieldMatched,
            topicMatched: plan.topicMatched,
            created: lineListDigest(createdLines),
          },
        },
        now,
      );
    }
    const perExpert = new Map<string, number>();
    for (const pair of plan.assignments) perExpert.set(pair.expertId, (perExpert.get(pair.expertId) ?? 0) + 1);
    await notifyAssignedExperts(deps, tx, round, perExpert);
    const quality = (matched: number) => ({
      matched,
      assignments: plan.assignments.length,
      share: plan.assignments.length === 0 ? 0 : Math.round((matched / plan.assignments.length) * 1e4) / 1e4,
    });
    return {
      created: createdLines.length,
      projects: roundProjectList.length,
      experts,
      shortfalls: plan.shortfalls,
      fieldMatch: quality(plan.fieldMatched),
      topicMatch: quality(plan.topicMatched),
    };
  });
}
