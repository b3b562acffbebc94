-- Each project's topic ids, kept on the project (projects.topic_ids) by statement triggers on
-- project_topics, so that the organizers' list reads them with the row: a subquery per listed
-- project cost about a fifth of the list's database time (issue 12). project_topics stays the
-- source (its foreign keys hold the topics); the API never writes the column. Ids in ascending
-- order; the list orders topics by the edition's order itself.
CREATE OR REPLACE FUNCTION refresh_project_topic_ids(targets uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE projects p
     SET topic_ids = coalesce(
           (SELECT array_agg(pt.topic_id ORDER BY pt.topic_id) FROM project_topics pt WHERE pt.project_id = p.id),
           '{}')
   WHERE p.id = ANY (targets);
$$;
--> statement-breakpoint
-- One function for every trigger below: each names the rows its statement changed (the new rows
-- of an insert, the old rows of a delete, both of an update by two triggers) `changed_topics`.
CREATE OR REPLACE FUNCTION project_topic_ids_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_topic_ids(ARRAY(SELECT DISTINCT project_id FROM changed_topics));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER project_topic_ids_on_insert AFTER INSERT ON project_topics
  REFERENCING NEW TABLE AS changed_topics
  FOR EACH STATEMENT EXECUTE FUNCTION project_topic_ids_on_change();
--> statement-breakpoint
CREATE TRIGGER project_topic_ids_on_delete AFTER DELETE ON project_topics
  REFERENCING OLD TABLE AS changed_topics
  FOR EACH STATEMENT EXECUTE FUNCTION project_topic_ids_on_change();
--> statement-breakpoint
CREATE TRIGGER project_topic_ids_on_update_from AFTER UPDATE ON project_topics
  REFERENCING OLD TABLE AS changed_topics
  FOR EACH STATEMENT EXECUTE FUNCTION project_topic_ids_on_change();
--> statement-breakpoint
CREATE TRIGGER project_topic_ids_on_update_to AFTER UPDATE ON project_topics
  REFERENCING NEW TABLE AS changed_topics
  FOR EACH STATEMENT EXECUTE FUNCTION project_topic_ids_on_change();
--> statement-breakpoint
UPDATE projects p
   SET topic_ids = (SELECT array_agg(pt.topic_id ORDER BY pt.topic_id) FROM project_topics pt WHERE pt.project_id = p.id)
 WHERE EXISTS (SELECT 1 FROM project_topics pt WHERE pt.project_id = p.id);
