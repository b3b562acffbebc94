ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_action_known";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_subject_type_known";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "cert_table" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "cert_row_id" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "cert_digest" text;--> statement-breakpoint
CREATE INDEX "ledger_entries_cert_row" ON "ledger_entries" USING btree ("cert_table","cert_row_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_actor" ON "ledger_entries" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_subject" ON "ledger_entries" USING btree ("subject_type","subject_id","seq");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_cert_table_known" CHECK ("ledger_entries"."cert_table" in ('scores', 'teams', 'project_awards'));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_cert_names_row" CHECK (("ledger_entries"."cert_table" is null) = ("ledger_entries"."cert_row_id" is null) and ("ledger_entries"."cert_table" is not null or "ledger_entries"."cert_digest" is null));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_action_known" CHECK ("ledger_entries"."action" in ('round.opened', 'round.closed', 'round.enrolled', 'assignments.auto', 'assignment.added', 'assignment.removed', 'score.submitted', 'score.reopened', 'project.advanced', 'award.allocated', 'award.withdrawn', 'results.published', 'team.flagged', 'team.flag_cleared', 'conflict.declared', 'conflict.withdrawn', 'qualification.submitted', 'qualification.decided', 'user.updated', 'blacklist.imported', 'blacklist.entry_deleted'));--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_subject_type_known" CHECK ("ledger_entries"."subject_type" in ('review_round', 'assignment', 'score', 'project', 'edition', 'team', 'expert_conflict', 'user', 'blacklist_import', 'blacklist_entry'));