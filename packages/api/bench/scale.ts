/**
 * Scale benchmark (issue 12): the organizers' search and exports at a province (1,200 projects)
 * and at the nation (20,000), on PostgreSQL, in one run. Figures are ratios of the two sizes (a
 * flat search is 1.0×; a linear export is 1.0× per row) plus the times themselves, never asserted.
 * The world comes from the scale generator (`pnpm --filter @saishi/api seed --scale …`).
 *
 * Run: pnpm --filter @saishi/api bench:scale
 *   BENCH_PG_URL  PostgreSQL server to create a scratch database in (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { desc, like } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { teams } from '../src/db/tables.js';
import { exportProjects } from '../src/modules/projects/export.js';
import { listProjects } from '../src/modules/projects/listing.js';
import { SettableClock } from '../src/plugins/clock.js';
import { LocalDiskStorage } from '../src/plugins/storage-local.js';
import { seedDemo } from '../src/seed/index.js';
import { SCALES, seedScale } from '../src/seed/scale.js';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SEARCHES = 25;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

interface Figures {
  projects: number;
  rareSearchMs: number;
  csvMs: number;
  xlsxMs: number;
  exportRssGrowthMiB: number;
}

type Deps = Parameters<typeof listProjects>[0];

/** Median time of a search for one rare title (one project matches). */
async function rareSearch(deps: Deps): Promise<number> {
  const [rare] = await deps.db
    .select({ term: teams.name })
    .from(teams)
    .where(like(teams.inviteCode, 'SCALE%'))
    .orderBy(desc(teams.createdAt), desc(teams.id))
    .limit(1);
  const times: number[] = [];
  for (let index = 0; index < SEARCHES; index++) {
    const started = performance.now();
    const page = await listProjects(deps, { edition: 'current', limit: 20, sort: 'newest', q: rare!.term });
    times.push(performance.now() - started);
    if (page.items.length !== 1) throw new Error(`expected one project for ${rare!.term}, got ${page.items.length}`);
  }
  return median(times);
}

const BENCH_ORGANIZER = '00000000-0000-4000-8000-000000000000';

/** Time to stream the whole list as a file into nothing, and how much the process grew meanwhile. */
async function exportTime(deps: Deps, format: 'csv' | 'xlsx'): Promise<{ ms: number; growthMiB: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const started = performance.now();
  // A masked export (no reason given): the actor is only checked for an unmasked one.
  const file = await exportProjects(deps, { edition: 'current', format }, { sub: BENCH_ORGANIZER, role: 'admin' });
  await pipeline(
    file.body,
    new Writable({
      write(_chunk, _encoding, done) {
        peak = Math.max(peak, process.memoryUsage().rss);
        done();
      },
    }),
  );
  return { ms: performance.now() - started, growthMiB: (peak - before) / 1024 ** 2 };
}

async function measure(deps: Deps, projects: number): Promise<Figures> {
  const rareSearchMs = await rareSearch(deps);
  const csv = await exportTime(deps, 'csv');
  const xlsx = await exportTime(deps, 'xlsx');
  return {
    projects,
    rareSearchMs,
    csvMs: csv.ms,
    xlsxMs: xlsx.ms,
    exportRssGrowthMiB: Math.max(csv.growthMiB, xlsx.growthMiB),
  };
}

async function main() {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const database = `saishi_bench_scale_${process.pid}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const url = Object.assign(new URL(PG_URL), { pathname: `/${database}` }).toString();
  const storageDir = mkdtempSync(join(tmpdir(), 'saishi-bench-scale-'));
  const handle = await openDatabase({
    url,
    dataDir: 'memory://',
    pool: { statementTimeoutMs: 0, queryTimeoutMs: 600_000 },
  });
  try {
    await handle.migrate();
    await seedDemo(handle.db);
    const storage = new LocalDiskStorage(storageDir);
    const deps = { db: handle.db, clock: new SettableClock('2024-08-20T10:00:00+08:00'), storage };

    let started = performance.now();
    await seedScale(handle.db, { ...SCALES.province, storage });
    console.log(
      `generated the province (${SCALES.province.projects} projects): ${fixed(performance.now() - started, 0)} ms`,
    );
    const province = await measure(deps, SCALES.province.projects);

    started = performance.now();
    const rest = SCALES.national.projects - SCALES.province.projects;
    await seedScale(handle.db, { projects: rest, experts: SCALES.national.experts - SCALES.province.experts, storage });
    console.log(`generated the nation (+${rest} projects): ${fixed(performance.now() - started, 0)} ms`);
    const nation = await measure(deps, SCALES.national.projects);

    const size = nation.projects / province.projects;
    console.log(
      `\nScale on PostgreSQL: ${province.projects} → ${nation.projects} projects (${fixed(size, 1)}× the data)`,
    );
    console.log(
      `  rare-title search      ${fixed(province.rareSearchMs)} ms → ${fixed(nation.rareSearchMs)} ms  ` +
        `${fixed(nation.rareSearchMs / province.rareSearchMs)}× (goal: flat, ≤ 20 ms)`,
    );
    for (const [name, before, after] of [
      ['CSV export ', province.csvMs, nation.csvMs],
      ['XLSX export', province.xlsxMs, nation.xlsxMs],
    ] as const) {
      console.log(
        `  ${name}            ${fixed(before, 0)} ms → ${fixed(after, 0)} ms  ` +
          `${fixed(after / before / size)}× linear (goal ≤ 3,000 ms at ${nation.projects}, linear)`,
      );
    }
    console.log(
      `  export memory growth   ${fixed(province.exportRssGrowthMiB, 1)} MiB → ${fixed(nation.exportRssGrowthMiB, 1)} MiB (goal: flat)`,
    );
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

await main();
