import { sql, type SQL } from 'drizzle-orm';
import type { CertifiedTable, LedgerRowProblem } from '@saishi/shared';
import type { Db } from '../../lib/deps.js';
import { sqlRows } from '../../lib/rows.js';

/**
 * What the ledger certifies of each certified table, in SQL so that one definition serves the
 * entry written with a decision and the set-based check of every live row: the rows in scope
 * (a draft score or a draft team has decided nothing yet) and the certified content of a row,
 * as a jsonb object whose text (keys in jsonb's fixed order, instants in UTC) is hashed with
 * PostgreSQL's built-in sha256 (no extension, the same on PGlite and PostgreSQL).
 */
interface Certification {
  scope: SQL;
  content: SQL;
}

const utc = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`);

const CERTIFICATIONS: Record<CertifiedTable, Certification> = {
  // The confidence only when given, so that rows certified before it existed keep their digest.
  scores: {
    scope: sql`r.status = 'submitted'`,
    content: sql`jsonb_build_object('id', r.id, 'assignmentId', r.assignment_id, 'status', r.status,
      'values', r.values, 'total', r.total, 'submittedAt', ${utc('r.submitted_at')})
      || case when r.confidence is null then '{}'::jsonb else jsonb_build_object('confidence', r.confidence) end`,
  },
  teams: {
    scope: sql`r.qualification_status <> 'draft'`,
    content: sql`jsonb_build_object('id', r.id, 'qualificationStatus', r.qualification_status)`,
  },
  project_awards: {
    scope: sql`true`,
    content: sql`jsonb_build_object('id', r.id, 'editionId', r.edition_id, 'projectId', r.project_id,
      'trackCode', r.track_code, 'awardCategoryCode', r.award_category_code, 'gradeCode', r.grade_code,
      'rank', r.rank, 'result', r.result)`,
  },
  // Who decided is left out: the user may be deleted later (set null), the decision stands.
  spread_resolutions: {
    scope: sql`true`,
    content: sql`jsonb_build_object('id', r.id, 'roundId', r.round_id, 'projectId', r.project_id, 'kind', r.kind,
      'reason', r.reason, 'spread', r.spread, 'panelScore', r.panel_score, 'expertIds', r.expert_ids,
      'decidedAt', ${utc('r.decided_at')})`,
  },
};

const digestOf = (table: CertifiedTable) =>
  sql`encode(sha256(convert_to((${CERTIFICATIONS[table].content})::text, 'UTF8')), 'hex')`;

/** The digest of one live row's certified content, or null when the row is gone. */
export async function rowDigest(db: Db, table: CertifiedTable, rowId: string): Promise<string | null> {
  const [row] = await sqlRows<{ digest: string }>(
    db,
    sql`select ${digestOf(table)} as digest from ${sql.identifier(table)} r where r.id = ${rowId}`,
  );
  return row?.digest ?? null;
}

export interface BrokenRow {
  table: CertifiedTable;
  rowId: string;
  /** The last entry naming the row, or null when none does. */
  seq: number | null;
  problem: LedgerRowProblem;
}

/**
 * The certified rows that disagree with the ledger, in one set-based statement per table: each
 * live row in scope against the last entry naming it (altered, or unrecorded when no entry
 * certifies it), and each row whose last entry certifies it but which is gone (deleted).
 */
export async function brokenRows(db: Db, table: CertifiedTable, limit: number): Promise<BrokenRow[]> {
  const rows = await sqlRows<{ rowId: string; seq: string | number | null; problem: LedgerRowProblem }>(
    db,
    sql`
    with certs as (
      select distinct on (cert_row_id) cert_row_id as row_id, seq, cert_digest as digest
        from ledger_entries
       where cert_table = ${table}
       order by cert_row_id, seq desc
    ), live as (
      select r.id::text as row_id, ${digestOf(table)} as digest
        from ${sql.identifier(table)} r
       where ${CERTIFICATIONS[table].scope}
    )
    select coalesce(live.row_id, certs.row_id) as "rowId", certs.seq,
           case when live.row_id is null then 'deleted'
                when certs.digest is null then 'unrecorded'
                else 'altered' end as problem
      from live full join certs on certs.row_id = live.row_id
     where (live.row_id is not null and live.digest is distinct from certs.digest)
        or (live.row_id is null and certs.digest is not null)
     order by certs.seq nulls last, 1
     limit ${limit}`,
  );
  return rows.map((row) => ({
    table,
    rowId: row.rowId,
    seq: row.seq === null ? null : Number(row.seq),
    problem: row.problem,
  }));
}
