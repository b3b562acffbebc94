import { PassThrough, type Readable } from 'node:stream';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Actor, Deps } from '../../lib/deps.js';
import { storedFiles } from '../files/tables.js';
import { teamMembers } from '../teams/tables.js';
import { logAccess } from './access.js';
import { personalRows } from './personal-data.js';

/**
 * A person's copy of everything held about them (个人信息保护法 §45): as JSON, or as a ZIP archive
 * with the JSON and the files that are theirs (their student ID image, what they uploaded).
 * Each copy is itself logged, so the person's log shows when copies were taken.
 */

export async function copyOfPersonalData(deps: Deps, actor: Actor) {
  const now = deps.clock.now();
  await logAccess(
    deps.db,
    { actor, subjectUserIds: [actor.sub], kind: 'copy', resource: 'me/personal-data', reason: 'own copy' },
    now,
  );
  return { userId: actor.sub, generatedAt: now.toISOString(), tables: await personalRows(deps.db, actor.sub) };
}

/** The stored files that are the person's: those they uploaded and the student ID images of their memberships. */
async function filesOf(deps: Deps, userId: string) {
  const studentIds = deps.db
    .select({ id: teamMembers.studentIdFileId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return deps.db
    .select({ id: storedFiles.id, storageKey: storedFiles.storageKey, originalName: storedFiles.originalName })
    .from(storedFiles)
    .where(
      and(or(eq(storedFiles.uploadedBy, userId), inArray(storedFiles.id, studentIds)), isNull(storedFiles.discardedAt)),
    )
    .orderBy(storedFiles.createdAt, storedFiles.id);
}

/** A name safe inside the archive: no folders, no control characters. */
const entryName = (file: { id: string; originalName: string }) =>
  `files/${file.id}-${file.originalName.replace(/[/\\\p{Cc}]/gu, '_')}`;

/** The copy as a ZIP stream: `personal-data.json`, then each file streamed from storage. */
export async function archiveOfPersonalData(deps: Deps, actor: Actor): Promise<Readable> {
  const copy = await copyOfPersonalData(deps, actor);
  const files = await filesOf(deps, actor.sub);
  const output = new PassThrough();
  const zip = new Zip((error, chunk, final) => {
    if (error) return void output.destroy(error);
    output.write(chunk);
    if (final) output.end();
  });
  const json = new ZipDeflate('personal-data.json', { level: 6 });
  zip.add(json);
  json.push(new TextEncoder().encode(JSON.stringify({ ...copy, files: files.map(entryName) }, null, 2)), true);
  void (async () => {
    for (const file of files) {
      // Images and PDFs are compressed already: stored as they are.
      const entry = new ZipPassThrough(entryName(file));
      zip.add(entry);
      for await (const chunk of await deps.storage.read(file.storageKey)) entry.push(chunk as Uint8Array);
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}
