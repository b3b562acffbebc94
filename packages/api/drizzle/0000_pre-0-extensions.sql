-- Trigram search for Chinese titles, team and unit names (shipped by PostgreSQL contrib and by PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
