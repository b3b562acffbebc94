import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { editions } from '../db/tables.js';
import type { FileStorage } from '../plugins/storage.js';
import { seedAccounts } from './accounts.js';
import { seedGuangxi2024 } from './editions.js';
import { seedPrivacy } from './privacy.js';
import { seedProjects } from './projects.js';
import { seedTeamDocuments, seedTeams } from './teams.js';
import { seedReview } from './review.js';
import { LAST_DEMO_EDITION, seedSeasons } from './seasons.js';

/**
 * Loads the demo data of the 2024 Guangxi edition and, with a storage, its neighbours (seasons.ts). Idempotent: each part checks whether it is
 * already there, so it runs on every start and from `pnpm seed`.
 */
export async function seedDemo(db: Database, options: { storage?: FileStorage } = {}): Promise<void> {
  // A warm start costs one query: a complete demo ends with the 2025 season (a new part of the demo goes before it).
  if (options.storage && (await demoComplete(db))) return;
  await seedGuangxi2024(db);
  await seedAccounts(db);
  await seedPrivacy(db);
  await seedTeams(db);
  // Demo projects carry a proposal PDF, so only where there is a storage (the server, `pnpm seed`), not in tests.
  if (options.storage) {
    await seedTeamDocuments(db, options.storage);
    await seedProjects(db, options.storage);
  }
  await seedReview(db);
  // The other seasons and divisions (2024 national and 江苏, the 2025 Guangxi draft) also only with a
  // storage: the tests' template keeps the one-edition baseline every test file starts from.
  if (options.storage) await seedSeasons(db, options.storage);
}

/** Whether the last edition the demo creates exists: the demo was loaded whole. */
async function demoComplete(db: Database): Promise<boolean> {
  const [last] = await db
    .select({ id: editions.id })
    .from(editions)
    .where(eq(editions.code, LAST_DEMO_EDITION))
    .limit(1);
  return last !== undefined;
}
