#!/usr/bin/env bash
# `pnpm check:drift`: fails when a committed, generated file no longer matches its source.
# - packages/client/src/schema.d.ts, the API types of @saishi/client (which the admin imports too),
#   against the API's OpenAPI document (regenerated as `pnpm --filter @saishi/client gen` does,
#   into a temp folder);
# - the OpenAPI document against Redocly's recommended ruleset, 0 errors and 0 warnings
#   (scripts/lint-openapi.mjs);
# - packages/api/drizzle/, the migrations, against the drizzle tables and src/db/sql/:
#   `drizzle-kit check` (snapshots consistent, no two migrations of one number), then
#   `db:generate` into a copy of drizzle/, which must come out unchanged.
# Nothing in the work tree is written; a difference is printed with the command that fixes it.
set -euo pipefail
cd "$(dirname "$0")/.."
# A scratch folder inside the API package: drizzle-kit takes its output folder relative to it.
scratch=node_modules/.cache/saishi-drift
work="$PWD/packages/api/$scratch"
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
drift=0

echo "drift: the API types (@saishi/client, shared with the admin) against the OpenAPI document"
pnpm --silent --filter @saishi/api exec tsx scripts/dump-openapi.ts "$work/openapi.json"
pnpm --silent --filter @saishi/client exec openapi-typescript "$work/openapi.json" -o "$work/client-schema.d.ts" >/dev/null
if ! diff -u packages/client/src/schema.d.ts "$work/client-schema.d.ts"; then
  echo "drift: packages/client/src/schema.d.ts is stale; run: pnpm --filter @saishi/client gen"
  drift=1
fi

echo "drift: the OpenAPI document against Redocly's recommended ruleset (pnpm lint:openapi)"
# Any error or warning fails: every operation keeps an operationId, a description of its responses,
# its security and the rest of what generated clients and integrators rely on.
if ! node scripts/lint-openapi.mjs "$work/openapi.json" >"$work/lint-openapi.log"; then
  grep -v '^lint:openapi' "$work/lint-openapi.log" || true
  tail -n 1 "$work/lint-openapi.log"
  echo "drift: the OpenAPI document is not lint-clean; give each new operation an operationId (module operations.ts)"
  drift=1
fi

echo "drift: the migrations against the tables"
if ! (cd packages/api && pnpm --silent exec drizzle-kit check); then
  echo "drift: drizzle-kit check failed (two migrations of one number? regenerate yours after rebasing)"
  drift=1
fi
cp -r packages/api/drizzle "$work/drizzle"
if ! MIGRATIONS_OUT="$scratch/drizzle" pnpm --silent --filter @saishi/api db:generate \
  >"$work/generate.log" 2>&1; then
  cat "$work/generate.log"
  echo "drift: generating migrations failed"
  drift=1
elif ! diff -rq packages/api/drizzle "$work/drizzle" >/dev/null; then
  diff -ruN --exclude=meta packages/api/drizzle "$work/drizzle" || true
  echo "drift: the tables (or src/db/sql/) changed without a migration; run: pnpm --filter @saishi/api db:generate"
  drift=1
fi

if [ "$drift" -ne 0 ]; then
  echo "drift: generated files differ from their sources (see above)"
  exit 1
fi
echo "drift: none (API types, the lint-clean OpenAPI document and migrations match their sources)"
