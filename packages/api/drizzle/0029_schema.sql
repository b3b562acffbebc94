CREATE TABLE "job_progress" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"phase" text NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "job_progress_counts" CHECK ("job_progress"."done" >= 0 and "job_progress"."total" >= 0)
);
