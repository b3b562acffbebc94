ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_action_known";--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD COLUMN "status" text DEFAULT 'confirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD CONSTRAINT "expert_conflicts_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD CONSTRAINT "expert_conflicts_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_conflicts" ADD CONSTRAINT "expert_conflicts_status_known" CHECK ("expert_conflicts"."status" in ('pending', 'confirmed', 'rejected'));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_action_known" CHECK ("ledger_entries"."action" in ('round.opened', 'round.closed', 'round.enrolled', 'assignments.auto', 'assignment.added', 'assignment.removed', 'score.submitted', 'score.reopened', 'project.advanced', 'award.allocated', 'award.withdrawn', 'results.published', 'team.flagged', 'team.flag_cleared', 'conflict.declared', 'conflict.withdrawn', 'conflict.reviewed', 'qualification.submitted', 'qualification.decided', 'user.updated', 'blacklist.imported', 'blacklist.entry_deleted', 'decision.adjusted'));