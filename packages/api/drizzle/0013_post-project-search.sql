-- The projects' search documents (project_search_documents): title, team name and unit names in
-- one text, rebuilt by triggers whenever one of them changes, and filled for existing projects.
CREATE OR REPLACE FUNCTION refresh_project_search(target uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO project_search_documents (project_id, document)
  SELECT p.id,
         concat_ws(E'\n', p.title, t.name,
           (SELECT string_agg(u.name, E'\n' ORDER BY u.name)
              FROM team_units tu JOIN units u ON u.id = tu.unit_id
             WHERE tu.team_id = t.id))
    FROM projects p JOIN teams t ON t.id = p.team_id
   WHERE p.id = target
  ON CONFLICT (project_id) DO UPDATE SET document = excluded.document;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION project_search_on_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_search(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION project_search_on_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_search(p.id) FROM projects p WHERE p.team_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION project_search_on_team_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_search(p.id) FROM projects p
    WHERE p.team_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.team_id ELSE NEW.team_id END;
  IF TG_OP = 'UPDATE' AND OLD.team_id <> NEW.team_id THEN
    PERFORM refresh_project_search(p.id) FROM projects p WHERE p.team_id = OLD.team_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION project_search_on_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_search(p.id)
     FROM projects p JOIN team_units tu ON tu.team_id = p.team_id
    WHERE tu.unit_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS project_search_on_project ON projects;
--> statement-breakpoint
CREATE TRIGGER project_search_on_project AFTER INSERT OR UPDATE OF title, team_id ON projects
  FOR EACH ROW EXECUTE FUNCTION project_search_on_project();
--> statement-breakpoint
DROP TRIGGER IF EXISTS project_search_on_team ON teams;
--> statement-breakpoint
CREATE TRIGGER project_search_on_team AFTER UPDATE OF name ON teams
  FOR EACH ROW EXECUTE FUNCTION project_search_on_team();
--> statement-breakpoint
DROP TRIGGER IF EXISTS project_search_on_team_unit ON team_units;
--> statement-breakpoint
CREATE TRIGGER project_search_on_team_unit AFTER INSERT OR UPDATE OR DELETE ON team_units
  FOR EACH ROW EXECUTE FUNCTION project_search_on_team_unit();
--> statement-breakpoint
DROP TRIGGER IF EXISTS project_search_on_unit ON units;
--> statement-breakpoint
CREATE TRIGGER project_search_on_unit AFTER UPDATE OF name ON units
  FOR EACH ROW EXECUTE FUNCTION project_search_on_unit();
--> statement-breakpoint
SELECT refresh_project_search(id) FROM projects;
