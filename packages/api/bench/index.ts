/**
 * Runs every benchmark (`pnpm bench`), each in its own process so that one's memory and warm-up do
 * not colour another's figures. A benchmark is `bench/<name>.ts` listed here. At the end it prints
 * the goals table of issue 12: each figure of this run (ratios against the baselines each benchmark
 * measures in the same run, `recordFigure`), its goal, and the previous figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figures.js';

const BENCHES = ['reads', 'upload', 'review', 'scale', 'rush', 'faults', 'archive'];

/**
 * The rows of the table: the figure's name as benchmarks record it, its goal, and the
 * figures measured before (issue 12 on the landed main, and the last session's notes).
 */
export const GOALS: { figure: string; goal: string; previous: string }[] = [
  {
    figure: 'bulk blind-file ZIP',
    goal: 'memory flat for a 2 GiB round (RSS + < 64 MiB)',
    previous: '— (new in issue 16.6)',
  },
  {
    figure: 'single-query public reads',
    goal: '≥ 0.7× bare Fastify+pg, PostgreSQL, 10 connections',
    previous: '0.26× (issue), 0.11× (last session)',
  },
  {
    figure: 'organizer list, public results',
    goal: '≥ 0.4× bare Fastify+pg',
    previous: '0.05–0.09×',
  },
  {
    figure: 'embedded p99 at 100 connections',
    goal: '≤ 250 ms, 0 timeouts',
    previous: 'p99 3.5–5.8 s, 25–147 timeouts',
  },
  {
    figure: 'automatic assignment',
    goal: '≤ 5 s, a job with progress, ≤ 64 MiB extra (20,000 × 5)',
    previous: '26.6 s in one request, +221 MiB',
  },
  {
    figure: 'rare-title search',
    goal: '≤ 20 ms at 20,000, flat from 1,200',
    previous: '275 ms, 12.5× the 1,200 figure',
  },
  {
    figure: 'XLSX export of 20000 projects',
    goal: '≤ 3 s, linear, memory flat',
    previous: '10.5 s, 37× for 16.7× the data (issue); 75 s under load (last session)',
  },
  { figure: 'CSV export of 20000 projects', goal: '≤ 3 s, linear, memory flat', previous: '75 s under load' },
  {
    figure: "the organizers' lists read to their end",
    goal: 'linear in the projects and teams, in every order (100 a page)',
    previous:
      'projects 7.5 s at 20,000 (issue), by title 5.9 s, by submission 8.1 s; teams 20–35 s through HTTP (2026-11-27)',
  },
  { figure: 'export memory growth', goal: 'flat from 1,200 to 20,000', previous: '—' },
  {
    figure: 'cold start',
    goal: 'embedded fresh ≤ 2 s / PostgreSQL ≤ 1 s',
    previous: 'embedded fresh 7.5 s, PostgreSQL 3.6 s (bare 0.36 s)',
  },
  {
    figure: 'deadline rush',
    goal: '1,000 concurrent clients on PostgreSQL: 0 errors, p99 reported',
    previous: 'not measured',
  },
  {
    figure: 'upload of a 1 GiB video',
    goal: 'streamed: RSS growth < 64 MiB',
    previous: '0.8× bare throughput, 0–3 MiB RSS growth (issue)',
  },
  {
    figure: 'fuzz of every operation',
    goal: '0 × 5xx (issue 18)',
    previous: '—',
  },
  {
    figure: 'database stalled',
    goal: '503 with Retry-After within the pool timeouts (2–2.5 s), no hang; back by itself (issue 18)',
    previous: '—',
  },
  {
    figure: 'database lost',
    goal: '503 with Retry-After within the pool timeouts (2–2.5 s), no hang; back by itself (issue 18)',
    previous: '—',
  },
  {
    figure: '/healthz under hostile imports',
    goal: 'files refused with 4xx, /healthz near idle, memory bounded (issue 18)',
    previous: '1.59 GB for a 1,000,000-row workbook (issue 18)',
  },
];

/** The table, Markdown, one row per goal: this run's figures joined, or "not measured". */
export function goalsTable(figures: readonly Figure[], goals = GOALS): string {
  const lines = ['| figure | this run | goal | previous |', '|---|---|---|---|'];
  for (const goal of goals) {
    const measured = figures.filter((figure) => figure.figure === goal.figure).map((figure) => figure.value);
    lines.push(`| ${goal.figure} | ${measured.join('; ') || 'not measured'} | ${goal.goal} | ${goal.previous} |`);
  }
  const unknown = figures.filter((figure) => !goals.some((goal) => goal.figure === figure.figure));
  for (const figure of unknown) lines.push(`| ${figure.figure} | ${figure.value} | — | — |`);
  return lines.join('\n');
}

function main() {
  const folder = mkdtempSync(join(tmpdir(), 'saishi-bench-figures-'));
  const figuresFile = join(folder, 'figures.jsonl');
  const only = process.argv.slice(2);
  let failed = false;
  try {
    for (const name of BENCHES) {
      if (only.length > 0 && !only.includes(name)) continue;
      const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
      if (!existsSync(file)) continue;
      console.log(`\n== bench: ${name}`);
      const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_FIGURES_FILE: figuresFile },
      });
      if (result.status !== 0) {
        console.error(`bench ${name} failed (exit ${result.status ?? result.signal})`);
        failed = true;
      }
    }
    const figures = existsSync(figuresFile)
      ? readFileSync(figuresFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Figure)
      : [];
    const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
    console.log(`\n== goals of issue 12 (load average at the end: ${one}, ${five}, ${fifteen})\n`);
    console.log(goalsTable(figures));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
