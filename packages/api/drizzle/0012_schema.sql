CREATE TABLE "project_search_documents" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"document" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_search_documents" ADD CONSTRAINT "project_search_documents_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_search_documents_trgm" ON "project_search_documents" USING gin ("document" gin_trgm_ops);