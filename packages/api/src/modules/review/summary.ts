import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { LostAssignmentCause } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { ledgerEntries } from '../ledger/tables.js';
import { onSubmittedVersion, submitted, submittedVersion } from '../projects/submitted.js';
import { projects } from '../projects/tables.js';
import { findRound } from './rounds.js';
import { assignments, roundProjects, scores } from './tables.js';

/** At most this many short projects are listed (the count says how many there are). */
export const SHORTFALL_LIST_LIMIT = 500;

/**
 * An assignment still counts towards a project's N when its expert is active, or when the
 * score was submitted before the account was disabled. Everything else is lost.
 */
const counting = sql`(${users.disabledAt} is null or ${scores.status} = 'submitted')`;

/** Per project of the round: assignments that still count and submitted scores, in one grouped query. */
async function projectCounts(db: Db, roundId: string) {
  return db
    .select({
      projectId: roundProjects.projectId,
      assigned: sql<number>`count(${assignments.id}) filter (where ${counting})`.mapWith(Number),
      submitted: sql<number>`count(${scores.id}) filter (where ${scores.status} = 'submitted')`.mapWith(Number),
    })
    .from(roundProjects)
    .leftJoin(
      assignments,
      and(eq(assignments.roundId, roundProjects.roundId), eq(assignments.projectId, roundProjects.projectId)),
    )
    .leftJoin(users, eq(users.id, assignments.expertUserId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(eq(roundProjects.roundId, roundId))
    .groupBy(roundProjects.projectId)
    .orderBy(asc(roundProjects.projectId));
}

interface Lost {
  projectId: string;
  expertId: string;
  cause: LostAssignmentCause;
  reason: string;
  at: Date;
}

/**
 * The reviewers the projects lost: assignments withdrawn (the ledger keeps each removal, with
 * the conflict when one caused it) and assignments of disabled experts who had not submitted.
 */
async function lostAssignments(db: Db, roundId: string, projectIds: readonly string[]): Promise<Lost[]> {
  if (projectIds.length === 0) return [];
  const removed = await db
    .select({ payload: ledgerEntries.payload, at: ledgerEntries.at })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.action, 'assignment.removed'), sql`${ledgerEntries.payload}->>'roundId' = ${roundId}`))
    .orderBy(asc(ledgerEntries.seq));
  const wanted = new Set(projectIds);
  const lost: Lost[] = removed.flatMap(({ payload, at }) => {
    const projectId = String(payload.projectId);
    if (!wanted.has(projectId)) return [];
    const cause: LostAssignmentCause = payload.conflictId ? 'conflict' : 'removed';
    return [
      {
        projectId,
        expertId: String(payload.expertId),
        cause,
        reason: typeof payload.reason === 'string' ? payload.reason : '',
        at,
      },
    ];
  });
  const disabled = await db
    .select({ projectId: assignments.projectId, expertId: assignments.expertUserId, at: users.disabledAt })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.expertUserId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(
      and(
        eq(assignments.roundId, roundId),
        isNotNull(users.disabledAt),
        sql`${scores.status} is distinct from 'submitted'`,
        inArray(assignments.projectId, [...wanted]),
      ),
    );
  for (const row of disabled) {
    if (row.at)
      lost.push({ projectId: row.projectId, expertId: row.expertId, cause: 'expert_disabled', reason: '', at: row.at });
  }
  return lost;
}

async function namesOf(db: Db, table: 'users' | 'projects', ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows =
    table === 'users'
      ? await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, [...ids]))
      : await db
          .select({ id: projects.id, name: submitted.title })
          .from(projects)
          .innerJoin(submittedVersion, onSubmittedVersion)
          .where(inArray(projects.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * The state of a round for its organizers: how many projects, assignments and submitted
 * scores, and every project short of its N reviewers, with the reviewers it lost and why, so a
 * conflict, a withdrawal or a disabled expert is seen at once (auto-assignment tops them up).
 */
export async function roundSummary(deps: Deps, roundId: string) {
  const { db } = deps;
  const round = await findRound(db, roundId);
  const counts = await projectCounts(db, roundId);
  const short = counts.filter((row) => row.assigned < round.expertsPerProject);
  const listed = short.slice(0, SHORTFALL_LIST_LIMIT);
  const lost = await lostAssignments(
    db,
    roundId,
    listed.map((row) => row.projectId),
  );
  const [titles, names, zone] = await Promise.all([
    namesOf(
      db,
      'projects',
      listed.map((row) => row.projectId),
    ),
    namesOf(db, 'users', [...new Set(lost.map((entry) => entry.expertId))]),
    editionTimeZone(db, round.editionId),
  ]);
  return {
    roundId,
    status: round.status,
    expertsPerProject: round.expertsPerProject,
    projects: counts.length,
    assignments: counts.reduce((sum, row) => sum + row.assigned, 0),
    submitted: counts.reduce((sum, row) => sum + row.submitted, 0),
    shortfallProjects: short.length,
    shortfalls: listed.map((row) => ({
      projectId: row.projectId,
      title: titles.get(row.projectId) ?? '',
      assigned: row.assigned,
      submitted: row.submitted,
      missing: round.expertsPerProject - row.assigned,
      lost: lost
        .filter((entry) => entry.projectId === row.projectId)
        .map((entry) => ({
          expertId: entry.expertId,
          expertName: names.get(entry.expertId) ?? '',
          cause: entry.cause,
          reason: entry.reason,
          at: isoInZone(entry.at, zone),
        })),
    })),
  };
}
