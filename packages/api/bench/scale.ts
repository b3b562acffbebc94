/**
 * Scale benchmark (issue 12): the organizers' search, their lists of projects and teams read page
 * by page to their end in each order, and the exports, at a province (1,200 projects) and at the
 * nation (20,000), on PostgreSQL, in one run. Figures are ratios of the two sizes (a flat search
 * is 1.0×; a linear walk or export is 1.0× per row), the exports ÷ a bare baseline measured
 * in the same run (one plain SELECT of the same projects through csv-stringify, what a hand-written
 * export would at least cost), plus the times themselves, never asserted. An export's memory is
 * two figures: how much the process grew (peak RSS from a collected heap: mostly garbage V8 has
 * not collected yet) and how much the export held (live heap, full collections during a run).
 * The world comes from the scale generator (`pnpm --filter @saishi/api seed --scale …`).
 *
 * Run: pnpm --filter @saishi/api bench:scale
 *   BENCH_PG_URL          PostgreSQL server to create a scratch database in (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SCALE_PROJECTS  the larger size (default 20,000, the nation; e.g. 3000 for a quick run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { desc, eq, like, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { teams, users } from '../src/db/tables.js';
import { resolveEdition } from '../src/modules/editions/resolve.js';
import { exportProjects } from '../src/modules/projects/export.js';
import { listProjects } from '../src/modules/projects/listing.js';
import { PROJECT_SORTS } from '../src/modules/projects/schemas.js';
import { TEAM_SORTS } from '../src/modules/teams/schemas.js';
import { listTeams } from '../src/modules/teams/teams.js';
import { SettableClock } from '../src/plugins/clock.js';
import { LocalDiskStorage } from '../src/plugins/storage-local.js';
import { seedDemo } from '../src/seed/index.js';
import { SCALES, seedScale } from '../src/seed/scale.js';
import { recordFigure } from './figures.js';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SEARCHES = 25;
/** Rows a page when a list is read to its end (the largest page the API gives is 200). */
const WALK_PAGE = 100;
const LARGER = Number(process.env.BENCH_SCALE_PROJECTS ?? SCALES.national.projects);
/** The larger world's experts, in the nation's proportion. */
const LARGER_EXPERTS = Math.round((LARGER * SCALES.national.experts) / SCALES.national.projects);

// A full garbage collection on demand (V8's `gc`, exposed at run time rather than by a flag to tsx).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * The heap collected and its freed pages given back: V8 unmaps them in the background shortly
 * after a collection, so a resident size read at once would still count them (and an export
 * would then seem to grow by nothing while they go).
 */
