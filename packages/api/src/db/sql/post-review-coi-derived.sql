-- Conflicts of interest derived, not typed (issue 11.8): an expert is conflicted with a project
-- when the expert's affiliation names one of the team's units by credit code or by name key
-- (unit_name_key), when a unit of that name carries the code of one of the team's units (the
-- code is derived from the name), when the expert is on a team of one of those units, when the
-- expert is on the project's team, or when the expert declared a conflict with the project, its
-- team or one of its units (by id or by code). Mirrors src/modules/experts/conflict-keys.ts.
CREATE OR REPLACE FUNCTION assignments_refuse_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  expert_code text;
  expert_name_key text;
  expert_codes text[];
  project_team uuid;
  project_edition uuid;
  unit_ids uuid[];
  unit_codes text[];
  unit_keys text[];
BEGIN
  SELECT upper(affiliation_credit_code), unit_name_key(affiliation_name) INTO expert_code, expert_name_key
    FROM expert_profiles WHERE user_id = NEW.expert_user_id;
  SELECT team_id, edition_id INTO project_team, project_edition FROM projects WHERE id = NEW.project_id;
  -- Per-unit primary-key lookups (scalar subqueries are never turned into joins), so the
  -- check stays fast even before the planner has statistics.
  SELECT coalesce(array_agg(tu.unit_id), '{}'),
         coalesce(array_agg((SELECT upper(u.credit_code) FROM units u WHERE u.id = tu.unit_id)), '{}'),
         coalesce(array_agg((SELECT unit_name_key(u.name) FROM units u WHERE u.id = tu.unit_id)), '{}')
    INTO unit_ids, unit_codes, unit_keys
    FROM team_units tu WHERE tu.team_id = project_team;
  -- The expert's codes: the affiliation's own, those of units of the affiliation's name
  -- (units_name_key index), and those of the units of every team the expert is on (team_members_user).
  expert_codes := array_remove(ARRAY[expert_code], NULL)
    || coalesce((SELECT array_agg(upper(u.credit_code)) FROM units u WHERE unit_name_key(u.name) = expert_name_key), '{}')
    || coalesce((SELECT array_agg(upper(u.credit_code))
                   FROM team_members m
                   JOIN team_units tu ON tu.team_id = m.team_id
                   JOIN units u ON u.id = tu.unit_id
                  WHERE m.user_id = NEW.expert_user_id), '{}');
  -- (edition_id, user_id) is unique in team_members, so this is one index lookup.
  IF EXISTS (SELECT 1 FROM team_members m
              WHERE m.edition_id = project_edition AND m.user_id = NEW.expert_user_id AND m.team_id = project_team)
     OR expert_codes && unit_codes
     OR expert_name_key = ANY (unit_keys)
     OR EXISTS (
       SELECT 1 FROM expert_conflicts c
        WHERE c.expert_user_id = NEW.expert_user_id
          AND ((c.kind = 'project' AND c.subject_id = NEW.project_id)
            OR (c.kind = 'team' AND c.subject_id = project_team)
            OR (c.kind = 'unit' AND (c.subject_id = ANY (unit_ids)
                 OR upper(coalesce((SELECT u.credit_code FROM units u WHERE u.id = c.subject_id), c.credit_code)) = ANY (unit_codes))))
     ) THEN
    RAISE EXCEPTION 'expert % has a conflict of interest with project %', NEW.expert_user_id, NEW.project_id
      USING ERRCODE = 'SA001', HINT = 'EXPERT_CONFLICT_OF_INTEREST';
  END IF;
  RETURN NEW;
END
$$;
