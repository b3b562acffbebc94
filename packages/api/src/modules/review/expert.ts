import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { getOrThrow } from '../../lib/rows.js';
import { editions } from '../editions/tables.js';
import { editionTimeZone } from '../editions/service.js';
import type { StoredFile } from '../files/service.js';
import { storedFiles } from '../files/tables.js';
import { projectFiles } from '../projects/tables.js';
import { settledAssignment } from './assignment-runs.js';
import { blindProject, blindProjects } from './blind.js';
import { findRound } from './rounds.js';
import { rubricFor } from './rubrics.js';
import { ownAssignment, presentScore } from './scoring.js';
import { assignments, reviewRounds, scores } from './tables.js';

// What experts see of their own assignments: the blind project, the rubric and their score.

/** An expert's own assignments, each with the blind project view and the score's state. */
export async function myAssignments(deps: Deps, expert: Actor, roundId?: string) {
  const rows = await deps.db
    .select({ assignment: assignments, round: reviewRounds, score: scores, timeZone: editions.timeZone })
    .from(assignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
    .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(
      and(
        eq(assignments.expertUserId, expert.sub),
        roundId ? eq(assignments.roundId, roundId) : undefined,
        settledAssignment,
      ),
    )
    .orderBy(asc(assignments.createdAt), asc(assignments.id));
  const blind = await blindProjects(
    deps.db,
    rows.map((row) => row.assignment.projectId),
  );
  return rows.map((row) => ({
    id: row.assignment.id,
    round: { id: row.round.id, kind: row.round.kind, status: row.round.status },
    project: getOrThrow(blind, row.assignment.projectId),
    score: row.score ? presentScore(row.score, row.timeZone) : null,
  }));
}

/** One assignment for its expert: blind project, the rubric of its direction, the score so far. */
export async function assignmentForExpert(deps: Deps, assignmentId: string, expert: Actor) {
  const { db } = deps;
  const row = await ownAssignment(db, assignmentId, expert.sub);
  const round = await findRound(db, row.roundId);
  const project = await blindProject(db, row.projectId);
  const [score] = await db.select().from(scores).where(eq(scores.assignmentId, assignmentId));
  return {
    id: row.id,
    round: { id: round.id, kind: round.kind, status: round.status },
    project,
    rubric: await rubricFor(db, round.id, project.directionCode),
    score: score ? presentScore(score, await editionTimeZone(db, round.editionId)) : null,
  };
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'video/mp4': '.mp4',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

/** The extension a file of this type is named with (none for an unknown type). */
export const extensionOf = (mimeType: string) => EXTENSIONS[mimeType] ?? '';

/** A file of the assigned project for its expert, renamed after its kind so the name reveals no one. */
export async function blindFileForExpert(
  deps: Deps,
  assignmentId: string,
  fileId: string,
  expert: Actor,
): Promise<StoredFile> {
  const assignment = await ownAssignment(deps.db, assignmentId, expert.sub);
  const [row] = await deps.db
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
  return { ...row.file, originalName: `${row.kind}${extensionOf(row.file.mimeType)}` };
}
