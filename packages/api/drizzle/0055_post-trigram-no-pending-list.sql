-- The trigram indexes of the organizers' searches by team and unit name without GIN's pending list
-- (fastupdate): a pending list is read whole by every search and flushed only by (auto)vacuum,
-- which the embedded database never runs, and the planner prices each of its pages. What is
-- pending now goes into the index.
ALTER INDEX teams_name_trgm SET (fastupdate = off);
--> statement-breakpoint
SELECT gin_clean_pending_list('teams_name_trgm'::regclass);
--> statement-breakpoint
ALTER INDEX units_name_trgm SET (fastupdate = off);
--> statement-breakpoint
SELECT gin_clean_pending_list('units_name_trgm'::regclass);
