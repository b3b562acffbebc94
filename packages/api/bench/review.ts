/**
 * Review benchmark: assigns and ranks 20 000 projects with 500 experts.
 *
 * 1. The pure shared functions (conflict-free assignment, trimmed-mean aggregation, ranking).
 * 2. The same through the database, on both: the embedded PGlite (its data folder on disk, in a
 *    temporary folder), then PostgreSQL in a scratch database it creates and drops at BENCH_PG_URL
 *    (skipped when no server answers), or only the database at BENCH_DATABASE_URL: the service's
 *    auto-assignment (conflicts checked per statement by the database), its phases and its memory,
 *    and the ranking query.
 *
 * Run: pnpm bench:review   (BENCH_REVIEW_PURE_ONLY=1 skips the database part)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import {
  FIELD_CODES,
  aggregateScores,
  assignExperts,
  rankProjects,
  type AssignableExpert,
  type AssignableProject,
  type ScoreEntry,
} from '@saishi/shared';
import { openDatabase, type Database } from '../src/db/client.js';
import { editions, reviewRounds, users } from '../src/db/tables.js';
import { autoAssign } from '../src/modules/review/auto-assignment.js';
import { roundRanking } from '../src/modules/review/ranking.js';
import { SettableClock } from '../src/plugins/clock.js';
import { LocalDiskStorage } from '../src/plugins/storage-local.js';
import { seedDemo } from '../src/seed/index.js';
import { seededRandom } from '../src/lib/seeded-random.js';
import { recordFigure } from './figures.js';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20_000);
const EXPERTS = Number(process.env.BENCH_EXPERTS ?? 500);
const UNITS = 4_000;
const PER_PROJECT = 5;
/** Topics per field: a project has one, an expert declares one (a topic match is rarer than a field's). */
const TOPICS_PER_FIELD = 5;

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;

export async function benchPure(): Promise<{ assignMs: number; rankMs: number }> {
  const next = seededRandom(20240820);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const projects: AssignableProject[] = Array.from({ length: PROJECTS }, (_, index) => {
    const units = [
      `unit:${Math.floor(next() * UNITS)}`,
      ...(next() < 0.2 ? [`unit:${Math.floor(next() * UNITS)}`] : []),
    ];
    const field = pick(FIELD_CODES);
    return {
      id: `p${String(index).padStart(6, '0')}`,
      conflictKeys: [`project:p${index}`, `team:t${index}`, ...units],
      fields: [field],
      topics: [`${field}:${Math.floor(next() * TOPICS_PER_FIELD)}`],
    };
  });
  const experts: AssignableExpert[] = Array.from({ length: EXPERTS }, (_, index) => ({
    id: `e${String(index).padStart(4, '0')}`,
    conflictKeys: [
      `unit:${Math.floor(next() * UNITS)}`,
      ...Array.from({ length: 3 }, () => `project:p${Math.floor(next() * PROJECTS)}`),
    ],
    fields: [pick(FIELD_CODES), pick(FIELD_CODES)],
    topics: [`${pick(FIELD_CODES)}:${Math.floor(next() * TOPICS_PER_FIELD)}`],
  }));

  // The baseline of the same run: the same assignment ignoring the experts' fields.
  let start = performance.now();
  const unmatched = assignExperts({ experts, projects, expertsPerProject: PER_PROJECT, matchFields: false });
  const baselineMs = performance.now() - start;
  start = performance.now();
  const plan = assignExperts({ experts, projects, expertsPerProject: PER_PROJECT });
  const assignMs = performance.now() - start;
  const loads = [...plan.load.values()];
  const share = (matched: number, total: number) => `${((100 * matched) / Math.max(1, total)).toFixed(1)}%`;
  console.log(
    `pure   assign ${PROJECTS} projects × ${PER_PROJECT} among ${EXPERTS} experts: ${assignMs.toFixed(0)} ms ` +
      `(${plan.assignments.length} pairs, shortfalls ${plan.shortfalls.length}, ${Math.min(...loads)}–${Math.max(...loads)} per expert)`,
  );
  const ratio = (assignMs / Math.max(1, baselineMs)).toFixed(2);
  const quality =
    `topic match ${share(plan.topicMatched, plan.assignments.length)}, ` +
    `field match ${share(plan.fieldMatched, plan.assignments.length)} of pairs ` +
    `(without matching: ${share(unmatched.topicMatched, unmatched.assignments.length)}, ` +
    `${share(unmatched.fieldMatched, unmatched.assignments.length)})`;
  console.log(`pure   expertise matching: ${ratio}× the same run without matching; ${quality}`);
  recordFigure({
    figure: 'assignment with expertise matching',
    value: `${assignMs.toFixed(0)} ms = ${ratio}× without matching; ${quality} (${PROJECTS} × ${PER_PROJECT} among ${EXPERTS})`,
  });

  const at = new Date('2024-08-25T02:00:00Z');
  const scores: ScoreEntry[] = plan.assignments.map((pair, index) => ({
    projectId: pair.projectId,
    expertId: pair.expertId,
    total: Math.round((40 + next() * 60) * 100) / 100,
    submittedAt: new Date(at.getTime() + index),
  }));
  const groupOf = (projectId: string) =>
    ['society|modeling', 'society|data_product', 'university|modeling'][Number(projectId.slice(1)) % 3]!;
  start = performance.now();
  const ranked = rankProjects(aggregateScores(scores), groupOf);
  const rankMs = performance.now() - start;
  start = performance.now();
  rankProjects(aggregateScores(scores, { normalize: true }), groupOf);
  console.log(
    `pure   rank ${scores.length} scores of ${PROJECTS} projects into ${ranked.size} groups: ${rankMs.toFixed(0)} ms (z-score normalized: ${ms(start)})`,
  );
  return { assignMs, rankMs };
}

