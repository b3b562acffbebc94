import { and, asc, eq, gt, ilike, inArray, or } from 'drizzle-orm';
import { DEFAULT_TIME_ZONE, checkCreditCode, normalizeCreditCode, type UnitType } from '@saishi/shared';
import type { Database } from '../../db/client.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { isoInZone } from '../../lib/time.js';
import { blacklistEntries, units } from './tables.js';

export type UnitRow = typeof units.$inferSelect;

/** The credit codes among `codes` that are on an imported 信用中国 list (R-SOC-3). */
export async function blacklistedCodes(
  db: Pick<Database, 'selectDistinct'>,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ creditCode: blacklistEntries.creditCode })
    .from(blacklistEntries)
    .where(inArray(blacklistEntries.creditCode, [...codes]));
  return new Set(rows.map((row) => row.creditCode));
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

export interface UnitInput {
  name: string;
  type: UnitType;
  creditCode: string;
  region?: string | undefined;
}

/** Registers a unit (参赛单位) in an edition: a valid GB 32100-2015 code (R-SOC-1), unique per edition. */
export async function createUnit(db: Database, editionId: string, input: UnitInput, userId: string, now: Date) {
  const creditCode = normalizeCreditCode(input.creditCode);
  assertNoViolations(checkCreditCode(creditCode, '/body/creditCode'));
  try {
    const [unit] = await db
      .insert(units)
      .values({
        editionId,
        name: input.name.trim(),
        type: input.type,
        creditCode,
        region: input.region?.trim() ?? '',
        createdBy: userId,
        createdAt: now,
      })
      .returning();
    return presentUnit(unit!, (await blacklistedCodes(db, [creditCode])).has(creditCode));
  } catch (error) {
    if (isUniqueViolation(error, 'units_edition_credit_code'))
      throw new DomainError('UNIT_EXISTS', 409, { params: { creditCode } });
    throw error;
  }
}

export async function findUnit(db: Database, unitId: string): Promise<UnitRow> {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  if (!unit) throw notFound('UNIT_NOT_FOUND');
  return unit;
}

export async function getUnit(db: Database, unitId: string) {
  const unit = await findUnit(db, unitId);
  return presentUnit(unit, (await blacklistedCodes(db, [unit.creditCode])).has(unit.creditCode));
}

export async function listUnits(
  db: Database,
  editionId: string,
  query: {
    limit: number;
    cursor?: string | undefined;
    q?: string | undefined;
    creditCode?: string | undefined;
    type?: UnitType | undefined;
  },
) {
  const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
  const rows = await db
    .select()
    .from(units)
    .where(
      and(
        eq(units.editionId, editionId),
        query.creditCode ? eq(units.creditCode, normalizeCreditCode(query.creditCode)) : undefined,
        query.type ? eq(units.type, query.type) : undefined,
        query.q ? ilike(units.name, `%${query.q}%`) : undefined,
        after
          ? or(gt(units.name, String(after[0])), and(eq(units.name, String(after[0])), gt(units.id, String(after[1]))))
          : undefined,
      ),
    )
    .orderBy(asc(units.name), asc(units.id))
    .limit(query.limit + 1);
  const listed = await blacklistedCodes(
    db,
    rows.map((row) => row.creditCode),
  );
  return toPage(
    rows,
    query.limit,
    (row) => presentUnit(row, listed.has(row.creditCode)),
    (row) => [row.name, row.id],
  );
}
