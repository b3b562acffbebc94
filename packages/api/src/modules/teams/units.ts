import { and, asc, eq, gt, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { DEFAULT_TIME_ZONE, checkCreditCode, normalizeCreditCode, type BlacklistListKind } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { resolveEdition } from '../editions/service.js';
import type { UnitBody, UnitListQuery } from './schemas.js';
import { blacklistEntries, teamMembers, teamUnits, units } from './tables.js';
import { containsPattern } from '../../lib/text.js';

export type UnitRow = typeof units.$inferSelect;

/** The credit codes among `codes` that are on an imported 信用中国 list (R-SOC-3). */
export async function blacklistedCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  return new Set((await listingsOf(db, codes)).keys());
}

/** The 信用中国 lists naming each of the credit codes that is listed (R-SOC-3). */
export async function listingsOf(db: Db, codes: readonly string[]): Promise<Map<string, BlacklistListKind[]>> {
  const listings = new Map<string, BlacklistListKind[]>();
  if (codes.length === 0) return listings;
  const rows = await db
    .select({ creditCode: blacklistEntries.creditCode, listKind: blacklistEntries.listKind })
    .from(blacklistEntries)
    .where(inArray(blacklistEntries.creditCode, [...codes]))
    .orderBy(asc(blacklistEntries.listKind));
  for (const row of rows) listings.set(row.creditCode, [...(listings.get(row.creditCode) ?? []), row.listKind]);
  return listings;
}

export function presentUnit(unit: UnitRow, blacklisted: boolean) {
  return {
    id: unit.id,
    editionId: unit.editionId,
    name: unit.name,
    type: unit.type,
    creditCode: unit.creditCode,
    region: unit.region,
    blacklisted,
    // Units are national bodies: their instants are shown in China time.
    createdAt: isoInZone(unit.createdAt, DEFAULT_TIME_ZONE),
  };
}

/** Registers a unit (参赛单位) in an edition: a valid GB 32100-2015 code (R-SOC-1), unique per edition. */
export async function createUnit(deps: Deps, editionRef: string, input: Static<typeof UnitBody>, actor: Actor) {
  const edition = await resolveEdition(deps.db, editionRef);
  const creditCode = normalizeCreditCode(input.creditCode);
  assertNoViolations(checkCreditCode(creditCode, '/body/creditCode'));
  try {
    const rows = await deps.db
      .insert(units)
      .values({
        editionId: edition.id,
        name: input.name.trim(),
        type: input.type,
        creditCode,
        region: input.region?.trim() ?? '',
        createdBy: actor.sub,
        createdAt: deps.clock.now(),
      })
      .returning();
    return presentUnit(firstOrThrow(rows), (await blacklistedCodes(deps.db, [creditCode])).has(creditCode));
  } catch (error) {
    if (isUniqueViolation(error, 'units_edition_credit_code')) {
      const [existing] = await deps.db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(and(eq(units.editionId, edition.id), eq(units.creditCode, creditCode)));
      throw new DomainError('UNIT_EXISTS', 409, {
        params: { creditCode, unitId: existing?.id ?? '', name: existing?.name ?? '' },
        ...(existing ? { existing } : {}),
      });
    }
    throw error;
  }
}

/**
 * The units a participant or an expert has a need for (minimization: credit codes and the directory
 * are not theirs to browse): those they registered and those of their teams. Organizers see all.
 */
function unitsOfConcern(db: Db, actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  const ofTheirTeams = db
    .select({ unitId: teamUnits.unitId })
    .from(teamUnits)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teamUnits.teamId))
    .where(eq(teamMembers.userId, actor.sub));
  return or(eq(units.createdBy, actor.sub), inArray(units.id, ofTheirTeams));
}

export async function getUnit(deps: Deps, unitId: string, actor: Actor) {
  const rows = await deps.db
    .select()
    .from(units)
    .where(and(eq(units.id, unitId), unitsOfConcern(deps.db, actor)));
  const unit = firstOrThrow(rows, () => notFound('UNIT_NOT_FOUND'));
  return presentUnit(unit, (await blacklistedCodes(deps.db, [unit.creditCode])).has(unit.creditCode));
}

/**
 * The edition's units: every one for organizers; for others their units of concern, or the one
 * unit of a credit code they give (to join the unit registered already, `UNIT_EXISTS`).
 */
export async function listUnits(deps: Deps, editionRef: string, query: Static<typeof UnitListQuery>, actor: Actor) {
  const edition = await resolveEdition(deps.db, editionRef);
  const after = query.cursor ? decodeCursor(query.cursor, ['text', 'uuid']) : undefined;
  const filters = and(
    eq(units.editionId, edition.id),
    query.creditCode ? eq(units.creditCode, normalizeCreditCode(query.creditCode)) : unitsOfConcern(deps.db, actor),
    query.type ? eq(units.type, query.type) : undefined,
    query.q ? ilike(units.name, containsPattern(query.q)) : undefined,
  );
  const rows = await deps.db
    .select()
    .from(units)
    .where(
      and(
        filters,
        after ? or(gt(units.name, after[0]), and(eq(units.name, after[0]), gt(units.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(units.name), asc(units.id))
    .limit(query.limit + 1);
  const listed = await blacklistedCodes(
    deps.db,
    rows.map((row) => row.creditCode),
  );
  return toPage(
    rows,
    query.limit,
    (row) => presentUnit(row, listed.has(row.creditCode)),
    (row) => [row.name, row.id],
    await deps.db.$count(units, filters),
  );
}
