-- Project versions are immutable snapshots (R-TIME-3): no update, whoever tries. SQLSTATE SA010.
CREATE OR REPLACE FUNCTION project_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'project version % of project % is immutable', OLD.number, OLD.project_id
    USING ERRCODE = 'SA010', HINT = 'PROJECT_VERSION_IMMUTABLE';
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS project_versions_immutable ON project_versions;
--> statement-breakpoint
CREATE TRIGGER project_versions_immutable BEFORE UPDATE ON project_versions
  FOR EACH ROW EXECUTE FUNCTION project_versions_immutable();
--> statement-breakpoint
-- Trigram indexes for the organizers' search by team and unit name (the title's is in the schema).
CREATE INDEX IF NOT EXISTS teams_name_trgm ON teams USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS units_name_trgm ON units USING gin (name gin_trgm_ops);
