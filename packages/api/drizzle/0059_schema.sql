ALTER TABLE "assignments" DROP CONSTRAINT "assignments_round_id_review_rounds_id_fk";
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_project_id_projects_id_fk";
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_round_project" FOREIGN KEY ("round_id","project_id") REFERENCES "public"."round_projects"("round_id","project_id") ON DELETE cascade ON UPDATE no action;