import { parseArgs } from 'node:util';
import { databaseOptions, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createStorage } from '../plugins/storage.js';
import { seedDemo } from '../seed/index.js';
import { SCALES, seedScale, type Scale } from '../seed/scale.js';

/**
 * `pnpm seed`: applies migrations and loads the demo data (idempotent).
 * `pnpm seed --scale province|national`: then adds a generated world of that size to the demo
 * edition (1,200 or 20,000 approved teams with submitted projects, 60 or 500 experts), for
 * benchmarks and organizers' trials. Each run adds another world.
 */
const { values } = parseArgs({ options: { scale: { type: 'string' } } });
const scale = values.scale as Scale | undefined;
if (scale !== undefined && !(scale in SCALES)) {
  console.error(`--scale must be one of: ${Object.keys(SCALES).join(', ')}`);
  process.exit(2);
}

const config = loadConfig();
const options = databaseOptions(config);
// Bulk loads run longer than a request may.
const database = await openDatabase({
  ...options,
  pool: { ...options.pool, statementTimeoutMs: 0, queryTimeoutMs: 600_000 },
});
try {
  const storage = createStorage(config);
  // Under the startup lock: a server starting meanwhile does not load the same demo data twice.
  await database.exclusively(async () => {
    await database.migrate();
    await seedDemo(database.db, { storage });
  });
  console.log(`Demo data loaded (${database.kind}).`);
  if (scale) {
    const started = performance.now();
    const added = await seedScale(database.db, { ...SCALES[scale], storage });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Added ${added.projects} projects and ${added.experts} experts (${scale}) in ${seconds} s.`);
  }
} finally {
  await database.close();
}
