/**
 * Data folders of the embedded database made by the build (scripts/build.ts), so that a server on
 * a new data folder starts from one instead of running initdb, the migrations and the demo data:
 * most of an embedded cold start (issue 12.6), seconds of WASM CPU for a result that is the same
 * every time. Two per build, in <outdir>/embedded/:
 * - `migrated.tar.gz`: this build's migrations applied (and the job runner's schema);
 * - `demo.tar.gz`: the same with the demo data (`seedDemo`), whose rows carry fixed demo instants,
 *   not the clock; with `demo-files/`, the files the demo data stores (proposals, ID cards), under
 *   their storage keys, put into the server's storage when the folder is used.
 * A build's templates are current by construction: the server still checks the migrations and the
 * demo data (one query each) and does what is missing. Run from source there are none.
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { RUNNING_FROM_SOURCE, entryFile } from '../lib/paths.js';
import { LocalDiskStorage } from '../plugins/storage-local.js';
import type { FileStorage } from '../plugins/storage.js';
import type { DatabaseHandle } from './client.js';

/** Where a build's templates are: beside its entries (`<outdir>/embedded`). */
export function templatesFolder(outdir: string): string {
  return join(outdir, 'embedded');
}

const MIGRATED = 'migrated.tar.gz';
const DEMO = 'demo.tar.gz';
const DEMO_FILES = 'demo-files';

/**
 * An in-memory database, or a data folder PostgreSQL has not made yet: missing, empty (a new
 * volume), or without its `PG_VERSION` (written last when a template is unpacked).
 */
export function isNewDataFolder(dataDir: string): boolean {
  return dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
}

export interface StartingTemplate {
  /** The data folder to load (`loadDataDir`). */
  data: Uint8Array;
  /** The demo's stored files to put into the storage, when the template holds the demo data. */
  files?: string;
}

/**
 * The template a server on the embedded database starts from: none with PostgreSQL, an existing
 * data folder, or no build templates (run from source); with the demo data when it is wanted.
 */
export async function startingTemplate(options: {
  url?: string | undefined;
  dataDir: string;
  demo: boolean;
}): Promise<StartingTemplate | undefined> {
  if (options.url || RUNNING_FROM_SOURCE || !isNewDataFolder(options.dataDir)) return undefined;
  const folder = templatesFolder(dirname(entryFile('server')));
  const file = join(folder, options.demo ? DEMO : MIGRATED);
  if (!existsSync(file)) return undefined;
  return { data: await readFile(file), ...(options.demo ? { files: join(folder, DEMO_FILES) } : {}) };
}

/** The stored files under a local storage's folder (not its `.tmp/` of writes in progress). */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !relative(folder, file).startsWith('.tmp'));
}

/** Puts the demo's files into the storage under their keys (their paths under `folder`). */
export async function restoreDemoFiles(folder: string, storage: FileStorage): Promise<void> {
  if (!existsSync(folder)) return;
  for (const file of filesUnder(folder))
    await storage.write(relative(folder, file).split(sep).join('/'), createReadStream(file));
}

/**
 * Writes a build's templates from a new in-memory embedded database: migrated, with what the API
 * creates when it first starts on it (`start`: the job runner's queues, partitions of its job
 * table, seconds of DDL on PGlite), then with the demo data loaded by `seed` (given a storage that
 * keeps its files in the templates' `demo-files/`).
 */
export async function writeTemplates(
  outdir: string,
  database: DatabaseHandle,
  steps: { start: (storage: FileStorage) => Promise<void>; seed: (storage: FileStorage) => Promise<void> },
): Promise<void> {
  const folder = templatesFolder(outdir);
  const files = join(folder, DEMO_FILES);
  mkdirSync(files, { recursive: true });
  const storage = new LocalDiskStorage(files);
  await database.migrate();
  await steps.start(storage);
  writeFileSync(join(folder, MIGRATED), await database.dump({ compress: true }));
  await steps.seed(storage);
  writeFileSync(join(folder, DEMO), await database.dump({ compress: true }));
}
