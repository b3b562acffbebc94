import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import {
  aggregateScores,
  assignExperts,
  checkRubric,
  checkScoreValues,
  isConflicted,
  rankProjects,
  selectAdvancing,
  weightedTotal,
  type RankedProject,
  type RubricCriterion,
} from '@saishi/shared';
import type { Database } from '../../db/client.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation, pgErrorOf } from '../../lib/pg-errors.js';
import { users } from '../accounts/tables.js';
import { editions, fields, topics, tracks } from '../editions/tables.js';
import { editionTimeZone } from '../editions/service.js';
import { expertConflictKeys, projectConflictKeys } from '../experts/service.js';
import { expertProfiles } from '../experts/tables.js';
import { appendLedger } from '../ledger/service.js';
import { storedFiles } from '../files/tables.js';
import type { StoredFile } from '../files/service.js';
import { projectFiles, projects, projectTopics } from '../projects/tables.js';
import { teams } from '../teams/tables.js';
import { assignments, reviewRounds, roundProjects, rubrics, scores } from './tables.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';

export type RoundKind = 'preliminary' | 'final';
export type RoundStatus = 'draft' | 'open' | 'closed';
export type RoundRow = typeof reviewRounds.$inferSelect;
export const DEFAULT_EXPERTS_PER_PROJECT: Record<RoundKind, number> = { preliminary: 5, final: 7 };
export const DIRECTIONS = ['modeling', 'product_innovation'] as const;
/** SQLSTATE raised by the assignments trigger (src/db/sql/post-review.sql). */
export const COI_SQLSTATE = 'SA001';

/** Rounds, their rubrics, assignments and scores belong to an edition: instants are presented in its time zone. */
async function roundTimeZone(db: Database, roundId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: editions.timeZone })
    .from(reviewRounds)
    .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
    .where(eq(reviewRounds.id, roundId));
  if (!row) throw notFound('ROUND_NOT_FOUND');
  return row.timeZone;
}

const presentRound = (row: RoundRow, zone: string) => ({
  id: row.id,
  editionId: row.editionId,
  kind: row.kind as RoundKind,
  status: row.status as RoundStatus,
  expertsPerProject: row.expertsPerProject,
  normalize: row.normalize,
  openedAt: isoInZoneOrNull(row.openedAt, zone),
  closedAt: isoInZoneOrNull(row.closedAt, zone),
});

// ---------------------------------------------------------------- rounds

export async function listRounds(db: Database, editionId: string) {
  const rows = await db
    .select()
    .from(reviewRounds)
    .where(eq(reviewRounds.editionId, editionId))
    .orderBy(sql`${reviewRounds.kind} = 'final'`);
  const zone = await editionTimeZone(db, editionId);
  return rows.map((row) => presentRound(row, zone));
}

export async function findRound(db: Database, roundId: string, options: { lock?: boolean } = {}): Promise<RoundRow> {
  const query = db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound('ROUND_NOT_FOUND');
  return row;
}

export async function findRoundOfKind(db: Database, editionId: string, kind: RoundKind): Promise<RoundRow | undefined> {
  const [row] = await db
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.editionId, editionId), eq(reviewRounds.kind, kind)));
  return row;
}

export async function getRound(db: Database, roundId: string) {
  const round = await findRound(db, roundId);
  return presentRound(round, await editionTimeZone(db, round.editionId));
}

export async function createRound(
  db: Database,
  editionId: string,
  input: { kind: RoundKind; expertsPerProject?: number | undefined; normalize?: boolean | undefined },
) {
  try {
    const [row] = await db
      .insert(reviewRounds)
      .values({
        editionId,
        kind: input.kind,
        expertsPerProject: input.expertsPerProject ?? DEFAULT_EXPERTS_PER_PROJECT[input.kind],
        normalize: input.normalize ?? false,
      })
      .returning();
    return presentRound(row!, await editionTimeZone(db, editionId));
  } catch (error) {
    if (isUniqueViolation(error, 'review_rounds_one_per_kind'))
      throw new DomainError('ROUND_EXISTS', 409, { params: { kind: input.kind } });
    throw error;
  }
}

