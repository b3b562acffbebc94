DROP INDEX "team_members_one_student_per_edition";--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "university_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_university_unit_id_units_id_fk" FOREIGN KEY ("university_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_one_student_per_university" ON "team_members" USING btree ("edition_id","university_unit_id","student_number") WHERE "team_members"."student_number" is not null;