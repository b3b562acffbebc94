/**
 * Writes the API's OpenAPI document without a running server (used by the client's `gen`,
 * `pnpm lint:openapi` and `pnpm check:drift`): builds the app on an in-memory embedded database
 * and prints what it serves at GET /openapi.json.
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
const served = await app.inject({ method: 'GET', url: '/openapi.json' });
if (served.statusCode !== 200) throw new Error(`GET /openapi.json answered ${served.statusCode}`);
const document = `${JSON.stringify(served.json(), null, 2)}\n`;
await app.close();
await database.close();

const output = process.argv[2];
if (output) writeFileSync(resolve(process.cwd(), output), document);
else process.stdout.write(document);
