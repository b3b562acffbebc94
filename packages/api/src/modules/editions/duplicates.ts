import { sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { wholeList } from '../../lib/http-schemas.js';
import type { EditionRow } from './resolve.js';
import type { DuplicateEntryList } from './schemas.js';

/**
 * How alike two titles must be (pg_trgm similarity, 0–1) for projects of two divisions to be
 * listed without sharing a unit. Projects sharing a unit are listed whatever their titles.
 */
export const DUPLICATE_TITLE_SIMILARITY = 0.5;

interface PairRow {
  a_id: string;
  b_id: string;
  shared_codes: string[] | null;
  similarity: number;
}

interface EntryRow {
  id: string;
  title: string;
  team_name: string;
  edition_code: string;
  division_name: string | null;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The projects of the pairs with their team, edition and division. */
async function entriesById(deps: Deps, ids: string[]): Promise<Map<string, EntryRow>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<EntryRow>(
    await deps.db.execute(sql`
      select p.id, p.title, t.name as team_name, e.code as edition_code, d.name as division_name
        from projects p
        join teams t on t.id = p.team_id
        join editions e on e.id = p.edition_id
        left join divisions d on d.id = e.division_id
       where p.id in (${sql.join(
         ids.map((id) => sql`${id}::uuid`),
         sql`, `,
       )})`),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Likely duplicate entries of a national edition (R-DIV-1, one project in one division only):
 * pairs of projects in two of its divisions whose teams share a unit (same unified social credit
 * code), or whose titles are alike (pg_trgm, the `projects_title_trgm` index). Most likely first:
 * a shared unit, then the closer titles. For the organizers to look at; nothing is changed.
 */
export async function listDuplicateEntries(
  deps: Deps,
  national: EditionRow,
): Promise<Static<typeof DuplicateEntryList>> {
  const [child] = rowsOf<{ id: string }>(
    await deps.db.execute(sql`select id from editions where parent_id = ${national.id} limit 1`),
  );
  if (!child) throw new DomainError('NOT_A_NATIONAL_EDITION', 422, { params: { edition: national.code } });
  const pairs = rowsOf<PairRow>(
    await deps.db.execute(sql`
      with entries as (
        select p.id, p.title, p.team_id, p.edition_id
          from projects p join editions e on e.id = p.edition_id
         where e.parent_id = ${national.id}
      ),
      by_unit as (
        select a.id as a_id, b.id as b_id, array_agg(distinct ua.credit_code order by ua.credit_code) as shared_codes
          from entries a
          join team_units tua on tua.team_id = a.team_id
          join units ua on ua.id = tua.unit_id
          join units ub on ub.credit_code = ua.credit_code and ub.edition_id <> ua.edition_id
          join team_units tub on tub.unit_id = ub.id
          join entries b on b.team_id = tub.team_id and b.edition_id <> a.edition_id and a.id < b.id
         group by a.id, b.id
      ),
      by_title as (
        select a.id as a_id, b.id as b_id
          from entries a
          join entries b on a.title % b.title and b.edition_id <> a.edition_id and a.id < b.id
         where similarity(a.title, b.title) >= ${DUPLICATE_TITLE_SIMILARITY}
      ),
      pairs as (
        select a_id, b_id from by_unit union select a_id, b_id from by_title
      )
      select pairs.a_id, pairs.b_id, by_unit.shared_codes,
             similarity(a.title, b.title)::float8 as similarity
        from pairs
        join projects a on a.id = pairs.a_id
        join projects b on b.id = pairs.b_id
        left join by_unit on by_unit.a_id = pairs.a_id and by_unit.b_id = pairs.b_id
       order by (by_unit.shared_codes is null), similarity(a.title, b.title) desc, pairs.a_id, pairs.b_id`),
  );
  const entries = await entriesById(deps, [...new Set(pairs.flatMap((pair) => [pair.a_id, pair.b_id]))]);
  const present = (id: string) => {
    const entry = entries.get(id)!;
    return {
      projectId: entry.id,
      title: entry.title,
      teamName: entry.team_name,
      edition: entry.edition_code,
      divisionName: entry.division_name,
    };
  };
  return wholeList(
    pairs.map((pair) => ({
      entries: [present(pair.a_id), present(pair.b_id)],
      sharedCreditCodes: pair.shared_codes ?? [],
      titleSimilarity: Math.round(pair.similarity * 100) / 100,
    })),
  );
}
