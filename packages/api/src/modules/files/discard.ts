import { and, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Deps } from '../../lib/deps.js';
import { storedFiles } from './tables.js';

/**
 * Deleting a replaced or removed document: its row is marked discarded in the transaction that
 * replaced it (so a rollback keeps it), its bytes are deleted after that transaction committed,
 * and a sweep (`./sweep.ts`) retries whatever a crash or a storage fault left marked.
 */

/** Marks the files discarded, inside the caller's transaction; returns their ids for `purgeDiscardedFiles`. */
export async function discardStoredFiles(db: Db, ids: readonly (string | null)[], now: Date): Promise<string[]> {
  const present = ids.filter((id): id is string => id !== null);
  if (present.length === 0) return [];
  const rows = await db
    .update(storedFiles)
    .set({ discardedAt: now })
    .where(inArray(storedFiles.id, present))
    .returning({ id: storedFiles.id });
  return rows.map((row) => row.id);
}

/**
 * Deletes the bytes, then the row, of discarded files: the ones given, or every one (the sweep).
 * A file whose bytes cannot be deleted now stays marked for the next sweep; returns how many went.
 */
export async function purgeDiscardedFiles(
  deps: Pick<Deps, 'db' | 'storage'>,
  ids?: readonly string[],
): Promise<{ purged: number; failed: number }> {
  if (ids?.length === 0) return { purged: 0, failed: 0 };
  const discarded = isNotNull(storedFiles.discardedAt);
  const rows = await deps.db
    .select({ id: storedFiles.id, storageKey: storedFiles.storageKey })
    .from(storedFiles)
    .where(ids ? and(discarded, inArray(storedFiles.id, [...ids])) : discarded);
  let purged = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      await deps.storage.delete(row.storageKey);
      await deps.db.delete(storedFiles).where(and(discarded, inArray(storedFiles.id, [row.id])));
      purged += 1;
    } catch {
      failed += 1;
    }
  }
  return { purged, failed };
}
