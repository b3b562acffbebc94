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
