/**
 * Bulk-download benchmark (issue 16.6): streams the blind ZIP of a round of BENCH_ARCHIVE_MIB
 * (2 GiB by default) of files through blindArchive into a sink that only counts bytes, and samples
 * this process's resident memory (RSS) every 20 ms. The files come from a storage whose reads
 * generate their bytes (no disk, no database), so what is measured is the archive's own memory:
 * it must stay flat, whatever the round's size. A run at a quarter of the size gives the baseline.
 *
 * Run: pnpm bench:archive   (fails when RSS grows by 64 MiB or more)
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import type { StoredFile } from '../src/modules/files/service.js';
import { blindArchive, type ArchiveEntry } from '../src/modules/review/blind-archive.js';
import { recordFigure } from './figures.js';

const MIB = 1024 ** 2;
const TOTAL_MIB = Number(process.env.BENCH_ARCHIVE_MIB ?? 2048);
const FILE_MIB = 64;
const LIMIT_MIB = 64;

/** A storage whose every file is `sizeBytes` of generated filler, read in 1 MiB chunks. */
const storage = {
  read: async (key: string) => {
    const size = Number(key.split(':')[1]);
    const chunk = Buffer.alloc(MIB, 0x5a);
    let left = size;
    return Readable.from(
      (function* () {
        while (left > 0) {
          const next = Math.min(left, MIB);
          left -= next;
          yield next === MIB ? chunk : chunk.subarray(0, next);
        }
      })(),
    );
  },
} as never;

function entries(totalMib: number): ArchiveEntry[] {
  return Array.from({ length: Math.ceil(totalMib / FILE_MIB) }, (_, index) => ({
    name: `project-${index}/video.mp4`,
    file: {
      id: `file-${index}`,
      storageKey: `bench:${FILE_MIB * MIB}`,
      originalName: 'video.mp4',
      mimeType: 'video/mp4',
      sizeBytes: FILE_MIB * MIB,
      sha256: '',
      createdAt: new Date('2024-08-20T02:00:00Z'),
    } as StoredFile,
  }));
}

async function run(totalMib: number): Promise<{ bytes: number; seconds: number; peakGrowthMib: number }> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  let bytes = 0;
  const started = performance.now();
  await pipeline(
    blindArchive({ storage }, entries(totalMib)),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    }),
  );
  clearInterval(sampler);
  return { bytes, seconds: (performance.now() - started) / 1000, peakGrowthMib: (peak - before) / MIB };
}

const small = await run(TOTAL_MIB / 4);
const large = await run(TOTAL_MIB);
const line = (label: string, result: Awaited<ReturnType<typeof run>>) =>
  `${label}: ${(result.bytes / MIB).toFixed(0)} MiB zipped in ${result.seconds.toFixed(1)} s, RSS +${result.peakGrowthMib.toFixed(1)} MiB`;
console.log(line('quarter', small));
console.log(line('whole', large));
recordFigure({
  figure: 'bulk blind-file ZIP',
  value: `${(large.bytes / MIB / 1024).toFixed(2)} GiB: RSS +${large.peakGrowthMib.toFixed(1)} MiB (quarter: +${small.peakGrowthMib.toFixed(1)} MiB)`,
});
if (large.peakGrowthMib >= LIMIT_MIB) {
  console.error(`RSS grew by ${large.peakGrowthMib.toFixed(1)} MiB (limit ${LIMIT_MIB} MiB): not flat`);
  process.exit(1);
}
