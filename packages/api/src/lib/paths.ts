import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageFolder(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${from}`);
  }
}

/**
 * The API package's folder (package.json, drizzle/, dist/), found by walking up from this file:
 * the same whether the code runs from source (src/lib/paths.ts under tsx or vitest), bundled into
 * any file of dist/ (`node dist/server.js`), or from a `pnpm deploy` folder in the image.
 * Resolve files the API ships from here rather than relative to `import.meta.url`, whose depth
 * differs between src/ and the bundle.
 */
export const API_ROOT = packageFolder(dirname(fileURLToPath(import.meta.url)));

/** Whether this code runs from its TypeScript source (tsx, vitest) rather than from the build. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The file of another entry of the API, named by its path under src/ without extension
 * (`db/pglite-worker`), e.g. to start it as a worker thread: src/db/pglite-worker.ts from source,
 * or the compiled entry of the same build as the running code (<outdir>/db/pglite-worker.js, found
 * by walking up from this file, which is bundled somewhere in that outdir). The entry must be
 * listed in scripts/build.ts.
 */
export function entryFile(path: string): string {
  const file = `${path}${RUNNING_FROM_SOURCE ? '.ts' : '.js'}`;
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    if (existsSync(join(folder, file))) return join(folder, file);
    if (dirname(folder) === folder) throw new Error(`entry ${file} not found above ${import.meta.url}`);
  }
}
