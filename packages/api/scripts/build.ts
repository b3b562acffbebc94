/**
 * Compiles the API for production into dist/ (`node dist/server.js`), with esbuild:
 * - our source and @saishi/shared (a workspace package that exports TypeScript) are bundled;
 * - every npm package stays external and loads from node_modules as installed (argon2's binary,
 *   pdfkit's font data, pino's transport workers need their own files), so the production image
 *   needs the package's `dependencies` and nothing else; a runtime import of anything else (a
 *   devDependency) fails the build instead of failing in production;
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
import { join, relative, resolve } from 'node:path';
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

function packageName(specifier: string): string {
  const [first = '', second = ''] = specifier.split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Leaves `dependencies` external, bundles the workspace packages, refuses anything else. */
function dependenciesOnly(dependencies: ReadonlySet<string>): Plugin {
  return {
    name: 'dependencies-only',
    setup(context) {
      context.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
        if (isBuiltin(path)) return { path, external: true };
        const name = packageName(path);
        if (BUNDLED.includes(name)) return undefined;
        if (dependencies.has(name)) return { path, external: true };
        return {
          errors: [
            {
              text: `${name} is imported at run time (by ${relative(ROOT, importer)}) but is not in dependencies`,
            },
          ],
        };
      });
    },
  };
}

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
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    plugins: [dependenciesOnly(new Set(Object.keys(manifest.dependencies ?? {})))],
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
