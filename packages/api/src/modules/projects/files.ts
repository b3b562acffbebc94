import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ProjectFileKind } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';
import { findStoredFile, storeUpload, type IncomingFile, type UploadPolicy } from '../files/service.js';
import { storedFiles } from '../files/tables.js';
import {
  assertCanRead,
  assertTeamMember,
  assertWindowOpen,
  canReadProject,
  findProjectRow,
  findTeamWithTrack,
  windowFor,
  type ProjectRow,
} from './access.js';
import { projectFiles, projects } from './tables.js';

// A project's attachments: added and removed by its team while the timeline allows, read by whoever reads it.

/** Per-kind content and size limits of project attachments. */
export const PROJECT_FILE_POLICIES: Record<ProjectFileKind, UploadPolicy> = {
  proposal: { kinds: ['pdf'], maxBytes: 50 * 1024 ** 2 },
  slides: { kinds: ['pdf', 'pptx'], maxBytes: 200 * 1024 ** 2 },
  video: { kinds: ['mp4'], maxBytes: 2 * 1024 ** 3 },
  proof: { kinds: ['pdf', 'jpeg', 'png'], maxBytes: 50 * 1024 ** 2 },
};

/** The same team and timeline checks as an edit. */
async function assertMayChangeFiles(db: Db, project: ProjectRow, actor: Actor, now: Date): Promise<void> {
  const team = await findTeamWithTrack(db, project.teamId);
  await assertTeamMember(db, team, actor);
  const { window } = await windowFor(db, project.editionId, now, project.latestVersion > 0);
  assertWindowOpen(window);
}

function presentFile(row: typeof projectFiles.$inferSelect, stored: typeof storedFiles.$inferSelect, timeZone: string) {
  return {
    id: row.id,
    kind: row.kind,
    storedFileId: stored.id,
    name: stored.originalName,
    mimeType: stored.mimeType,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
    addedAt: isoInZone(row.addedAt, timeZone),
    removedAt: isoInZoneOrNull(row.removedAt, timeZone),
  };
}

/**
 * Attaches an uploaded file of a kind, after the same team and timeline checks as an edit. The
 * upload is read only once these pass: `readUpload` reads it from the request.
 */
export async function addProjectFile(
  deps: Deps,
  projectId: string,
  kind: ProjectFileKind,
  readUpload: () => Promise<IncomingFile>,
  actor: Actor,
) {
  const now = deps.clock.now();
  const project = await findProjectRow(deps.db, projectId);
  await assertMayChangeFiles(deps.db, project, actor, now);
  const stored = await storeUpload(deps, await readUpload(), PROJECT_FILE_POLICIES[kind], actor.sub);
  const row = firstOrThrow(
    await deps.db
      .insert(projectFiles)
      .values({ projectId, kind, storedFileId: stored.id, addedBy: actor.sub, addedAt: now })
      .returning(),
  );
  await deps.db.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId));
  return presentFile(row, stored, await editionTimeZone(deps.db, project.editionId));
}

export async function listProjectFiles(deps: Deps, projectId: string, actor: Actor, includeRemoved: boolean) {
  const project = await findProjectRow(deps.db, projectId);
  await assertCanRead(deps.db, project, actor);
  const timeZone = await editionTimeZone(deps.db, project.editionId);
  const rows = await deps.db
    .select({ file: projectFiles, stored: storedFiles })
    .from(projectFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
    .where(and(eq(projectFiles.projectId, projectId), includeRemoved ? undefined : isNull(projectFiles.removedAt)))
    .orderBy(asc(projectFiles.addedAt), asc(projectFiles.id));
  return rows.map(({ file, stored }) => presentFile(file, stored, timeZone));
}

async function findProjectFile(db: Db, projectId: string, fileId: string) {
  return firstOrThrow(
    await db
      .select()
      .from(projectFiles)
      .where(and(eq(projectFiles.projectId, projectId), eq(projectFiles.id, fileId))),
    () => notFound('PROJECT_FILE_NOT_FOUND'),
  );
}

/** Detaches a file; versions that listed it keep it, so the bytes stay. */
export async function removeProjectFile(deps: Deps, projectId: string, fileId: string, actor: Actor) {
  const now = deps.clock.now();
  const project = await findProjectRow(deps.db, projectId);
  await assertMayChangeFiles(deps.db, project, actor, now);
  const row = await findProjectFile(deps.db, projectId, fileId);
  if (row.removedAt === null) {
    await deps.db.update(projectFiles).set({ removedAt: now }).where(eq(projectFiles.id, fileId));
    await deps.db.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId));
  }
}

/** The stored file behind a project file, for a caller allowed by `canReadProject`. */
export async function storedFileForDownload(deps: Deps, projectId: string, fileId: string, actor: Actor) {
  await findProjectRow(deps.db, projectId);
  if (!(await canReadProject(deps.db, actor, projectId))) throw forbidden();
  const row = await findProjectFile(deps.db, projectId, fileId);
  return findStoredFile(deps.db, row.storedFileId);
}
