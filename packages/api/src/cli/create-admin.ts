import { databaseOptions, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { ensureAdmin } from '../modules/accounts/service.js';
import { systemClock } from '../plugins/clock.js';
import { createStorage } from '../plugins/storage.js';

/**
 * `pnpm create-admin <email> <password> [display name]` (or ADMIN_EMAIL / ADMIN_PASSWORD):
 * creates the first organizer account. Does nothing when the email already has an account.
 */
const [email = process.env.ADMIN_EMAIL, password = process.env.ADMIN_PASSWORD, displayName] = process.argv.slice(2);
if (!email || !password || password.length < 8) {
  console.error('usage: pnpm create-admin <email> <password (8+ characters)> [display name]');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(databaseOptions(config));
try {
  await database.migrate();
  const deps = { db: database.db, clock: systemClock, storage: createStorage(config) };
  const { created, user } = await ensureAdmin(deps, { email, password, displayName });
  console.log(
    created
      ? `Admin ${user.email} created.`
      : `An account with ${user.email} already exists (role ${user.role}); nothing changed.`,
  );
} finally {
  await database.close();
}
