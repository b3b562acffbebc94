-- The audit ledger is append-only: UPDATE, DELETE and TRUNCATE are refused (SQLSTATE SA003).
-- Verification (GET /api/v1/ledger/verify) still detects tampering by someone who disables this.
CREATE OR REPLACE FUNCTION ledger_entries_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only' USING ERRCODE = 'SA003';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS ledger_entries_append_only ON ledger_entries;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS ledger_entries_no_truncate ON ledger_entries;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate
  BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change();
