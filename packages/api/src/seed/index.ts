import type { Database } from '../db/client.js';
import { seedAccounts } from './accounts.js';
import { seedGuangxi2024 } from './editions.js';
import { seedTeams } from './teams.js';
import { seedReview } from './review.js';

/**
 * Loads the demo data of the 2024 Guangxi edition. Idempotent: each part checks whether it is
 * already there, so it runs on every start and from `pnpm seed`.
 */
export async function seedDemo(db: Database): Promise<void> {
  await seedGuangxi2024(db);
  await seedAccounts(db);
  await seedTeams(db);
  await seedReview(db);
}
