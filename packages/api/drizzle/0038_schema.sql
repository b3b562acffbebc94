CREATE TABLE "spread_resolutions" (
	"round_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"spread" double precision NOT NULL,
	"panel_score" double precision,
	"expert_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "spread_resolutions_pkey" PRIMARY KEY("round_id","project_id","kind"),
	CONSTRAINT "spread_resolutions_kind_known" CHECK ("spread_resolutions"."kind" in ('re_review', 'panel')),
	CONSTRAINT "spread_resolutions_reason_given" CHECK (length(btrim("spread_resolutions"."reason")) > 0),
	CONSTRAINT "spread_resolutions_panel_score" CHECK (("spread_resolutions"."kind" = 'panel') = ("spread_resolutions"."panel_score" is not null) and ("spread_resolutions"."panel_score" is null or "spread_resolutions"."panel_score" between 0 and 100))
);
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_source_known";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_action_known";--> statement-breakpoint
ALTER TABLE "review_rounds" ADD COLUMN "spread_measure" text DEFAULT 'range' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD COLUMN "spread_threshold" double precision;--> statement-breakpoint
ALTER TABLE "spread_resolutions" ADD CONSTRAINT "spread_resolutions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spread_resolutions" ADD CONSTRAINT "spread_resolutions_round_project" FOREIGN KEY ("round_id","project_id") REFERENCES "public"."round_projects"("round_id","project_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_source_known" CHECK ("assignments"."source" in ('auto', 'manual', 're_review'));--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_spread_measure_known" CHECK ("review_rounds"."spread_measure" in ('range', 'sd'));--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_spread_threshold_range" CHECK ("review_rounds"."spread_threshold" is null or ("review_rounds"."spread_threshold" > 0 and "review_rounds"."spread_threshold" <= 100));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_action_known" CHECK ("ledger_entries"."action" in ('round.opened', 'round.closed', 'round.enrolled', 'assignments.auto', 'assignment.added', 'assignment.removed', 'score.submitted', 'score.reopened', 'project.advanced', 'award.allocated', 'award.withdrawn', 'results.published', 'team.flagged', 'team.flag_cleared', 'conflict.declared', 'conflict.withdrawn', 'conflict.reviewed', 'qualification.submitted', 'qualification.decided', 'user.updated', 'blacklist.imported', 'blacklist.entry_deleted', 'decision.adjusted', 'project.re_review_requested', 'project.panel_decided', 'recommendations.sent', 'recommendation.accepted', 'recommendation.declined'));