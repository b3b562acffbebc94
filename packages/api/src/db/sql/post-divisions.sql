-- Editions that existed before divisions: each division name becomes a division (the one the
-- platform started with, 广西分赛, under the code `guangxi`), the oldest edition's division is the
-- default, and those editions, already in use, are published.
INSERT INTO divisions (code, name, kind)
SELECT CASE WHEN division = '广西分赛' THEN 'guangxi' ELSE 'division-' || substr(md5(division), 1, 8) END, division, 'provincial'
FROM editions GROUP BY division
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
UPDATE editions SET division_id = divisions.id FROM divisions
WHERE editions.division_id IS NULL AND divisions.name = editions.division;
--> statement-breakpoint
UPDATE divisions SET is_default = true
WHERE id = (SELECT division_id FROM editions ORDER BY created_at, code LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM divisions WHERE is_default);
--> statement-breakpoint
UPDATE editions SET status = 'published', published_at = created_at WHERE status = 'draft';
