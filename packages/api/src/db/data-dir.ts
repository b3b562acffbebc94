import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

/** A NUL-terminated ASCII field of a tar header. */
function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('latin1');
}

interface Entry {
  path: string;
  directory: boolean;
  mode: number;
  content: Uint8Array;
}

/** The entries of a ustar archive as PGlite's `dumpDataDir()` writes it: files and folders. */
function* entriesOf(tar: Uint8Array): Generator<Entry> {
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    const name = field(header, 0, 100);
    if (name === '') return; // the two zero blocks that end the archive
    const prefix = field(header, 345, 155);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + BLOCK;
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type !== '0' && type !== '\0' && type !== '5') throw new Error(`unexpected tar entry type ${type} (${name})`);
    yield {
      path: prefix ? `${prefix}/${name}` : name,
      directory: type === '5',
      mode: Number.parseInt(field(header, 100, 8).trim() || '600', 8),
      content: tar.subarray(start, start + size),
    };
  }
}

/**
 * Unpacks a data folder dumped by PGlite (`dumpDataDir()`, a tarball, gzipped or not) into
 * `dataDir` on disk, which PGlite then opens as an existing folder: much faster than its own
 * `loadDataDir`, which unpacks through the WASM file system. `PG_VERSION`, which marks a data
 * folder as made, is written last: a start cut short leaves a folder still treated as new.
 * Synchronous: it runs in the embedded database's own thread, which has nothing else to do until
 * the folder is there, and a thousand small files are written several times faster than through
 * the thread pool one after the other.
 */
export function unpackDataDir(dump: Uint8Array, dataDir: string): void {
  const tar = dump[0] === 0x1f && dump[1] === 0x8b ? gunzipSync(dump) : dump;
  const root = normalize(dataDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  let version: Entry | undefined;
  for (const entry of entriesOf(tar)) {
    const relative = normalize(entry.path.replace(/^\/+/, ''));
    if (relative === '.') continue;
    if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`))
      throw new Error(`unsafe path in the data folder dump: ${entry.path}`);
    const target = join(root, relative);
    if (entry.directory) mkdirSync(target, { recursive: true, mode: entry.mode });
    else if (relative === 'PG_VERSION') version = entry;
    else {
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, entry.content, { mode: entry.mode });
    }
  }
  if (version) writeFileSync(join(root, 'PG_VERSION'), version.content, { mode: version.mode });
}
