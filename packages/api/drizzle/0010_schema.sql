CREATE TABLE "divisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'provincial' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "divisions_code_unique" UNIQUE("code"),
	CONSTRAINT "divisions_kind_known" CHECK ("divisions"."kind" in ('national', 'provincial'))
);
--> statement-breakpoint
DROP INDEX "editions_single_current";--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "division_id" uuid;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "divisions_single_default" ON "divisions" USING btree ("is_default") WHERE "divisions"."is_default";--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_parent_id_editions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."editions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "editions_division_year" ON "editions" USING btree ("division_id","year");--> statement-breakpoint
CREATE INDEX "editions_parent" ON "editions" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "editions" DROP COLUMN "is_current";--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_status_known" CHECK ("editions"."status" in ('draft', 'published', 'archived'));