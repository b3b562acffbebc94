ALTER TABLE "review_rounds" ADD COLUMN "confidence_weighting" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "scores" ADD COLUMN "confidence" integer;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_confidence_known" CHECK ("scores"."confidence" is null or "scores"."confidence" in (1, 2, 3));