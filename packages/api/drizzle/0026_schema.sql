CREATE INDEX "team_members_user" ON "team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "units_name_key" ON "units" USING btree (unit_name_key("name"));