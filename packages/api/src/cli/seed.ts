import { databaseOptions, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createStorage } from '../plugins/storage.js';
import { seedDemo } from '../seed/index.js';

/** `pnpm seed`: applies migrations and loads the demo data (idempotent). */
const config = loadConfig();
const database = await openDatabase(databaseOptions(config));
try {
  await database.migrate();
  await seedDemo(database.db, { storage: createStorage(config) });
  console.log(`Demo data loaded (${database.kind}).`);
} finally {
  await database.close();
}