export async function updateRound(
  db: Database,
  roundId: string,
  input: { expertsPerProject?: number | undefined; normalize?: boolean | undefined },
) {
  const round = await findRound(db, roundId);
  if (round.status === 'closed') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
  await db
    .update(reviewRounds)
    .set({
      ...(input.expertsPerProject !== undefined ? { expertsPerProject: input.expertsPerProject } : {}),
      ...(input.normalize !== undefined ? { normalize: input.normalize } : {}),
    })
    .where(eq(reviewRounds.id, roundId));
  return getRound(db, roundId);
}

const NEXT_STATUS: Record<RoundStatus, RoundStatus | null> = { draft: 'open', open: 'closed', closed: null };

/** draft → open (needs a rubric for each direction) → closed; recorded in the ledger. */
export async function transitionRound(
  db: Database,
  roundId: string,
  to: 'open' | 'closed',
  actorId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    if (NEXT_STATUS[round.status as RoundStatus] !== to) {
      throw new DomainError('ROUND_TRANSITION_INVALID', 409, { params: { from: round.status, to } });
    }
    if (to === 'open') {
      const present = new Set(
        (await tx.select({ direction: rubrics.directionCode }).from(rubrics).where(eq(rubrics.roundId, roundId))).map(
          (row) => row.direction,
        ),
      );
      const missing = DIRECTIONS.find((direction) => !present.has(direction));
      if (missing) throw new DomainError('RUBRIC_MISSING', 409, { params: { direction: missing } });
      if (round.kind === 'preliminary') await enrollQualifiedProjects(tx, round, actorId);
    }
    await tx
      .update(reviewRounds)
      .set(to === 'open' ? { status: 'open', openedAt: now } : { status: 'closed', closedAt: now })
      .where(eq(reviewRounds.id, roundId));
    await appendLedger(
      tx,
      {
        action: `round.${to === 'open' ? 'opened' : 'closed'}`,
        actorId,
        subjectType: 'review_round',
        subjectId: roundId,
        payload: { kind: round.kind },
      },
      now,
    );
    return getRound(tx, roundId);
  });
}

/** The preliminary reviews every project of a qualified team (资格审核 approved) that has a submitted version. */
async function enrollQualifiedProjects(tx: Database, round: RoundRow, actorId: string | null): Promise<void> {
  await tx.execute(sql`
    insert into round_projects (round_id, project_id, added_by)
    select ${round.id}, p.id, ${actorId}
      from projects p join teams t on t.id = p.team_id
     where p.edition_id = ${round.editionId} and t.qualification_status = 'approved' and p.latest_version >= 1
    on conflict do nothing`);
}

// ---------------------------------------------------------------- rubrics

export async function listRubrics(db: Database, roundId: string) {
  const round = await findRound(db, roundId);
  const zone = await editionTimeZone(db, round.editionId);
  const rows = await db.select().from(rubrics).where(eq(rubrics.roundId, roundId)).orderBy(asc(rubrics.directionCode));
  return rows.map((row) => ({
    directionCode: row.directionCode,
    criteria: row.criteria,
    updatedAt: isoInZone(row.updatedAt, zone),
  }));
}

/** Rubrics change only while the round is a draft. */
export async function putRubric(
  db: Database,
  roundId: string,
  directionCode: string,
  criteria: RubricCriterion[],
  now: Date,
) {
  assertNoViolations(
    checkRubric(criteria).map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })),
    400,
  );
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    if (round.status !== 'draft') throw new DomainError('ROUND_NOT_DRAFT', 409);
    await tx
      .insert(rubrics)
      .values({ roundId, directionCode, criteria, updatedAt: now })
      .onConflictDoUpdate({ target: [rubrics.roundId, rubrics.directionCode], set: { criteria, updatedAt: now } });
    return { directionCode, criteria, updatedAt: isoInZone(now, await editionTimeZone(tx, round.editionId)) };
  });
}

