import type { Db } from '../../lib/deps.js';

/**
 * Edition reference data (the edition rows that `current`, codes and ids resolve to, division
 * codes) kept in memory for a few seconds, so a hot read does not ask the database what it asked
 * a moment ago. One cache per database handle: a transaction is another handle, so reads inside a
 * write always go to the database. Every write request of this process empties it (see
 * `forgetReferenceData` in app.ts); another instance sees a change at most `ttlMs` later.
 */
class ReferenceCache {
  private readonly entries = new Map<string, { value: unknown; expires: number }>();

  constructor(private readonly ttlMs: number) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as T;
    const value = await load();
    this.entries.set(key, { value, expires: now + this.ttlMs });
    return value;
  }

  put(key: string, value: unknown): void {
    this.entries.set(key, { value, expires: performance.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, ReferenceCache>();

/** Keeps reference data read through `db` for `ttlMs` (0: never kept). */
export function cacheReferenceData(db: Db, ttlMs: number): void {
  if (ttlMs > 0) caches.set(db, new ReferenceCache(ttlMs));
  else caches.delete(db);
}

/** Forgets what was kept for `db`: after a write, or after changing reference data in SQL. */
export function forgetReferenceData(db: Db): void {
  caches.get(db)?.clear();
}

/** The value kept under `key` for `db`, loaded (and kept) when missing or expired. */
export function cachedReference<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const cache = caches.get(db);
  return cache ? cache.get(key, load) : load();
}

/** Keeps a value loaded another way under a further key (e.g. an edition by id after by code). */
export function keepReference(db: Db, key: string, value: unknown): void {
  caches.get(db)?.put(key, value);
}
