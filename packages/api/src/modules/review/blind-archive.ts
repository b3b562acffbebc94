import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import { create as contentDisposition } from 'content-disposition';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { blindCopyOf } from '../files/http.js';
import { readStoredFile, type StoredFile } from '../files/service.js';
import { storedFiles } from '../files/tables.js';
import { projectFiles, projects } from '../projects/tables.js';
import { extensionOf } from './expert.js';
import { findRound } from './rounds.js';
import { assignments, roundProjects } from './tables.js';
import { settledAssignment } from './assignment-runs.js';

// Bulk download (issue 16.6): a round's blind files for organizers, an expert's assigned ones for
// the expert, each as one ZIP streamed while it is written.

export interface ArchiveEntry {
  /** The path inside the archive. */
  name: string;
  file: StoredFile;
}

/** A title as a folder name: no path separators or characters a file system refuses, at most 60 characters. */
const folderName = (title: string) =>
  [...title.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim()].slice(0, 60).join('') || '_';

/** Names each project's files after their kind, numbered when a kind repeats: `proposal.pdf`, `slides-2.pptx`. */
function entriesOf(rows: readonly { folder: string; kind: string; file: StoredFile }[]): ArchiveEntry[] {
  const seen = new Map<string, number>();
  return rows.map(({ folder, kind, file }) => {
    const key = `${folder}/${kind}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return { name: `${folder}/${kind}${count > 1 ? `-${count}` : ''}${extensionOf(file.mimeType)}`, file };
  });
}

/**
 * Every current file of every project of the round, for organizers: one folder per project,
 * named after its title and the start of its id (titles may repeat).
 */
export async function roundArchiveEntries(db: Db, roundId: string): Promise<ArchiveEntry[]> {
  await findRound(db, roundId);
  const rows = await db
    .select({ projectId: projects.id, title: projects.title, kind: projectFiles.kind, file: storedFiles })
    .from(roundProjects)
    .innerJoin(projects, eq(projects.id, roundProjects.projectId))
    .innerJoin(projectFiles, and(eq(projectFiles.projectId, projects.id), isNull(projectFiles.removedAt)))
    .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
    .where(eq(roundProjects.roundId, roundId))
    .orderBy(asc(projects.title), asc(projects.id), asc(projectFiles.addedAt), asc(projectFiles.id));
  return entriesOf(
    rows.map((row) => ({
      folder: `${folderName(row.title)}_${row.projectId.slice(0, 8)}`,
      kind: row.kind,
      file: row.file,
    })),
  );
}

/**
 * The current files of the projects assigned to the expert in the round: one folder per
 * assignment, named after the assignment (never the team, the unit or an original file name).
 */
export async function expertArchiveEntries(db: Db, roundId: string, expert: Actor): Promise<ArchiveEntry[]> {
  await findRound(db, roundId);
  const rows = await db
    .select({ assignmentId: assignments.id, kind: projectFiles.kind, file: storedFiles })
    .from(assignments)
    .innerJoin(projectFiles, and(eq(projectFiles.projectId, assignments.projectId), isNull(projectFiles.removedAt)))
    .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
    .where(and(eq(assignments.roundId, roundId), eq(assignments.expertUserId, expert.sub), settledAssignment))
    .orderBy(asc(assignments.createdAt), asc(assignments.id), asc(projectFiles.addedAt), asc(projectFiles.id));
  return entriesOf(rows.map((row) => ({ folder: row.assignmentId, kind: row.kind, file: row.file })));
}

/**
 * The blind copies of the entries as one ZIP, streamed: each entry is added once the previous
 * one is written, so at most one PDF or office copy (bounded by the upload limits) is in memory
 * and larger files (videos) pass through as streams, whatever the archive's size. Stored, not
 * deflated: PDF, office and video files are compressed already. A client that goes away stops it.
 */
export function blindArchive(deps: Pick<Deps, 'storage'>, entries: readonly ArchiveEntry[]): Readable {
  const archive = new ZipArchive({ store: true });
  const stopped = new AbortController();
  archive.once('close', () => stopped.abort());
  void (async () => {
    for (const { name, file } of entries) {
      if (stopped.signal.aborted) return;
      const content = (await blindCopyOf(deps, file)) ?? (await readStoredFile(deps, file));
      const written = once(archive, 'entry', { signal: stopped.signal });
      archive.append(content instanceof Uint8Array ? Buffer.from(content) : content, { name, date: file.createdAt });
      await written;
    }
    await archive.finalize();
  })().catch((error: unknown) => {
    if (!stopped.signal.aborted) archive.destroy(error as Error);
  });
  return archive;
}

/** Sends the entries' blind copies as `<fileName>.zip`, streamed (no length: it is not known before the end). */
export function sendBlindArchive(
  deps: Pick<Deps, 'storage'>,
  reply: FastifyReply,
  fileName: string,
  entries: readonly ArchiveEntry[],
): FastifyReply {
  return reply
    .code(200)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(`${fileName}.zip`, { type: 'attachment' }))
    .type('application/zip')
    .send(blindArchive(deps, entries));
}