async function rubricFor(db: Database, roundId: string, directionCode: string): Promise<RubricCriterion[]> {
  const [row] = await db
    .select({ criteria: rubrics.criteria })
    .from(rubrics)
    .where(and(eq(rubrics.roundId, roundId), eq(rubrics.directionCode, directionCode)));
  if (!row) throw new DomainError('RUBRIC_MISSING', 409, { params: { direction: directionCode } });
  return row.criteria;
}

// ---------------------------------------------------------------- assignments

export async function listRoundProjects(db: Database, roundId: string) {
  return db
    .select({ projectId: roundProjects.projectId, title: projects.title, advancedWith: roundProjects.advancedWith })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .where(eq(roundProjects.roundId, roundId))
    .orderBy(asc(roundProjects.projectId));
}

async function projectFieldCodes(db: Database, projectIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (let index = 0; index < projectIds.length; index += 5000) {
    const rows = await db
      .select({ projectId: projectTopics.projectId, field: fields.code })
      .from(projectTopics)
      .innerJoin(topics, eq(topics.id, projectTopics.topicId))
      .innerJoin(fields, eq(fields.id, topics.fieldId))
      .where(inArray(projectTopics.projectId, projectIds.slice(index, index + 5000)));
    for (const row of rows) result.set(row.projectId, [...(result.get(row.projectId) ?? []), row.field]);
  }
  return result;
}

/**
 * Assigns N experts to every project of the round with the shared conflict-free algorithm, on
 * top of the assignments already made; the run is one ledger entry listing the new pairs.
 */
export async function autoAssign(db: Database, roundId: string, actorId: string, now: Date) {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    if (round.status === 'closed') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
    if (round.kind === 'preliminary') await enrollQualifiedProjects(tx, round, actorId);
    const projectIds = (
      await tx.select({ id: roundProjects.projectId }).from(roundProjects).where(eq(roundProjects.roundId, roundId))
    ).map((row) => row.id);
    const activeExperts = await tx
      .select({ id: expertProfiles.userId })
      .from(expertProfiles)
      .innerJoin(users, eq(users.id, expertProfiles.userId))
      .where(and(eq(users.role, 'expert'), sql`${users.disabledAt} is null`));
    const expertKeys = await expertConflictKeys(
      tx,
      activeExperts.map((row) => row.id),
    );
    const projectKeys = await projectConflictKeys(tx, projectIds);
    const projectFields = await projectFieldCodes(tx, projectIds);
    const existing = await tx
      .select({ projectId: assignments.projectId, expertId: assignments.expertUserId })
      .from(assignments)
      .where(eq(assignments.roundId, roundId));
    const plan = assignExperts({
      experts: [...expertKeys].map(([id, entry]) => ({ id, conflictKeys: entry.keys, fields: entry.fields })),
      projects: projectIds.map((id) => ({
        id,
        conflictKeys: projectKeys.get(id) ?? [`project:${id}`],
        fields: projectFields.get(id) ?? [],
      })),
      expertsPerProject: round.expertsPerProject,
      existing,
    });
    const created: { id: string; projectId: string; expertId: string }[] = [];
    for (let index = 0; index < plan.assignments.length; index += 1000) {
      const batch = plan.assignments.slice(index, index + 1000);
      const rows = await tx
        .insert(assignments)
        .values(
          batch.map((pair) => ({
            roundId,
            projectId: pair.projectId,
            expertUserId: pair.expertId,
            source: 'auto',
            createdBy: actorId,
          })),
        )
        .returning({ id: assignments.id, projectId: assignments.projectId, expertId: assignments.expertUserId });
      created.push(...rows);
    }
    if (created.length > 0) {
      await appendLedger(
        tx,
        {
          action: 'assignments.auto',
          actorId,
          subjectType: 'review_round',
          subjectId: roundId,
          payload: { expertsPerProject: round.expertsPerProject, created },
        },
        now,
      );
    }
    return {
      created: created.length,
      projects: projectIds.length,
      experts: expertKeys.size,
      shortfalls: plan.shortfalls,
    };
  });
}

