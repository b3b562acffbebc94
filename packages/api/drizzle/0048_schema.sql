ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_cert_table_known";--> statement-breakpoint
ALTER TABLE "spread_resolutions" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "spread_resolutions" ADD CONSTRAINT "spread_resolutions_id_unique" UNIQUE("id");--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_cert_table_known" CHECK ("ledger_entries"."cert_table" in ('scores', 'teams', 'project_awards', 'spread_resolutions'));