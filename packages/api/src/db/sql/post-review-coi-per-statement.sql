-- Conflicts of interest checked once per statement, not once per row (issue 12): the row trigger
-- of post-review-coi-derived.sql looked the expert's codes and the team's units up again for each
-- of a national run's 100,000 new assignments. The rule is unchanged (see that file and
-- src/modules/experts/conflict-keys.ts); it is evaluated over all the (expert, project) pairs a
-- statement writes at once: each expert's codes and each project's units are computed once, then
-- joined. SQLSTATE SA001, hint EXPERT_CONFLICT_OF_INTEREST, as before.

-- The first conflicted pair among (pair_experts[i], pair_projects[i]), or no row.
CREATE OR REPLACE FUNCTION assignment_conflict_among(pair_experts uuid[], pair_projects uuid[])
  RETURNS TABLE (expert_user_id uuid, project_id uuid) LANGUAGE sql STABLE AS $$
  WITH pairs AS (
    SELECT DISTINCT pair.expert_user_id, pair.project_id
      FROM unnest(pair_experts, pair_projects) AS pair (expert_user_id, project_id)
  ),
  expert_keys AS (
    SELECT x.user_id,
           unit_name_key(e.affiliation_name) AS name_key,
           array_remove(ARRAY[upper(e.affiliation_credit_code)], NULL)
             || coalesce((SELECT array_agg(upper(u.credit_code)) FROM units u
                           WHERE unit_name_key(u.name) = unit_name_key(e.affiliation_name)), '{}')
             || coalesce((SELECT array_agg(upper(u.credit_code))
                            FROM team_members m
                            JOIN team_units tu ON tu.team_id = m.team_id
                            JOIN units u ON u.id = tu.unit_id
                           WHERE m.user_id = x.user_id), '{}') AS codes
      FROM (SELECT DISTINCT pairs.expert_user_id AS user_id FROM pairs) x
      LEFT JOIN expert_profiles e ON e.user_id = x.user_id
  ),
  project_units AS (
    SELECT p.id AS project_id, p.team_id, p.edition_id,
           coalesce(array_agg(tu.unit_id) FILTER (WHERE tu.unit_id IS NOT NULL), '{}') AS unit_ids,
           coalesce(array_agg(upper(u.credit_code)) FILTER (WHERE tu.unit_id IS NOT NULL), '{}') AS unit_codes,
           coalesce(array_agg(unit_name_key(u.name)) FILTER (WHERE tu.unit_id IS NOT NULL), '{}') AS unit_keys
      FROM projects p
      LEFT JOIN team_units tu ON tu.team_id = p.team_id
      LEFT JOIN units u ON u.id = tu.unit_id
     WHERE p.id IN (SELECT pairs.project_id FROM pairs)
     GROUP BY p.id, p.team_id, p.edition_id
  )
  SELECT pr.expert_user_id, pr.project_id
    FROM pairs pr
    JOIN project_units pu ON pu.project_id = pr.project_id
    JOIN expert_keys ek ON ek.user_id = pr.expert_user_id
   WHERE EXISTS (SELECT 1 FROM team_members m
                  WHERE m.edition_id = pu.edition_id AND m.user_id = pr.expert_user_id AND m.team_id = pu.team_id)
      OR ek.codes && pu.unit_codes
      OR ek.name_key = ANY (pu.unit_keys)
      OR EXISTS (
        SELECT 1 FROM expert_conflicts c
         WHERE c.expert_user_id = pr.expert_user_id
           AND ((c.kind = 'project' AND c.subject_id = pr.project_id)
             OR (c.kind = 'team' AND c.subject_id = pu.team_id)
             OR (c.kind = 'unit' AND (c.subject_id = ANY (pu.unit_ids)
                  OR upper(coalesce((SELECT u.credit_code FROM units u WHERE u.id = c.subject_id), c.credit_code))
                     = ANY (pu.unit_codes))))
      )
   LIMIT 1
$$;
--> statement-breakpoint

-- The statement's new pairs: every inserted row; of updated rows, those whose expert or project changed.
CREATE OR REPLACE FUNCTION assignments_refuse_conflicts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_experts uuid[];
  new_projects uuid[];
  bad record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.expert_user_id), array_agg(n.project_id) INTO new_experts, new_projects FROM new_rows n;
  ELSE
    SELECT array_agg(n.expert_user_id), array_agg(n.project_id) INTO new_experts, new_projects
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (n.expert_user_id, n.project_id) IS DISTINCT FROM (o.expert_user_id, o.project_id);
  END IF;
  IF new_experts IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT * INTO bad FROM assignment_conflict_among(new_experts, new_projects);
  IF FOUND THEN
    RAISE EXCEPTION 'expert % has a conflict of interest with project %', bad.expert_user_id, bad.project_id
      USING ERRCODE = 'SA001', HINT = 'EXPERT_CONFLICT_OF_INTEREST';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint

DROP TRIGGER IF EXISTS assignments_refuse_conflict ON assignments;
--> statement-breakpoint
DROP FUNCTION IF EXISTS assignments_refuse_conflict();
--> statement-breakpoint
CREATE TRIGGER assignments_refuse_conflicts_insert
  AFTER INSERT ON assignments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION assignments_refuse_conflicts();
--> statement-breakpoint
CREATE TRIGGER assignments_refuse_conflicts_update
  AFTER UPDATE ON assignments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION assignments_refuse_conflicts();
