import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackDataDir } from './data-dir.js';
import { isNewDataFolder } from './templates.js';

let folder: string;
let dump: Uint8Array;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'saishi-data-dir-'));
  const db = await PGlite.create('memory://');
  await db.exec(`create table kept (id int primary key, name text); insert into kept values (1, '赛事'), (2, 'demo');`);
  dump = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
  await db.close();
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a dumped data folder unpacked on disk', () => {
  it('opens as an existing database with its rows, and is no longer new', async () => {
    const dataDir = join(folder, 'unpacked');
    expect(isNewDataFolder(dataDir)).toBe(true);
    unpackDataDir(dump, dataDir);
    expect(isNewDataFolder(dataDir)).toBe(false);
    const db = await PGlite.create(dataDir);
    try {
      expect((await db.query('select id, name from kept order by id')).rows).toEqual([
        { id: 1, name: '赛事' },
        { id: 2, name: 'demo' },
      ]);
    } finally {
      await db.close();
    }
  });

  it('counts a folder without PG_VERSION (empty, or an unpacking cut short) as new', async () => {
    const dataDir = join(folder, 'partial');
    unpackDataDir(dump, dataDir);
    rmSync(join(dataDir, 'PG_VERSION'));
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
    expect(isNewDataFolder(dataDir)).toBe(true);
    unpackDataDir(dump, dataDir);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(isNewDataFolder('memory://')).toBe(true);
  });
});
