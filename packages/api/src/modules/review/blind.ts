import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { CategoryCode, DirectionCode, ProjectFileKind, PublicComponentKind, TrackCode } from '@saishi/shared';
import type { Db } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { fields, topics, tracks } from '../editions/tables.js';
import { storedFiles } from '../files/tables.js';
import { projectFiles, projects, projectTopics } from '../projects/tables.js';
import { teams } from '../teams/tables.js';

/**
 * What an expert may see of a project. Built from an allowlist: no team, member or unit ever
 * enters it (blind review, SPEC §6).
 */
export interface BlindProject {
  id: string;
  title: string;
  summary: string;
  trackCode: TrackCode;
  directionCode: DirectionCode;
  categoryCode: CategoryCode;
  publicComponentKind: PublicComponentKind | null;
  completeBeforeNationalFinal: boolean;
  latestVersion: number;
  fieldCodes: string[];
  topics: { id: string; title: string; fieldCode: string }[];
  files: { id: string; kind: ProjectFileKind; mimeType: string; sizeBytes: number }[];
}

/** The allowlisted columns of the projects, their topics and their current files. */
async function blindRows(db: Db, ids: string[]) {
  return Promise.all([
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
}

/** The blind views of the projects, by id. */
export async function blindProjects(db: Db, projectIds: readonly string[]): Promise<Map<string, BlindProject>> {
  const result = new Map<string, BlindProject>();
  if (projectIds.length === 0) return result;
  const [rows, topicRows, fileRows] = await blindRows(db, [...new Set(projectIds)]);
  for (const row of rows) {
    const own = topicRows.filter((topic) => topic.projectId === row.id);
    result.set(row.id, {
      ...row,
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

export async function blindProject(db: Db, projectId: string): Promise<BlindProject> {
  const project = (await blindProjects(db, [projectId])).get(projectId);
  if (!project) throw notFound('ASSIGNMENT_NOT_FOUND');
  return project;
}