async function collectedHeap(): Promise<void> {
  collectGarbage();
  await delay(250);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

interface Figures {
  projects: number;
  rareSearchMs: number;
  /** Reading each of LISTS page by page to its end, following the cursors (median of 3). */
  walkMs: Map<string, number>;
  csvMs: number;
  xlsxMs: number;
  /** The bare baseline: the same projects in one plain SELECT, written as CSV. */
  bareCsvMs: number;
  /** The largest peak RSS growth of the three runs of each format. */
  csvGrowthMiB: number;
  xlsxGrowthMiB: number;
  /** The most the export held at once: live heap growth after a full collection, its maximum during a run. */
  csvHeldMiB: number;
  xlsxHeldMiB: number;
}

type Deps = Parameters<typeof listProjects>[0];

/**
 * A generated team's name that finds exactly one project: among the longest names (no other name
 * can hold them), the first whose search answers one project.
 */
async function rareTerm(deps: Deps): Promise<string> {
  const candidates = await deps.db
    .select({ term: teams.name })
    .from(teams)
    .where(like(teams.inviteCode, 'SCALE%'))
    .orderBy(desc(sql`length(${teams.name})`), desc(teams.name))
    .limit(20);
  for (const { term } of candidates) {
    const page = await listProjects(deps, { edition: 'current', limit: 20, sort: 'newest', q: term });
    if (page.items.length === 1) return term;
  }
  throw new Error('no generated team name finds exactly one project');
}

/** Median time of a search for one rare title (one project matches). */
async function rareSearch(deps: Deps): Promise<number> {
  const term = await rareTerm(deps);
  const times: number[] = [];
  for (let index = 0; index < SEARCHES; index++) {
    const started = performance.now();
    const page = await listProjects(deps, { edition: 'current', limit: 20, sort: 'newest', q: term });
    times.push(performance.now() - started);
    if (page.items.length !== 1) throw new Error(`expected one project for ${term}, got ${page.items.length}`);
  }
  return median(times);
}

/** A page of one of the organizers' lists in one of its orders, after the cursor. */
type ListPage = (
  deps: Deps,
  cursor: string | undefined,
) => Promise<{ items: unknown[]; nextCursor: string | null; total: number }>;

/** The organizers' lists of the current edition, in each of their orders, WALK_PAGE a page. */
const LISTS: { name: string; page: ListPage }[] = [
  ...PROJECT_SORTS.map((sort) => ({
    name: `projects by ${sort}`,
    page: (deps: Deps, cursor: string | undefined) =>
      listProjects(deps, { edition: 'current', limit: WALK_PAGE, sort, cursor }),
  })),
  ...TEAM_SORTS.map((sort) => ({
    name: `teams by ${sort}`,
    page: (deps: Deps, cursor: string | undefined) =>
      listTeams(deps, { edition: 'current', limit: WALK_PAGE, sort, cursor }),
  })),
];

/** Time to read a whole list, following the cursors, as an organizer pages through it. */
async function walkTime(deps: Deps, list: (typeof LISTS)[number]): Promise<number> {
  const started = performance.now();
  let cursor: string | undefined;
  let read = 0;
  let counted: number;
  do {
    const page = await list.page(deps, cursor);
    read += page.items.length;
    counted = page.total;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (read !== counted) throw new Error(`read ${read} of ${list.name}, the list counts ${counted}`);
  return performance.now() - started;
}

/** The demo's organizer: every export is logged under the account that made it. */
async function organizerId(deps: Deps): Promise<string> {
  const [organizer] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@saishi.demo'));
  if (!organizer) throw new Error('no demo organizer');
  return organizer.id;
}

/** Chunks written between two full collections when measuring what an export holds. */
const CHUNKS_PER_COLLECTION = 8;

/**
 * Time to stream the whole list as a file into nothing, and how much the process grew meanwhile,
 * from a collected heap (so that the garbage of what ran before is not counted). With `held`, a
 * full collection every CHUNKS_PER_COLLECTION chunks measures instead what the export holds
 * (the live heap's growth; its time is then not the export's).
 */
async function exportTime(
  deps: Deps,
  format: 'csv' | 'xlsx',
  organizer: string,
  held = false,
): Promise<{ ms: number; growthMiB: number }> {
  await collectedHeap();
  const before = held ? process.memoryUsage().heapUsed : process.memoryUsage.rss();
  let peak = before;
  let chunks = 0;
  const started = performance.now();
  // A masked export (no reason given): the actor is only checked for an unmasked one.
  const file = await exportProjects(deps, { edition: 'current', format }, { sub: organizer, role: 'admin' });
  await pipeline(
    file.body,
    new Writable({
      write(_chunk, _encoding, done) {
        if (!held) {
          // The cheap reading of the resident size (memoryUsage() walks the heap at every chunk).
          peak = Math.max(peak, process.memoryUsage.rss());
        } else if (++chunks % CHUNKS_PER_COLLECTION === 0) {
          collectGarbage();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        done();
      },
    }),
  );
  return { ms: performance.now() - started, growthMiB: (peak - before) / 1024 ** 2 };
}

/** The baseline: every project of the edition in one plain SELECT (no joins), through csv-stringify. */
async function bareCsvTime(pool: pg.Pool, editionId: string): Promise<number> {
  const started = performance.now();
  const { rows } = await pool.query<Record<string, unknown>>(
    `select id, title, direction_code, category_code, latest_version, first_submitted_at, last_submitted_at
       from projects where edition_id = $1 order by created_at desc, id desc`,
    [editionId],
  );
  const csv = stringify({ bom: true, header: true, columns: Object.keys(rows[0] ?? {}) });
  const written = pipeline(csv, new Writable({ write: (_chunk, _encoding, done) => done() }));
  for (const row of rows) csv.write(row);
  csv.end();
  await written;
  return performance.now() - started;
}

async function measure(deps: Deps, pool: pg.Pool, projects: number): Promise<Figures> {
  const rareSearchMs = await rareSearch(deps);
  const walks = new Map<string, number[]>(LISTS.map((list) => [list.name, []]));
  for (let round = 0; round < 3; round++) {
    for (const list of LISTS) walks.get(list.name)!.push(await walkTime(deps, list));
  }
  const walkMs = new Map(LISTS.map((list) => [list.name, median(walks.get(list.name)!)]));
  const edition = await resolveEdition(deps.db, 'current');
  const organizer = await organizerId(deps);
  // Interleaved: the baseline and the exports see the same load of a shared machine.
  const bare: number[] = [];
  const csv: { ms: number; growthMiB: number }[] = [];
  const xlsx: { ms: number; growthMiB: number }[] = [];
  for (let round = 0; round < 3; round++) {
    bare.push(await bareCsvTime(pool, edition.id));
    csv.push(await exportTime(deps, 'csv', organizer));
    xlsx.push(await exportTime(deps, 'xlsx', organizer));
  }
  const csvHeld = await exportTime(deps, 'csv', organizer, true);
  const xlsxHeld = await exportTime(deps, 'xlsx', organizer, true);
  return {
    projects,
    rareSearchMs,
    walkMs,
    csvMs: median(csv.map((run) => run.ms)),
    xlsxMs: median(xlsx.map((run) => run.ms)),
    bareCsvMs: median(bare),
    csvGrowthMiB: Math.max(...csv.map((run) => run.growthMiB)),
    xlsxGrowthMiB: Math.max(...xlsx.map((run) => run.growthMiB)),
    csvHeldMiB: csvHeld.growthMiB,
    xlsxHeldMiB: xlsxHeld.growthMiB,
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
    // After each load, the tables' statistics, as autovacuum takes them a minute after such a load.
    await handle.pool.query('analyze');
    // One export of each format first, not measured: the first one of the process loads ExcelJS and
    // compiles the export's code, growth that the province's figure would otherwise carry alone.
    const organizer = await organizerId(deps);
    await exportTime(deps, 'csv', organizer);
    await exportTime(deps, 'xlsx', organizer);
    const province = await measure(deps, handle.pool, SCALES.province.projects);

    started = performance.now();
    const rest = LARGER - SCALES.province.projects;
    await seedScale(handle.db, { projects: rest, experts: LARGER_EXPERTS - SCALES.province.experts, storage });
    console.log(`generated ${LARGER} projects (+${rest}): ${fixed(performance.now() - started, 0)} ms`);
    await handle.pool.query('analyze');
    const nation = await measure(deps, handle.pool, LARGER);

    const size = nation.projects / province.projects;
    console.log(
      `\nScale on PostgreSQL: ${province.projects} → ${nation.projects} projects (${fixed(size, 1)}× the data)`,
    );
    console.log(
      `  rare-title search      ${fixed(province.rareSearchMs)} ms → ${fixed(nation.rareSearchMs)} ms  ` +
        `${fixed(nation.rareSearchMs / province.rareSearchMs)}× (goal: flat, ≤ 20 ms)`,
    );
    const walks = LISTS.map(({ name }) => {
      const [before, after] = [province.walkMs.get(name)!, nation.walkMs.get(name)!];
      return `${name} ${fixed(before, 0)} → ${fixed(after, 0)} ms (${fixed(after / before / size)}× linear)`;
    });
    console.log(`  lists read to their end, ${WALK_PAGE} a page:\n    ${walks.join('\n    ')}`);
    recordFigure({ figure: "the organizers' lists read to their end", value: walks.join(', ') });
    console.log(
      `  bare CSV baseline      ${fixed(province.bareCsvMs, 0)} ms → ${fixed(nation.bareCsvMs, 0)} ms  ` +
        `(one plain SELECT of the same projects through csv-stringify)`,
    );
    for (const [name, format, before, after] of [
      ['CSV export ', 'csv', province, nation],
      ['XLSX export', 'xlsx', province, nation],
    ] as const) {
      const ms = (figures: Figures) => (format === 'csv' ? figures.csvMs : figures.xlsxMs);
      const linearity = ms(after) / ms(before) / size;
      const overBare = ms(after) / after.bareCsvMs;
      console.log(
        `  ${name}            ${fixed(ms(before), 0)} ms → ${fixed(ms(after), 0)} ms  ` +
          `${fixed(linearity)}× linear, ${fixed(overBare, 1)}× the bare baseline at ${after.projects} ` +
          `(goal ≤ 3,000 ms at ${after.projects}, linear)`,
      );
      recordFigure({
        figure: `${format.toUpperCase()} export of ${after.projects} projects`,
        value: `${fixed(ms(after), 0)} ms, ${fixed(overBare, 1)}× bare, ${fixed(linearity)}× linear`,
      });
    }
    const growth = (figures: Figures) =>
      `CSV ${fixed(figures.csvGrowthMiB, 1)}, XLSX ${fixed(figures.xlsxGrowthMiB, 1)} MiB`;
    const held = (figures: Figures) => `CSV ${fixed(figures.csvHeldMiB, 1)}, XLSX ${fixed(figures.xlsxHeldMiB, 1)} MiB`;
    console.log(`  export memory growth   ${growth(province)} → ${growth(nation)} (peak RSS; goal: flat)`);
    console.log(`  export memory held     ${held(province)} → ${held(nation)} (live heap after full collections)`);
    recordFigure({
      figure: 'export memory growth',
      value: `${growth(province)} → ${growth(nation)}; held ${held(province)} → ${held(nation)}`,
    });
    recordFigure({
      figure: 'rare-title search',
      value: `${fixed(nation.rareSearchMs)} ms, ${fixed(nation.rareSearchMs / province.rareSearchMs)}× the ${province.projects}-project figure`,
    });
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

await main();
