-- R-DIV-1: a person enters one division only of a national edition. Each membership carries the
-- national edition of its team's edition (the edition's parent), taken here from the edition so
-- that no insert can get it wrong; a unique index on (national_edition_id, user_id) does the rest.
CREATE OR REPLACE FUNCTION team_members_national_edition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.national_edition_id := (SELECT parent_id FROM editions WHERE id = NEW.edition_id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS team_members_national_edition ON team_members;
--> statement-breakpoint
CREATE TRIGGER team_members_national_edition BEFORE INSERT OR UPDATE ON team_members
  FOR EACH ROW EXECUTE FUNCTION team_members_national_edition();
--> statement-breakpoint
UPDATE team_members SET national_edition_id = editions.parent_id FROM editions
WHERE editions.id = team_members.edition_id AND editions.parent_id IS NOT NULL;
