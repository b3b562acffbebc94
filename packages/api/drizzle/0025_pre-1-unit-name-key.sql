-- The key a unit or affiliation name is matched by (conflicts of interest, SPEC §6): NFKC, no
-- whitespace, lower case; the same as unitNameKey in packages/shared/src/rules/assignment.ts.
-- Immutable, so that units can be indexed by it.
CREATE OR REPLACE FUNCTION unit_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(regexp_replace(normalize(name, NFKC), '\s+', '', 'g'));
