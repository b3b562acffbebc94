-- Each expert's codes once per statement, not once per new pair (issue 12): expert_keys is read
-- once, so the planner inlined it and evaluated its subqueries (units of the affiliation's name,
-- units of the expert's teams) and the name normalisation for every pair of the statement: 10,000
-- times for a batch of the automatic assignment instead of once per expert. MATERIALIZED keeps it
-- a set computed first. Otherwise as post-review-coi-in-force.sql, without nested-loop joins as
-- post-review-coi-hash-joins.sql set (a replaced function keeps no earlier SET).

CREATE OR REPLACE FUNCTION assignment_conflict_among(pair_experts uuid[], pair_projects uuid[])
  RETURNS TABLE (expert_user_id uuid, project_id uuid) LANGUAGE sql STABLE
  SET enable_nestloop = off AS $$
  WITH pairs AS (
    SELECT DISTINCT pair.expert_user_id, pair.project_id
      FROM unnest(pair_experts, pair_projects) AS pair (expert_user_id, project_id)
  ),
  expert_keys AS MATERIALIZED (
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
           AND c.status <> 'rejected' AND c.withdrawn_at IS NULL
           AND ((c.kind = 'project' AND c.subject_id = pr.project_id)
             OR (c.kind = 'team' AND c.subject_id = pu.team_id)
             OR (c.kind = 'unit' AND (c.subject_id = ANY (pu.unit_ids)
                  OR upper(coalesce((SELECT u.credit_code FROM units u WHERE u.id = c.subject_id), c.credit_code))
                     = ANY (pu.unit_codes))))
      )
   LIMIT 1
$$;