/**
 * Full garbage collections, a second apart, before the run's memory is measured: the data load
 * leaves garbage, and pages freed by a collection leave the RSS a little later, so a figure taken
 * at once would count their return to the system against the run's growth. The flag is set at
 * run time, since the bench runs through tsx.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
async function settleMemory(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  collectGarbage();
}

/** Main-thread JS memory: the API's own objects (the embedded database's worker is not in it). */
const jsHeap = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
};

/**
 * How long the API's other requests wait during a run: a small read through the same pool (an
 * edition by its code, as GET /editions/current reads one) issued again 20 ms after each answer,
 * on connections opened before the run. A read that fails (a timeout) counts with its wait.
 */
async function probeOtherRequests(db: Database): Promise<() => Promise<{ waits: number[]; failed: number }>> {
  const read = () => db.select({ id: editions.id }).from(editions).where(eq(editions.code, '2024-guangxi'));
  await Promise.all([read(), read(), read()]);
  const waits: number[] = [];
  let failed = 0;
  let running = true;
  const probing = (async () => {
    while (running) {
      const start = performance.now();
      await read().catch(() => (failed += 1));
      waits.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    running = false;
    await probing;
    return { waits, failed };
  };
}

export async function benchDatabase(pure?: { assignMs: number }, url?: string): Promise<void> {
  // The use cases take storage too; nothing is written to it here.
  const storageDir = mkdtempSync(join(tmpdir(), 'saishi-bench-'));
  // Bulk loads of thousands of rows: no statement or query timeout. The embedded database keeps
  // its data folder on disk, as a server does (in memory its files would count as its memory).
  const handle = await openDatabase({
    url,
    dataDir: join(storageDir, 'data'),
    pool: { statementTimeoutMs: 0, queryTimeoutMs: 600_000 },
  });
  try {
    await handle.migrate();
    await seedDemo(handle.db);
    const db = handle.db;
    // Rows carry a time of the 2024 collection stage, as the platform's clock would give them.
    const loadedAt = new Date('2024-08-01T00:00:00Z');
    let start = performance.now();
    await db.execute(sql`
      insert into units (edition_id, name, type, credit_code, created_at)
      select e.id, 'Bench unit ' || g, 'enterprise', '91450100' || lpad(g::text, 9, '0') || 'X', ${loadedAt}
        from editions e, generate_series(1, ${UNITS}) g where e.code = '2024-guangxi'`);
    await db.execute(sql`
      insert into users (email, display_name, role, password_hash, created_at)
      select 'bench-leader-' || g || '@example.test', 'Leader ' || g, 'participant', '!bench', ${loadedAt} from generate_series(1, ${PROJECTS}) g`);
    await db.execute(sql`
      insert into teams (edition_id, track_id, name, entrant_kind, leader_user_id, qualification_status, invite_code, created_at, updated_at)
      select e.id, (select id from tracks t where t.edition_id = e.id and t.code = case when g % 3 = 2 then 'university' else 'society' end),
             'Bench team ' || g, 'units', u.id, 'approved', 'BENCH' || g, ${loadedAt}, ${loadedAt}
        from editions e, generate_series(1, ${PROJECTS}) g
        join users u on u.email = 'bench-leader-' || g || '@example.test'
       where e.code = '2024-guangxi'`);
    await db.execute(sql`
      insert into team_units (team_id, unit_id, is_lead)
      select t.id, (select id from units u where u.edition_id = t.edition_id
                         and u.credit_code = '91450100' || lpad((1 + (hashtext(t.id::text) & 2147483647) % ${UNITS})::text, 9, '0') || 'X'), true
        from teams t where t.name like 'Bench team %'`);
    await db.execute(sql`
      insert into projects (edition_id, team_id, title, direction_code, category_code, latest_version, created_at, updated_at)
      select t.edition_id, t.id, 'Bench project ' || t.name,
             case when t.invite_code::text ~ '[0-9]*[02468]$' then 'modeling' else 'product_innovation' end,
             case when t.invite_code::text ~ '[0-9]*[02468]$' then 'modeling' else 'data_product' end, 1, ${loadedAt}, ${loadedAt}
        from teams t where t.name like 'Bench team %'`);
    // Rankings read the submitted version, so every project gets one.
    await db.execute(sql`
      insert into project_versions (project_id, number, snapshot, submitted_at)
      select p.id, 1, jsonb_build_object('title', p.title, 'summary', '', 'direction', p.direction_code,
                                         'category', p.category_code, 'topics', '[]'::jsonb), ${loadedAt}
        from projects p where p.title like 'Bench project %'`);
    await db.execute(sql`
      insert into users (email, display_name, role, password_hash, created_at)
      select 'bench-expert-' || g || '@example.test', 'Expert ' || g, 'expert', '!bench', ${loadedAt} from generate_series(1, ${EXPERTS}) g`);
    await db.execute(sql`
      insert into expert_profiles (user_id, affiliation_name, affiliation_credit_code, field_codes, created_at, updated_at)
      select u.id, 'Bench unit', '91450100' || lpad((1 + (hashtext(u.email) & 2147483647) % ${UNITS})::text, 9, '0') || 'X', '["healthcare"]'::jsonb, ${loadedAt}, ${loadedAt}
        from users u where u.email like 'bench-expert-%'`);
    console.log(`db     load ${PROJECTS} projects, ${EXPERTS} experts, ${UNITS} units (${handle.kind}): ${ms(start)}`);

    const [round] = await db
      .select({ id: reviewRounds.id })
      .from(reviewRounds)
      .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
      .where(and(eq(editions.code, '2024-guangxi'), eq(reviewRounds.kind, 'preliminary')));
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'bench-leader-1@example.test'));
    await db.execute(sql`update review_rounds set status = 'open' where id = ${round!.id}`);
    const now = new Date('2024-08-20T02:00:00Z');
    const deps = { db, clock: new SettableClock(now), storage: new LocalDiskStorage(storageDir) };
    await settleMemory();
    const [rssBefore, heapBefore] = [process.memoryUsage().rss, jsHeap()];
    let [rssPeak, heapPeak] = [rssBefore, heapBefore];
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      heapPeak = Math.max(heapPeak, jsHeap());
    }, 20);
    // Where the time goes: each phase the service reports, from the previous report.
    const phases = new Map<string, number>();
    let phaseStart = performance.now();
    let lastPhase = 'start';
    const progress = async (step: { phase: string }) => {
      phases.set(lastPhase, (phases.get(lastPhase) ?? 0) + performance.now() - phaseStart);
      [lastPhase, phaseStart] = [step.phase, performance.now()];
    };
    const stopProbing = await probeOtherRequests(db);
    start = performance.now();
    const result = await autoAssign(deps, round!.id, { sub: admin!.id, role: 'admin' }, progress);
    const assignMs = performance.now() - start;
    await progress({ phase: 'end' });
    const { waits, failed } = await stopProbing();
    waits.sort((a, b) => a - b);
    const waited =
      `${waits.length} reads (${failed} failed), median ${waits[Math.floor(waits.length / 2)]?.toFixed(0)} ms, ` +
      `slowest ${waits.at(-1)?.toFixed(0)} ms`;
    console.log(`db     another request during the run on ${handle.kind}: ${waited}`);
    console.log(
      `db     auto-assign phases on ${handle.kind}: ${[...phases].map(([phase, took]) => `${phase} ${took.toFixed(0)} ms`).join(', ')}`,
    );
    clearInterval(sampler);
    const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
    const rssGrowth = Math.max(rssPeak, process.memoryUsage().rss) - rssBefore;
    const heapGrowth = heapPeak - heapBefore;
    // The peak RSS growth, split: the API's JS heap, and the rest (on the embedded database its
    // worker: PGlite's WASM memory and the in-memory data files the new rows are written to).
    const memory =
      `+${mib(rssGrowth)} RSS at peak: JS heap of the API +${mib(heapGrowth)}, ` +
      `outside it +${mib(Math.max(0, rssGrowth - heapGrowth))}${handle.kind === 'pglite' ? ' (PGlite worker: WASM memory, shared buffers)' : ''}`;
    // The baseline of the same run: the in-memory plan of the same size (benchPure).
    const overPure = pure ? ` = ${(assignMs / pure.assignMs).toFixed(1)}× the in-memory plan` : '';
    console.log(
      `db     auto-assign on ${handle.kind} (service + COI check per statement + ledger): ${ms(start)}${overPure}, ` +
        `${result.created} assignments, shortfalls ${result.shortfalls.length}`,
    );
    console.log(`db     auto-assign memory on ${handle.kind}: ${memory}`);
    recordFigure({
      figure: 'automatic assignment',
      value: `${handle.kind}: ${assignMs.toFixed(0)} ms${overPure}, ${memory}; another request waits ${waited} (${PROJECTS} × ${PER_PROJECT})`,
    });

    start = performance.now();
    await db.execute(sql`
      insert into scores (assignment_id, values, total, status, submitted_at, updated_at)
      select a.id, '{}'::jsonb, 40 + (hashtext(a.id::text) & 65535) / 1092.25, 'submitted', ${now}, ${now}
        from assignments a where a.round_id = ${round!.id}`);
    console.log(`db     insert ${result.created} submitted scores: ${ms(start)}`);
    start = performance.now();
    const { ranking } = await roundRanking(db, round!.id);
    console.log(
      `db     ranking query + aggregation: ${ms(start)} (${ranking.groups.reduce((sum, group) => sum + group.entries.length, 0)} projects ranked in ${ranking.groups.length} groups)`,
    );
  } finally {
    await handle.close();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

/** Runs `run` on a new database of the PostgreSQL server at BENCH_PG_URL, dropped afterwards. */
async function onScratchPostgres(run: (url: string) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`db     PostgreSQL skipped: no server at BENCH_PG_URL (${(error as Error).message})`);
    return;
  }
  const database = `saishi_bench_review_${process.pid}`;
  await admin.query(`create database ${database}`);
  try {
    await run(Object.assign(new URL(PG_URL), { pathname: `/${database}` }).toString());
  } finally {
    await admin.query(`drop database ${database} with (force)`);
    await admin.end();
  }
}

export async function benchReview(): Promise<void> {
  const total = performance.now();
  const pure = await benchPure();
  if (!process.env.BENCH_REVIEW_PURE_ONLY) {
    if (process.env.BENCH_DATABASE_URL) await benchDatabase(pure, process.env.BENCH_DATABASE_URL);
    else {
      await benchDatabase(pure);
      await onScratchPostgres((url) => benchDatabase(pure, url));
    }
  }
  console.log(`review bench total: ${ms(total)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchReview();
}
