import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { cachedReference, keepReference } from './reference-cache.js';
import { divisions, editions } from './tables.js';

export type EditionRow = typeof editions.$inferSelect;
export type DivisionRow = typeof divisions.$inferSelect;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID_PATTERN.test(value);

/**
 * What a client says it is looking at: the `Saishi-Edition` header (an edition code or id) or the
 * `Saishi-Division` header (a division code). Without either, the default division.
 */
export interface CurrentHints {
  edition?: string | undefined;
  division?: string | undefined;
}

/**
 * Resolves `current`, an edition code (e.g. `2024-guangxi`) or an id. `current` is the edition the
 * client is looking at (see `CurrentHints`): the one it names, else the latest published edition of
 * the division it names, else of the default division; never a global flag.
 */
export async function resolveEdition(db: Db, ref: string, hints: CurrentHints = {}): Promise<EditionRow> {
  const key = ref === 'current' ? `edition:current:${hints.edition ?? ''}:${hints.division ?? ''}` : `edition:${ref}`;
  const edition = await cachedReference(db, key, () =>
    ref === 'current' ? resolveCurrent(db, hints) : editionByRef(db, ref),
  );
  keepReference(db, `edition:${edition.id}`, edition);
  keepReference(db, `edition:${edition.code}`, edition);
  return edition;
}

async function editionByRef(db: Db, ref: string): Promise<EditionRow> {
  const rows = await db
    .select()
    .from(editions)
    .where(isUuid(ref) ? eq(editions.id, ref) : eq(editions.code, ref))
    .limit(1);
  return firstOrThrow(rows, () => notFound('EDITION_NOT_FOUND', { edition: ref }));
}

/** The code of the division an edition belongs to (null for an edition outside any division). */
export async function divisionCodeOf(db: Db, edition: EditionRow): Promise<string | null> {
  const { divisionId } = edition;
  if (!divisionId) return null;
  return cachedReference(db, `division-code:${divisionId}`, async () => {
    const rows = await db.select({ code: divisions.code }).from(divisions).where(eq(divisions.id, divisionId));
    return rows[0]?.code ?? null;
  });
}

async function resolveCurrent(db: Db, hints: CurrentHints): Promise<EditionRow> {
  if (hints.edition && hints.edition !== 'current') return editionByRef(db, hints.edition);
  const division = hints.division ? eq(divisions.code, hints.division) : eq(divisions.isDefault, true);
  const rows = await db
    .select({ edition: editions })
    .from(editions)
    .innerJoin(divisions, eq(divisions.id, editions.divisionId))
    .where(and(division, eq(editions.status, 'published')))
    .orderBy(desc(editions.year), desc(editions.publishedAt))
    .limit(1);
  return firstOrThrow(rows, () => new DomainError('NO_CURRENT_EDITION', 404)).edition;
}

export async function findDivision(db: Db, code: string): Promise<DivisionRow> {
  const rows = await db.select().from(divisions).where(eq(divisions.code, code));
  return firstOrThrow(rows, () => notFound('DIVISION_NOT_FOUND', { division: code }));
}

/** The edition's IANA time zone (`editions.time_zone`), in which its records' instants are presented. */
export async function editionTimeZone(db: Db, editionId: string): Promise<string> {
  return (await resolveEdition(db, editionId)).timeZone;
}

/** The time zones of the editions of a page's rows, by edition id (usually one edition). */
export async function editionTimeZones(db: Db, editionIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(editionIds)];
  const zones = await Promise.all(ids.map((id) => editionTimeZone(db, id)));
  return new Map(ids.map((id, index) => [id, zones[index]!]));
}
