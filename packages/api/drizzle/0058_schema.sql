CREATE TABLE "auto_assignment_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"alive_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auto_assignment_runs_one_per_round" UNIQUE("round_id")
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "auto_run_id" uuid;--> statement-breakpoint
ALTER TABLE "auto_assignment_runs" ADD CONSTRAINT "auto_assignment_runs_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;