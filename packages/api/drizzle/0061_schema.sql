CREATE INDEX "teams_edition_updated" ON "teams" USING btree ("edition_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "teams_edition_name" ON "teams" USING btree ("edition_id","name","id");--> statement-breakpoint
CREATE INDEX "teams_edition_created" ON "teams" USING btree ("edition_id","created_at","id");