CREATE TABLE "organizer_scopes" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"division_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizer_scopes" ADD CONSTRAINT "organizer_scopes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizer_scopes" ADD CONSTRAINT "organizer_scopes_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE cascade ON UPDATE no action;