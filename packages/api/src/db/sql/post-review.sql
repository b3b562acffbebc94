-- Review integrity backed by the database (SPEC §6), identical on PostgreSQL and PGlite.

-- 1. No expert reviews a project of their own unit or university, of a team they are on, or one
--    they declared a conflict with, even when the service check is bypassed. SQLSTATE SA001, hint EXPERT_CONFLICT_OF_INTEREST.
--    The affiliation matches a team unit by credit code when known, else by exact name.
CREATE OR REPLACE FUNCTION assignments_refuse_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  expert_code text;
  expert_unit_name text;
  project_team uuid;
  project_edition uuid;
  unit_ids uuid[];
  unit_codes text[];
  unit_names text[];
BEGIN
  SELECT upper(affiliation_credit_code), affiliation_name INTO expert_code, expert_unit_name
    FROM expert_profiles WHERE user_id = NEW.expert_user_id;
  SELECT team_id, edition_id INTO project_team, project_edition FROM projects WHERE id = NEW.project_id;
  -- Per-unit primary-key lookups (scalar subqueries are never turned into joins), so the
  -- check stays fast even before the planner has statistics.
  SELECT coalesce(array_agg(tu.unit_id), '{}'),
         coalesce(array_agg((SELECT upper(u.credit_code) FROM units u WHERE u.id = tu.unit_id)), '{}'),
         coalesce(array_agg((SELECT u.name FROM units u WHERE u.id = tu.unit_id)), '{}')
    INTO unit_ids, unit_codes, unit_names
    FROM team_units tu WHERE tu.team_id = project_team;
  -- (edition_id, user_id) is unique in team_members, so this is one index lookup.
  IF EXISTS (SELECT 1 FROM team_members m
              WHERE m.edition_id = project_edition AND m.user_id = NEW.expert_user_id AND m.team_id = project_team)
     OR (expert_code IS NOT NULL AND expert_code = ANY (unit_codes))
     OR (expert_code IS NULL AND expert_unit_name = ANY (unit_names))
     OR EXISTS (
       SELECT 1 FROM expert_conflicts c
        WHERE c.expert_user_id = NEW.expert_user_id
          AND ((c.kind = 'project' AND c.subject_id = NEW.project_id)
            OR (c.kind = 'team' AND c.subject_id = project_team)
            OR (c.kind = 'unit' AND (c.subject_id = ANY (unit_ids) OR upper(c.credit_code) = ANY (unit_codes))))
     ) THEN
    RAISE EXCEPTION 'expert % has a conflict of interest with project %', NEW.expert_user_id, NEW.project_id
      USING ERRCODE = 'SA001', HINT = 'EXPERT_CONFLICT_OF_INTEREST';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint

DROP TRIGGER IF EXISTS assignments_refuse_conflict ON assignments;
--> statement-breakpoint
CREATE TRIGGER assignments_refuse_conflict
  BEFORE INSERT OR UPDATE OF expert_user_id, project_id ON assignments
  FOR EACH ROW EXECUTE FUNCTION assignments_refuse_conflict();
--> statement-breakpoint

-- 2. No award beyond its grade's quota per track × award category. SQLSTATE SA002.
CREATE OR REPLACE FUNCTION project_awards_within_quota() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allowed integer;
  taken integer;
BEGIN
  SELECT quota INTO allowed FROM award_quotas
   WHERE edition_id = NEW.edition_id AND track_code = NEW.track_code
     AND award_category_code = NEW.award_category_code AND grade_code = NEW.grade_code;
  SELECT count(*) INTO taken FROM project_awards
   WHERE edition_id = NEW.edition_id AND track_code = NEW.track_code
     AND award_category_code = NEW.award_category_code AND grade_code = NEW.grade_code AND id <> NEW.id;
  IF taken >= coalesce(allowed, 0) THEN
    RAISE EXCEPTION 'award quota of % % % exceeded', NEW.track_code, NEW.award_category_code, NEW.grade_code
      USING ERRCODE = 'SA002', HINT = 'AWARD_QUOTA_EXCEEDED';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint

DROP TRIGGER IF EXISTS project_awards_within_quota ON project_awards;
--> statement-breakpoint
CREATE TRIGGER project_awards_within_quota
  BEFORE INSERT OR UPDATE ON project_awards
  FOR EACH ROW EXECUTE FUNCTION project_awards_within_quota();
--> statement-breakpoint

-- 3. The ledger's head starts at the genesis hash.
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;
