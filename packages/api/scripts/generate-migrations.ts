/**
 * Adds migrations for what changed since the last one, and never rewrites a migration that
 * exists (databases that applied it would otherwise be left behind):
 * - a new `src/db/sql/pre-*.sql` file (extensions) becomes a custom migration first,
 * - then drizzle-kit diffs the tables against the last snapshot,
 * - then each new `src/db/sql/post-*.sql` file (triggers) becomes a custom migration.
 * A custom SQL file is never edited once migrated: add a new file instead.
 * MIGRATIONS_OUT=<folder relative to packages/api> generates into that folder instead of drizzle/
 * (read by drizzle.config.ts too): the drift check generates into a copy of drizzle/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const migrations = join(root, process.env.MIGRATIONS_OUT ?? 'drizzle');
const customSql = join(root, 'src/db/sql');

function drizzleKit(...args: string[]): void {
  execFileSync('pnpm', ['exec', 'drizzle-kit', 'generate', ...args], { cwd: root, stdio: 'inherit' });
}

const migrated = new Set(
  (existsSync(migrations) ? readdirSync(migrations) : [])
    .filter((file) => file.endsWith('.sql'))
    .map((file) => file.replace(/^\d+_/, '')),
);

function addCustom(file: string): void {
  const name = file.replace(/\.sql$/, '');
  drizzleKit('--custom', '--name', name);
  const target = readdirSync(migrations)
    .filter((entry) => entry.endsWith(`_${name}.sql`))
    .at(-1);
  if (!target) throw new Error(`drizzle-kit did not create a migration for ${file}`);
  writeFileSync(join(migrations, target), readFileSync(join(customSql, file), 'utf8'));
}

const newSqlFiles = readdirSync(customSql)
  .filter((file) => file.endsWith('.sql') && !migrated.has(file))
  .sort();
newSqlFiles.filter((file) => file.startsWith('pre-')).forEach(addCustom);
drizzleKit('--name', 'schema');
newSqlFiles.filter((file) => file.startsWith('post-')).forEach(addCustom);
