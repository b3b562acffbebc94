CREATE TABLE "round_feedback" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"visibility" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	CONSTRAINT "round_feedback_visibility_known" CHECK ("round_feedback"."visibility" in ('status', 'scores', 'comments'))
);
--> statement-breakpoint
CREATE TABLE "round_feedback_results" (
	"round_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"result" double precision NOT NULL,
	"rank" integer NOT NULL,
	"group_size" integer NOT NULL,
	CONSTRAINT "round_feedback_results_round_id_project_id_pk" PRIMARY KEY("round_id","project_id")
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_action_known";--> statement-breakpoint
ALTER TABLE "round_feedback" ADD CONSTRAINT "round_feedback_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_feedback" ADD CONSTRAINT "round_feedback_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_feedback_results" ADD CONSTRAINT "round_feedback_results_round_id_round_feedback_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."round_feedback"("round_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_feedback_results" ADD CONSTRAINT "round_feedback_results_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_action_known" CHECK ("ledger_entries"."action" in ('round.opened', 'round.closed', 'round.enrolled', 'assignments.auto', 'assignment.added', 'assignment.removed', 'score.submitted', 'score.reopened', 'project.advanced', 'award.allocated', 'award.withdrawn', 'results.published', 'feedback.published', 'team.flagged', 'team.flag_cleared', 'conflict.declared', 'conflict.withdrawn', 'conflict.reviewed', 'qualification.submitted', 'qualification.decided', 'user.updated', 'blacklist.imported', 'blacklist.entry_deleted', 'decision.adjusted', 'project.re_review_requested', 'project.panel_decided', 'recommendations.sent', 'recommendation.accepted', 'recommendation.declined', 'retention.applied'));