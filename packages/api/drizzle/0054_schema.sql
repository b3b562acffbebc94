DROP INDEX "projects_title_trgm";--> statement-breakpoint
CREATE INDEX "projects_title_trgm" ON "projects" USING gin ("title" gin_trgm_ops) WITH (fastupdate=false);