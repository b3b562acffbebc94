import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
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
  if (ref === 'current') return resolveCurrent(db, hints);
  const rows = await db
    .select()
    .from(editions)
    .where(isUuid(ref) ? eq(editions.id, ref) : eq(editions.code, ref))
    .limit(1);
  return firstOrThrow(rows, () => notFound('EDITION_NOT_FOUND', { edition: ref }));
}

async function resolveCurrent(db: Db, hints: CurrentHints): Promise<EditionRow> {
  if (hints.edition && hints.edition !== 'current') return resolveEdition(db, hints.edition);
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
  const rows = await db.select({ timeZone: editions.timeZone }).from(editions).where(eq(editions.id, editionId));
  return firstOrThrow(rows, () => notFound('EDITION_NOT_FOUND', { edition: editionId })).timeZone;
}
