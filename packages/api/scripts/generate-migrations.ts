/**
 * Regenerates the committed migrations from the drizzle schema and `src/db/sql`.
 *
 * Until the first production release the migration history is rebuilt from scratch, so the
 * folder holds one clear initial schema. After a release, switch to incremental
 * `drizzle-kit generate` and never rewrite a migration that has shipped.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const migrations = join(root, 'drizzle');
const customSql = join(root, 'src/db/sql');

function drizzleKit(...args: string[]): void {
  execFileSync('pnpm', ['exec', 'drizzle-kit', 'generate', ...args], { cwd: root, stdio: 'inherit' });
}

function addCustom(file: string): void {
  const name = file.replace(/\.sql$/, '');
  drizzleKit('--custom', '--name', name);
  const created = readdirSync(migrations).filter((entry) => entry.endsWith(`_${name}.sql`));
  const target = created.at(-1);
  if (!target) throw new Error(`drizzle-kit did not create a migration for ${file}`);
  writeFileSync(join(migrations, target), readFileSync(join(customSql, file), 'utf8'));
}

rmSync(migrations, { recursive: true, force: true });
const sqlFiles = readdirSync(customSql).filter((file) => file.endsWith('.sql')).sort();
sqlFiles.filter((file) => file.startsWith('pre-')).forEach(addCustom);
drizzleKit('--name', 'schema');
sqlFiles.filter((file) => file.startsWith('post-')).forEach(addCustom);
