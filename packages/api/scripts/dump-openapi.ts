/**
 * Writes the API's OpenAPI document without a running server (used by the admin's `gen:api`):
 * builds the app on an in-memory embedded database and prints `app.swagger()`.
 * Usage: tsx scripts/dump-openapi.ts [output.json]   (stdout when no file is given)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';

const config = loadConfig(
  { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', SEED_DEMO: false, ADMIN_DIST: '/nonexistent' },
  {},
);
const database = await openDatabase({ dataDir: 'memory://' });
const app = await buildApp({ config, database, logger: false });
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await database.close();

const output = process.argv[2];
if (output) writeFileSync(resolve(process.cwd(), output), document);
else process.stdout.write(document);
