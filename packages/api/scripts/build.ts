/**
 * Compiles the API for production into dist/ (`node dist/server.js`), with esbuild:
 * - our source, @saishi/shared (a workspace package that exports TypeScript) and the npm packages
 *   are bundled: Node loads a few files instead of a thousand modules of ~120 packages;
 * - the packages that read their own files at run time (argon2's binary, PGlite's WASM, pdfkit's
 *   font data, pino's transport workers, the docs UI) or load on first use stay external and load
 *   from node_modules as installed (KEPT_EXTERNAL), so the production image needs the package's
 *   `dependencies` and nothing else; a runtime import of anything else (a devDependency) fails the
 *   build instead of failing in production;
 * - each entry keeps its path under src/ (src/cli/seed.ts -> dist/cli/seed.js), code shared by
 *   entries goes to dist/chunks/, with source maps (run with --enable-source-maps).
 * Files the API reads at run time (drizzle/) are found from `API_ROOT` (src/lib/paths.ts).
 * - the embedded database's templates (src/db/templates.ts): data folders migrated, and with the
 *   demo data, that a server on a new data folder starts from (<outdir>/embedded/).
 * Usage: tsx scripts/build.ts [outdir]   (default dist)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { writeTemplates } from '../src/db/templates.js';
import { seedDemo } from '../src/seed/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Programs of the API, one line each: a worker thread's file is an entry too. */
export const ENTRIES = [
  'src/server.ts',
  'src/cli/seed.ts',
  'src/cli/create-admin.ts',
  'src/db/pglite-worker.ts',
  'src/modules/teams/blacklist-parser.ts',
];

/** Workspace packages compiled into the bundle (they export TypeScript source). */
const BUNDLED = ['@saishi/shared'];

/**
 * Dependencies left out of the bundle and loaded from node_modules as installed: they read their
 * own files at run time (a native binary, WASM, worker threads' entries, font data, the docs UI's
 * files), or are loaded on first use only (exports, mail, Redis, S3, PDF), where bundling would
 * only make the build longer. Each must be in `dependencies` (pnpm links only those into reach).
 */
const KEPT_EXTERNAL = new Set([
  '@node-rs/argon2',
  '@electric-sql/pglite',
  '@electric-sql/pglite-socket',
  'pino',
  'pino-pretty',
  'pdfkit',
  'pdf-lib',
  '@fastify/swagger-ui',
  'exceljs',
  'nodemailer',
  'ioredis',
  '@aws-sdk/client-s3',
  '@aws-sdk/lib-storage',
  'file-type',
]);

function packageName(specifier: string): string {
  const [first = '', second = ''] = specifier.split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * Bundles the dependencies (loading one file instead of ~120 packages' thousand modules is most of
 * a cold start: issue 12.6) except those KEPT_EXTERNAL; a run-time import by our code of anything
 * not in `dependencies` (a devDependency) fails the build instead of failing in production.
 */
function bundledDependencies(dependencies: ReadonlySet<string>): Plugin {
  return {
    name: 'bundled-dependencies',
    setup(context) {
      context.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
        if (isBuiltin(path)) return { path, external: true };
        const name = packageName(path);
        if (BUNDLED.includes(name)) return undefined;
        const byOurCode = !importer.split(sep).includes('node_modules');
        if ((byOurCode || KEPT_EXTERNAL.has(name)) && !dependencies.has(name)) {
          return {
            errors: [
              {
                text: `${name} is imported at run time (by ${relative(ROOT, importer)}) but is not in dependencies`,
              },
            ],
          };
        }
        return KEPT_EXTERNAL.has(name) ? { path, external: true } : undefined;
      });
    },
  };
}

/**
 * The CommonJS dependencies compiled into ES modules still call `require` (Node's own modules) and
 * read `__filename` / `__dirname`: each output file defines them as a CommonJS module would have.
 */
const COMMONJS_GLOBALS = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __pathDirname } from 'node:path';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join('\n');

/** Writes the embedded database's templates of this build (a new in-memory database, migrated and seeded). */
export async function buildTemplates(outdir: string): Promise<void> {
  const database = await openDatabase({
    dataDir: 'memory://',
    pool: { statementTimeoutMs: 0, queryTimeoutMs: 600_000 },
  });
  try {
    await writeTemplates(outdir, database, {
      // The API started once on the database and stopped: what it creates on a first start is kept.
      start: async (storage) => {
        const config = loadConfig({ JWT_SECRET: randomBytes(32).toString('hex') }, {});
        const app = await buildApp({ config, database, storage, logger: false });
        await app.ready();
        await app.close();
      },
      seed: (storage) => seedDemo(database.db, { storage }),
    });
  } finally {
    await database.close();
  }
}

/** Compiles the API into `outdir`, with the embedded database's templates unless `templates` is false. */
export async function buildApi(outdir = join(ROOT, 'dist'), { templates = true } = {}): Promise<Metafile> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outbase: 'src',
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: true,
    // For stack traces (`--enable-source-maps`), which need the mappings, not the sources.
    sourcesContent: false,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    banner: { js: COMMONJS_GLOBALS },
    plugins: [bundledDependencies(new Set(Object.keys(manifest.dependencies ?? {})))],
  });
  if (templates) await buildTemplates(outdir);
  return result.metafile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outdir = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  const metafile = await buildApi(outdir);
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const total = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
  console.log(
    `built ${outputs.length} files (${(total / 1024).toFixed(0)} KiB) into ${relative(process.cwd(), outdir)}/`,
  );
}