function toConflictError(error: unknown): never {
  if (pgErrorOf(error)?.code === COI_SQLSTATE) throw new DomainError('EXPERT_CONFLICT_OF_INTEREST', 422);
  if (isUniqueViolation(error, 'assignments_once_per_round')) throw new DomainError('ASSIGNMENT_EXISTS', 409);
  throw error;
}

/** An admin adds an expert by hand, with a reason; conflicts are refused here and again by the trigger. */
export async function addAssignment(
  db: Database,
  input: { roundId: string; projectId: string; expertId: string; reason: string },
  actorId: string,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, input.roundId, { lock: true });
    if (round.status === 'closed') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
    const [inRound] = await tx
      .select({ id: roundProjects.projectId })
      .from(roundProjects)
      .where(and(eq(roundProjects.roundId, round.id), eq(roundProjects.projectId, input.projectId)));
    if (!inRound) throw new DomainError('PROJECT_NOT_IN_ROUND', 404);
    const expert = (await expertConflictKeys(tx, [input.expertId])).get(input.expertId);
    if (!expert) throw notFound('EXPERT_NOT_FOUND');
    const projectKeys = (await projectConflictKeys(tx, [input.projectId])).get(input.projectId) ?? [];
    if (isConflicted({ conflictKeys: expert.keys }, { conflictKeys: projectKeys }))
      throw new DomainError('EXPERT_CONFLICT_OF_INTEREST', 422);
    const [row] = await tx
      .insert(assignments)
      .values({
        roundId: round.id,
        projectId: input.projectId,
        expertUserId: input.expertId,
        source: 'manual',
        reason: input.reason,
        createdBy: actorId,
      })
      .returning()
      .catch(toConflictError);
    await appendLedger(
      tx,
      {
        action: 'assignment.added',
        actorId,
        subjectType: 'assignment',
        subjectId: row!.id,
        payload: { roundId: round.id, projectId: input.projectId, expertId: input.expertId, reason: input.reason },
      },
      now,
    );
    return presentAssignment(row!, null, await editionTimeZone(tx, round.editionId));
  });
}

/** An admin removes an expert with a reason; a submitted score must be reopened first. */
export async function removeAssignment(
  db: Database,
  assignmentId: string,
  reason: string,
  actorId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(assignments).where(eq(assignments.id, assignmentId)).for('update');
    if (!row) throw notFound('ASSIGNMENT_NOT_FOUND');
    const round = await findRound(tx, row.roundId, { lock: true });
    if (round.status === 'closed') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
    const [score] = await tx
      .select({ status: scores.status })
      .from(scores)
      .where(eq(scores.assignmentId, assignmentId));
    if (score?.status === 'submitted') throw new DomainError('ASSIGNMENT_HAS_SUBMITTED_SCORE', 409);
    await tx.delete(assignments).where(eq(assignments.id, assignmentId));
    await appendLedger(
      tx,
      {
        action: 'assignment.removed',
        actorId,
        subjectType: 'assignment',
        subjectId: assignmentId,
        payload: { roundId: row.roundId, projectId: row.projectId, expertId: row.expertUserId, reason },
      },
      now,
    );
  });
}

const presentAssignment = (
  row: typeof assignments.$inferSelect,
  score: { id: string; status: string; total: number } | null,
  zone: string,
) => ({
  id: row.id,
  roundId: row.roundId,
  projectId: row.projectId,
  expertId: row.expertUserId,
  source: row.source as 'auto' | 'manual',
  reason: row.reason,
  createdAt: isoInZone(row.createdAt, zone),
  score: score ? { id: score.id, status: score.status as 'draft' | 'submitted', total: score.total } : null,
});

