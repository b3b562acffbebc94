import type { Db } from '../../lib/deps.js';

/** An anonymous public read's answer, kept as it was sent (see plugins/public-read-cache.ts). */
export interface KeptAnswer {
  payload: string;
  contentType: string | undefined;
}

/** Answers kept at most: a long tail of distinct queries must not grow the memory without bound. */
const MAX_KEPT_ANSWERS = 2_000;

/**
 * Edition reference data (the edition rows that `current`, codes and ids resolve to, division
 * codes) and the answers of anonymous public reads, kept in memory for a few seconds, so a hot read
 * does not ask the database what it asked a moment ago. One cache per database handle: a
 * transaction is another handle, so reads inside a write always go to the database. Every write
 * request of this process empties it (see `forgetReferenceData` in app.ts); another instance sees a
 * change at most `ttlMs` later.
 *
 * Emptying also starts a new generation: a value loaded before (e.g. a read that ran while a write
 * committed) is not kept when it arrives after, so nothing read before a write outlives it here.
 */
class ReferenceCache {
  private readonly entries = new Map<string, { value: unknown; expires: number }>();
  private readonly answers = new Map<string, { answer: KeptAnswer; kept: number }>();
  generation = 0;

  constructor(private readonly ttlMs: number) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) this.entries.set(key, { value, expires: now + this.ttlMs });
    return value;
  }

  put(key: string, value: unknown): void {
    this.entries.set(key, { value, expires: performance.now() + this.ttlMs });
  }

  answer(key: string): { answer: KeptAnswer; fresh: boolean } | undefined {
    const hit = this.answers.get(key);
    if (!hit) return undefined;
    // Fresh for the first half of the TTL, then given while a new one is read: never older than the TTL.
    const age = performance.now() - hit.kept;
    if (age < this.ttlMs / 2) return { answer: hit.answer, fresh: true };
    if (age < this.ttlMs) return { answer: hit.answer, fresh: false };
    this.answers.delete(key);
    return undefined;
  }

  keepAnswer(key: string, generation: number, answer: KeptAnswer): void {
    if (generation !== this.generation) return;
    // Oldest first: a Map iterates in insertion order.
    if (this.answers.size >= MAX_KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, { answer, kept: performance.now() });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.answers.clear();
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

/** The generation of what is kept for `db` (undefined: nothing is kept), taken before reading. */
export function referenceGeneration(db: Db): number | undefined {
  return caches.get(db)?.generation;
}

/**
 * The answer kept under `key` for `db`: `fresh` for half the TTL, then (until the TTL) one that may
 * be given while a new one is read.
 */
export function keptAnswer(db: Db, key: string): { answer: KeptAnswer; fresh: boolean } | undefined {
  return caches.get(db)?.answer(key);
}

/** Keeps an answer read in `generation`; nothing is kept when a write emptied the cache since. */
export function keepAnswer(db: Db, key: string, generation: number, answer: KeptAnswer): void {
  caches.get(db)?.keepAnswer(key, generation, answer);
}
