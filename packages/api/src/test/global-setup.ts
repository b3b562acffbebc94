import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.js';
import { seedDemo } from '../seed/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Data folders (tarballs) of the embedded database, migrated, and migrated with the demo data. */
    pgliteTemplates: { migrated: string; seeded: string } | null;
  }
}

/**
 * Once per run: the embedded database is created, migrated and seeded once, and each test file
 * starts its own fresh copy from these data folders instead of running initdb, the migrations and
 * the demo data again (seconds of CPU per file). PostgreSQL needs none of it.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplates', null);
    return () => {};
  }
  const folder = mkdtempSync(join(tmpdir(), 'saishi-templates-'));
  const handle = await openDatabase({ dataDir: 'memory://', pool: { statementTimeoutMs: 0, queryTimeoutMs: 600_000 } });
  try {
    await handle.migrate();
    const migrated = join(folder, 'migrated.tar');
    writeFileSync(migrated, await handle.dump());
    await seedDemo(handle.db);
    const seeded = join(folder, 'seeded.tar');
    writeFileSync(seeded, await handle.dump());
    project.provide('pgliteTemplates', { migrated, seeded });
  } finally {
    await handle.close();
  }
  return () => rmSync(folder, { recursive: true, force: true });
}
