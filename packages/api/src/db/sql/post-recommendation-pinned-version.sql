-- R-DIV-2: the national final reviews exactly the version a division recommended. Once a project
-- is recommended (and not declined), no newer version of it may be recorded. The recommendation
-- service locks the project row before reading the version it recommends, as submitting does, so
-- the two cannot interleave. SQLSTATE SA014.
CREATE OR REPLACE FUNCTION project_versions_respect_recommendation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pinned integer;
BEGIN
  SELECT version_number INTO pinned FROM national_recommendations
   WHERE project_id = NEW.project_id AND status <> 'declined';
  IF pinned IS NOT NULL AND NEW.number > pinned THEN
    RAISE EXCEPTION 'project % was recommended to the national final as version %', NEW.project_id, pinned
      USING ERRCODE = 'SA014', HINT = 'PROJECT_VERSION_PINNED';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS project_versions_respect_recommendation ON project_versions;
--> statement-breakpoint
CREATE TRIGGER project_versions_respect_recommendation BEFORE INSERT ON project_versions
  FOR EACH ROW EXECUTE FUNCTION project_versions_respect_recommendation();