/** Organizers' list of assignments, filtered by round, expert or project. */
export async function listAssignments(
  db: Database,
  query: {
    roundId?: string | undefined;
    expertId?: string | undefined;
    projectId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await db
    .select({
      assignment: assignments,
      scoreId: scores.id,
      status: scores.status,
      total: scores.total,
      projectTitle: projects.title,
      expertName: users.displayName,
      timeZone: editions.timeZone,
    })
    .from(assignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
    .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .innerJoin(projects, eq(projects.id, assignments.projectId))
    .innerJoin(users, eq(users.id, assignments.expertUserId))
    .where(
      and(
        query.roundId ? eq(assignments.roundId, query.roundId) : undefined,
        query.expertId ? eq(assignments.expertUserId, query.expertId) : undefined,
        query.projectId ? eq(assignments.projectId, query.projectId) : undefined,
        after ? gt(assignments.id, after) : undefined,
      ),
    )
    .orderBy(asc(assignments.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row) => ({
      ...presentAssignment(
        row.assignment,
        row.scoreId ? { id: row.scoreId, status: row.status!, total: row.total! } : null,
        row.timeZone,
      ),
      projectTitle: row.projectTitle,
      expertName: row.expertName,
    }),
    (row) => [row.assignment.id],
  );
}

// ---------------------------------------------------------------- blind review

/**
 * What an expert may see of a project. Built from an allowlist: no team, member or unit ever
 * enters it (blind review, SPEC §6). Files belong here once the projects module exposes them.
 */
export async function blindProjects(db: Database, projectIds: readonly string[]) {
  const result = new Map<string, BlindProject>();
  if (projectIds.length === 0) return result;
  const ids = [...new Set(projectIds)];
  const [rows, topicRows, fileRows] = await Promise.all([
    db
      .select({
        id: projects.id,
        title: projects.title,
        summary: projects.summary,
        directionCode: projects.directionCode,
        categoryCode: projects.categoryCode,
        publicComponentKind: projects.publicComponentKind,
        completeBeforeNationalFinal: projects.completeBeforeNationalFinal,
        latestVersion: projects.latestVersion,
        trackCode: tracks.code,
      })
      .from(projects)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .innerJoin(tracks, eq(tracks.id, teams.trackId))
      .where(inArray(projects.id, ids)),
    db
      .select({ projectId: projectTopics.projectId, id: topics.id, title: topics.title, fieldCode: fields.code })
      .from(projectTopics)
      .innerJoin(topics, eq(topics.id, projectTopics.topicId))
      .innerJoin(fields, eq(fields.id, topics.fieldId))
      .where(inArray(projectTopics.projectId, ids))
      .orderBy(asc(fields.sortOrder), asc(topics.sortOrder), asc(topics.id)),
    db
      .select({
        projectId: projectFiles.projectId,
        id: projectFiles.id,
        kind: projectFiles.kind,
        mimeType: storedFiles.mimeType,
        sizeBytes: storedFiles.sizeBytes,
      })
      .from(projectFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
      .where(and(inArray(projectFiles.projectId, ids), isNull(projectFiles.removedAt)))
      .orderBy(asc(projectFiles.addedAt), asc(projectFiles.id)),
  ]);
  for (const row of rows) {
    const own = topicRows.filter((topic) => topic.projectId === row.id);
    result.set(row.id, {
      id: row.id,
      title: row.title,
      summary: row.summary,
      trackCode: row.trackCode,
      directionCode: row.directionCode,
      categoryCode: row.categoryCode,
      publicComponentKind: row.publicComponentKind,
      completeBeforeNationalFinal: row.completeBeforeNationalFinal,
      latestVersion: row.latestVersion,
      fieldCodes: [...new Set(own.map((topic) => topic.fieldCode))],
      topics: own.map((topic) => ({ id: topic.id, title: topic.title, fieldCode: topic.fieldCode })),
      // Original file names are left out: they often carry the team's or unit's name.
      files: fileRows
        .filter((file) => file.projectId === row.id)
        .map((file) => ({ id: file.id, kind: file.kind, mimeType: file.mimeType, sizeBytes: file.sizeBytes })),
    });
  }
  return result;
}

export interface BlindProject {
  id: string;
  title: string;
  summary: string;
  trackCode: string;
  directionCode: string;
  categoryCode: string;
  publicComponentKind: string | null;
  completeBeforeNationalFinal: boolean;
  latestVersion: number;
  fieldCodes: string[];
  topics: { id: string; title: string; fieldCode: string }[];
  files: { id: string; kind: string; mimeType: string; sizeBytes: number }[];
}

export async function blindProject(db: Database, projectId: string): Promise<BlindProject> {
  const project = (await blindProjects(db, [projectId])).get(projectId);
  if (!project) throw notFound('ASSIGNMENT_NOT_FOUND');
  return project;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'video/mp4': '.mp4',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

/** A file of the assigned project for its expert, renamed after its kind so the name reveals no one. */
export async function blindFileForExpert(
  db: Database,
  assignmentId: string,
  fileId: string,
  expertId: string,
): Promise<StoredFile> {
  const assignment = await ownAssignment(db, assignmentId, expertId);
  const [row] = await db
    .select({ file: storedFiles, kind: projectFiles.kind })
    .from(projectFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
    .where(
      and(
        eq(projectFiles.id, fileId),
        eq(projectFiles.projectId, assignment.projectId),
        isNull(projectFiles.removedAt),
      ),
    );
  if (!row) throw notFound('ASSIGNMENT_NOT_FOUND');
  return { ...row.file, originalName: `${row.kind}${EXTENSIONS[row.file.mimeType] ?? ''}` };
}

async function ownAssignment(db: Database, assignmentId: string, expertId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(assignments).where(eq(assignments.id, assignmentId));
  const [row] = options.lock ? await query.for('update') : await query;
  // Someone else's assignment answers 404 too, so ids cannot be probed.
  if (!row || row.expertUserId !== expertId) throw notFound('ASSIGNMENT_NOT_FOUND');
  return row;
}

const presentScore = (row: typeof scores.$inferSelect, zone: string) => ({
  id: row.id,
  status: row.status as 'draft' | 'submitted',
  values: row.values,
  comments: row.comments,
  comment: row.comment,
  total: row.total,
  submittedAt: isoInZoneOrNull(row.submittedAt, zone),
  reopenedAt: isoInZoneOrNull(row.reopenedAt, zone),
  reopenReason: row.reopenReason,
});

/** An expert's own assignments, each with the blind project view and the score's state. */
export async function myAssignments(db: Database, expertId: string, roundId?: string) {
  const rows = await db
    .select({ assignment: assignments, round: reviewRounds, score: scores, timeZone: editions.timeZone })
    .from(assignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
    .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(and(eq(assignments.expertUserId, expertId), roundId ? eq(assignments.roundId, roundId) : undefined))
    .orderBy(asc(assignments.createdAt), asc(assignments.id));
  const blind = await blindProjects(
    db,
    rows.map((row) => row.assignment.projectId),
  );
  return rows.map((row) => ({
    id: row.assignment.id,
    round: { id: row.round.id, kind: row.round.kind as RoundKind, status: row.round.status as RoundStatus },
    project: blind.get(row.assignment.projectId)!,
    score: row.score ? presentScore(row.score, row.timeZone) : null,
  }));
}

/** One assignment for its expert: blind project, the rubric of its direction, the score so far. */
export async function assignmentForExpert(db: Database, assignmentId: string, expertId: string) {
  const row = await ownAssignment(db, assignmentId, expertId);
  const round = await findRound(db, row.roundId);
  const project = await blindProject(db, row.projectId);
  const [score] = await db.select().from(scores).where(eq(scores.assignmentId, assignmentId));
  return {
    id: row.id,
    round: { id: round.id, kind: round.kind as RoundKind, status: round.status as RoundStatus },
    project,
    rubric: await rubricFor(db, round.id, project.directionCode),
    score: score ? presentScore(score, await editionTimeZone(db, round.editionId)) : null,
  };
}

// ---------------------------------------------------------------- scores

export interface ScoreInput {
  values: Record<string, number>;
  comments?: Record<string, string> | undefined;
  comment?: string | undefined;
}

/** Saves the expert's draft, or submits it (complete, and recorded in the ledger). */
export async function writeScore(
  db: Database,
  assignmentId: string,
  expertId: string,
  input: ScoreInput | undefined,
  submit: boolean,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const assignment = await ownAssignment(tx, assignmentId, expertId, { lock: true });
    const round = await findRound(tx, assignment.roundId);
    if (round.status !== 'open') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
    const [project] = await tx
      .select({ directionCode: projects.directionCode })
      .from(projects)
      .where(eq(projects.id, assignment.projectId));
    const criteria = await rubricFor(tx, round.id, project!.directionCode);
    const [existing] = await tx.select().from(scores).where(eq(scores.assignmentId, assignmentId));
    if (existing?.status === 'submitted') throw new DomainError('SCORE_ALREADY_SUBMITTED', 409);
    const values = input?.values ?? existing?.values ?? {};
    const comments = input?.comments ?? existing?.comments ?? {};
    const comment = input?.comment ?? existing?.comment ?? '';
    assertNoViolations(
      checkScoreValues(criteria, values, { complete: submit }).map((violation) => ({
        ...violation,
        path: `/body${violation.path ?? ''}`,
      })),
      422,
    );
    const total = weightedTotal(criteria, values);
    const fields = {
      values,
      comments,
      comment,
      total,
      updatedAt: now,
      ...(submit ? { status: 'submitted', submittedAt: now } : {}),
    };
    const [row] = existing
      ? await tx.update(scores).set(fields).where(eq(scores.id, existing.id)).returning()
      : await tx
          .insert(scores)
          .values({ assignmentId, ...fields })
          .returning();
    if (submit) {
      await appendLedger(
        tx,
        {
          action: 'score.submitted',
          actorId: expertId,
          subjectType: 'score',
          subjectId: row!.id,
          payload: { assignmentId, roundId: round.id, projectId: assignment.projectId, expertId, values, total },
        },
        now,
      );
    }
    return presentScore(row!, await editionTimeZone(tx, round.editionId));
  });
}

/** One score with its criteria values and comments, for organizers. */
export async function getScore(db: Database, scoreId: string) {
  const [row] = await db
    .select({
      score: scores,
      projectId: assignments.projectId,
      expertId: assignments.expertUserId,
      roundId: assignments.roundId,
    })
    .from(scores)
    .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
    .where(eq(scores.id, scoreId));
  if (!row) throw notFound('SCORE_NOT_FOUND');
  return {
    ...presentScore(row.score, await roundTimeZone(db, row.roundId)),
    assignmentId: row.score.assignmentId,
    projectId: row.projectId,
    expertId: row.expertId,
    roundId: row.roundId,
  };
}

/** Only an admin reopens a submitted score, with a reason; the expert can then edit and resubmit. */
export async function reopenScore(db: Database, scoreId: string, reason: string, actorId: string, now: Date) {
  return db.transaction(async (tx) => {
    const [score] = await tx.select().from(scores).where(eq(scores.id, scoreId)).for('update');
    if (!score) throw notFound('SCORE_NOT_FOUND');
    if (score.status !== 'submitted') throw new DomainError('SCORE_NOT_SUBMITTED', 409);
    const [assignment] = await tx.select().from(assignments).where(eq(assignments.id, score.assignmentId));
    const round = await findRound(tx, assignment!.roundId);
    if (round.status !== 'open') throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: round.status } });
    const [row] = await tx
      .update(scores)
      .set({ status: 'draft', reopenedAt: now, reopenReason: reason, updatedAt: now })
      .where(eq(scores.id, scoreId))
      .returning();
    await appendLedger(
      tx,
      {
        action: 'score.reopened',
        actorId,
        subjectType: 'score',
        subjectId: scoreId,
        payload: {
          assignmentId: assignment!.id,
          projectId: assignment!.projectId,
          expertId: assignment!.expertUserId,
          reason,
          previousTotal: score.total,
        },
      },
      now,
    );
    return presentScore(row!, await editionTimeZone(tx, round.editionId));
  });
}

// ---------------------------------------------------------------- ranking and advancement

export interface RoundRanking {
  roundId: string;
  normalize: boolean;
  groups: {
    trackCode: string;
    categoryCode: string;
    entries: (Omit<RankedProject, 'lastSubmittedAt' | 'group'> & { title: string })[];
  }[];
}

/** Submitted scores only, aggregated (trimmed mean) and ranked per track × category. */
export async function roundRanking(
  db: Database,
  roundId: string,
): Promise<{ ranking: RoundRanking; ranked: Map<string, RankedProject[]> }> {
  const round = await findRound(db, roundId);
  const rows = await db
    .select({
      projectId: assignments.projectId,
      expertId: assignments.expertUserId,
      total: scores.total,
      submittedAt: scores.submittedAt,
    })
    .from(scores)
    .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
    .where(and(eq(assignments.roundId, roundId), eq(scores.status, 'submitted')));
  const projectIds = [...new Set(rows.map((row) => row.projectId))];
  const meta = new Map<string, { title: string; trackCode: string; categoryCode: string }>();
  for (let index = 0; index < projectIds.length; index += 5000) {
    const metaRows = await db
      .select({ id: projects.id, title: projects.title, trackCode: tracks.code, categoryCode: projects.categoryCode })
      .from(projects)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .innerJoin(tracks, eq(tracks.id, teams.trackId))
      .where(inArray(projects.id, projectIds.slice(index, index + 5000)));
    for (const row of metaRows) meta.set(row.id, row);
  }
  const aggregates = aggregateScores(
    rows.map((row) => ({
      projectId: row.projectId,
      expertId: row.expertId,
      total: row.total,
      submittedAt: row.submittedAt!,
    })),
    { normalize: round.normalize },
  );
  const ranked = rankProjects(
    aggregates,
    (projectId) => `${meta.get(projectId)!.trackCode}|${meta.get(projectId)!.categoryCode}`,
  );
  return {
    ranked,
    ranking: {
      roundId,
      normalize: round.normalize,
      groups: [...ranked].map(([group, entries]) => {
        const [trackCode, categoryCode] = group.split('|') as [string, string];
        return {
          trackCode,
          categoryCode,
          entries: entries.map(({ lastSubmittedAt: _last, group: _group, ...entry }) => ({
            ...entry,
            title: meta.get(entry.projectId)!.title,
          })),
        };
      }),
    },
  };
}

/** Advances the top K per track × category (or all at or above a threshold) of a closed preliminary to the final. */
export async function advance(
  db: Database,
  roundId: string,
  rule: { topK?: number | undefined; threshold?: number | undefined },
  actorId: string,
  now: Date,
) {
  if ((rule.topK === undefined) === (rule.threshold === undefined))
    throw new DomainError('ADVANCEMENT_RULE_REQUIRED', 400);
  const selection = rule.topK !== undefined ? { topK: rule.topK } : { threshold: rule.threshold! };
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { lock: true });
    if (round.kind !== 'preliminary' || round.status !== 'closed')
      throw new DomainError('ROUND_NOT_CLOSED', 409, { params: { status: round.status } });
    const final = await findRoundOfKind(tx, round.editionId, 'final');
    if (!final) throw new DomainError('FINAL_ROUND_MISSING', 409);
    const finalRound = await findRound(tx, final.id, { lock: true });
    if (finalRound.status === 'closed')
      throw new DomainError('ROUND_NOT_OPEN', 409, { params: { status: finalRound.status } });
    const { ranked } = await roundRanking(tx, roundId);
    const advancing = selectAdvancing(ranked, selection);
    const already = new Set(
      (
        await tx.select({ id: roundProjects.projectId }).from(roundProjects).where(eq(roundProjects.roundId, final.id))
      ).map((row) => row.id),
    );
    const added = [];
    for (const project of advancing) {
      if (already.has(project.projectId)) continue;
      await tx.insert(roundProjects).values({
        roundId: final.id,
        projectId: project.projectId,
        advancedWith: { result: project.result, rank: project.rank, group: project.group },
        addedBy: actorId,
        addedAt: now,
      });
      await appendLedger(
        tx,
        {
          action: 'project.advanced',
          actorId,
          subjectType: 'project',
          subjectId: project.projectId,
          payload: {
            fromRoundId: roundId,
            toRoundId: final.id,
            rule: selection,
            result: project.result,
            rank: project.rank,
            group: project.group,
          },
        },
        now,
      );
      added.push({ projectId: project.projectId, group: project.group, rank: project.rank, result: project.result });
    }
    return { finalRoundId: final.id, advanced: added };
  });
}
