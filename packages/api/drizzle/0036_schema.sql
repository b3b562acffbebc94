CREATE TABLE "national_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"national_edition_id" uuid NOT NULL,
	"division_edition_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"grade_code" text NOT NULL,
	"status" text DEFAULT 'recommended' NOT NULL,
	"recommended_at" timestamp with time zone NOT NULL,
	"recommended_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"reason" text,
	CONSTRAINT "national_recommendations_project" UNIQUE("project_id"),
	CONSTRAINT "national_recommendations_status" CHECK ("national_recommendations"."status" in ('recommended', 'accepted', 'declined'))
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_action_known";--> statement-breakpoint
ALTER TABLE "national_recommendations" ADD CONSTRAINT "national_recommendations_national_edition_id_editions_id_fk" FOREIGN KEY ("national_edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_recommendations" ADD CONSTRAINT "national_recommendations_division_edition_id_editions_id_fk" FOREIGN KEY ("division_edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_recommendations" ADD CONSTRAINT "national_recommendations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_recommendations" ADD CONSTRAINT "national_recommendations_recommended_by_users_id_fk" FOREIGN KEY ("recommended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_recommendations" ADD CONSTRAINT "national_recommendations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_recommendations_national" ON "national_recommendations" USING btree ("national_edition_id","status");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_action_known" CHECK ("ledger_entries"."action" in ('round.opened', 'round.closed', 'round.enrolled', 'assignments.auto', 'assignment.added', 'assignment.removed', 'score.submitted', 'score.reopened', 'project.advanced', 'award.allocated', 'award.withdrawn', 'results.published', 'team.flagged', 'team.flag_cleared', 'conflict.declared', 'conflict.withdrawn', 'conflict.reviewed', 'qualification.submitted', 'qualification.decided', 'user.updated', 'blacklist.imported', 'blacklist.entry_deleted', 'decision.adjusted', 'recommendations.sent', 'recommendation.accepted', 'recommendation.declined'));