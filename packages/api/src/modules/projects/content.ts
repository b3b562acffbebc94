import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { mayEnterNationalFinal } from '@saishi/shared';
import { keptPerDatabase } from '../../db/prepared.js';
import type { Db } from '../../lib/deps.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { fields, topics } from '../editions/tables.js';
import { storedFiles } from '../files/tables.js';
import { findTeamWithTrack, windowFor, type ProjectRow } from './access.js';
import { projectFiles, projectTopics, type ProjectSnapshot } from './tables.js';

/** The topics of the projects, in the edition's field and topic order. */
export async function topicsOf(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({ projectId: projectTopics.projectId, id: topics.id, title: topics.title, fieldCode: fields.code })
    .from(projectTopics)
    .innerJoin(topics, eq(topics.id, projectTopics.topicId))
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(inArray(projectTopics.projectId, projectIds))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder), asc(topics.id));
}

/** A project's current files, prepared once per database (`keptPerDatabase`): every read of a project shows them. */
const currentFiles = keptPerDatabase((db) =>
  db
    .select({
      id: projectFiles.id,
      kind: projectFiles.kind,
      storedFileId: storedFiles.id,
      name: storedFiles.originalName,
      mimeType: storedFiles.mimeType,
      sizeBytes: storedFiles.sizeBytes,
      sha256: storedFiles.sha256,
    })
    .from(projectFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
    .where(and(eq(projectFiles.projectId, sql.placeholder('projectId')), isNull(projectFiles.removedAt)))
    .orderBy(asc(projectFiles.addedAt), asc(projectFiles.id))
    .prepare(''),
);

async function currentFilesOf(db: Db, projectId: string) {
  return currentFiles(db).execute({ projectId });
}

/** The version-worthy content of a project, as a snapshot holds it (also used by the demo seed). */
export async function projectContent(db: Db, project: ProjectRow): Promise<ProjectSnapshot> {
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const topicRows = await topicsOf(db, [project.id]);
  const files = await currentFilesOf(db, project.id);
  return {
    title: project.title,
    summary: project.summary,
    direction: project.directionCode,
    category: project.categoryCode,
    publicComponentKind: project.publicComponentKind,
    topicScope: project.topicScope,
    topics: topicRows.map(({ id, title, fieldCode }) => ({ id, title, fieldCode })),
    dataSources: project.dataSources,
    benefitProof: project.benefitProof ?? null,
    technology: {
      privacyComputing: project.usesPrivacyComputing,
      dataSandbox: project.usesDataSandbox,
      blockchain: project.usesBlockchain,
      domesticTechnology: project.usesDomesticTechnology,
      notes: project.technologyNotes,
    },
    completeBeforeNationalFinal: project.completeBeforeNationalFinal,
    completionDeclared: project.completionDeclared,
    files,
  };
}

/** A project as its team and the organizers see it: content, team, status and what the timeline allows. */
export async function presentProject(db: Db, project: ProjectRow, now: Date) {
  const [content, team, timing] = await Promise.all([
    projectContent(db, project),
    findTeamWithTrack(db, project.teamId),
    windowFor(db, project.editionId, now, project.latestVersion > 0),
  ]);
  const { edition, window } = timing;
  return {
    id: project.id,
    editionId: project.editionId,
    teamId: project.teamId,
    teamName: team.name,
    track: team.trackCode,
    ...content,
    latestVersion: project.latestVersion,
    status: project.latestVersion > 0 ? ('submitted' as const) : ('draft' as const),
    mayEnterNationalFinal: mayEnterNationalFinal(project.categoryCode, project.completeBeforeNationalFinal),
    /** What the timeline allows now: `collection`, `iteration` (title and category locked) or `closed`. */
    editable: window.kind,
    firstSubmittedAt: isoInZoneOrNull(project.firstSubmittedAt, edition.timeZone),
    lastSubmittedAt: isoInZoneOrNull(project.lastSubmittedAt, edition.timeZone),
    createdAt: isoInZone(project.createdAt, edition.timeZone),
    updatedAt: isoInZone(project.updatedAt, edition.timeZone),
  };
}
