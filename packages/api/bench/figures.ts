/**
 * The figures a benchmark reports to `pnpm bench` (bench/index.ts), which prints them in the goals
 * table of issue 12 beside the previous figures. A benchmark run on its own only prints its lines;
 * under `pnpm bench` each figure is also appended as a JSON line to BENCH_FIGURES_FILE.
 */
import { appendFileSync } from 'node:fs';

export interface Figure {
  /** The row of the goals table (see GOALS in bench/index.ts). */
  figure: string;
  /** What was measured, with its ratio against the same run's baseline. */
  value: string;
}

export function recordFigure(figure: Figure): void {
  const file = process.env.BENCH_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(figure)}\n`);
}
