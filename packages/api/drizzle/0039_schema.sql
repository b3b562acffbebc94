CREATE TABLE "retention_policies" (
	"edition_id" uuid PRIMARY KEY NOT NULL,
	"student_id_image_days" integer,
	"student_id_image_anchor" text DEFAULT 'qualification' NOT NULL,
	"departed_mobile_days" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "retention_policies_anchor_known" CHECK ("retention_policies"."student_id_image_anchor" in ('qualification', 'results')),
	CONSTRAINT "retention_policies_days_range" CHECK ("retention_policies"."student_id_image_days" between 0 and 3650
        and "retention_policies"."departed_mobile_days" between 0 and 3650)
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_action_known";--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_action_known" CHECK ("ledger_entries"."action" in ('round.opened', 'round.closed', 'round.enrolled', 'assignments.auto', 'assignment.added', 'assignment.removed', 'score.submitted', 'score.reopened', 'project.advanced', 'award.allocated', 'award.withdrawn', 'results.published', 'team.flagged', 'team.flag_cleared', 'conflict.declared', 'conflict.withdrawn', 'conflict.reviewed', 'qualification.submitted', 'qualification.decided', 'user.updated', 'blacklist.imported', 'blacklist.entry_deleted', 'decision.adjusted', 'project.re_review_requested', 'project.panel_decided', 'recommendations.sent', 'recommendation.accepted', 'recommendation.declined', 'retention.applied'));