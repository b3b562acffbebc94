/**
 * Upload benchmark: streams a 1 GiB demo video (MP4 magic bytes, then filler) as
 * multipart/form-data over HTTP into the real app, and measures the API process's resident memory
 * (RSS, sampled from /proc every 20 ms) and throughput. Then streams 1 GiB with PDF magic bytes as a
 * proposal (limit 50 MiB): it must be refused with 413 while streaming, leaving no partial file.
 * The API runs in a child process (bench/upload-server.ts), so the client's own buffers do not count.
 *
 * Run: pnpm bench:upload   (BENCH_UPLOAD_MIB=1024 by default; fails when RSS grows by 64 MiB or more)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { recordFigure } from './figures.js';

const MIB = 1024 ** 2;
const TOTAL_MIB = Number(process.env.BENCH_UPLOAD_MIB ?? 1024);
const LIMIT_MIB = 64;

interface Ready {
  port: number;
  token: string;
  projectId: string;
  storageDir: string;
}

function rssOf(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kib * 1024;
}

type Kind = 'video' | 'proposal';
const MAGIC: Record<Kind, Buffer> = {
  video: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1')]),
  proposal: Buffer.from('%PDF-1.7\n', 'latin1'),
};
const FILE_NAME: Record<Kind, string> = { video: '演示视频.mp4', proposal: '申报书.pdf' };

/** One MiB of filler behind the kind's magic bytes, so the content is recognised as a video or a PDF. */
function chunks(kind: Kind, totalBytes: number): { head: Buffer; filler: Buffer; count: number } {
  const magic = MAGIC[kind];
  const filler = randomBytes(MIB);
  return { head: Buffer.concat([magic, filler.subarray(magic.length)]), filler, count: totalBytes / MIB };
}

async function upload(
  ready: Ready,
  kind: Kind,
  totalBytes: number,
): Promise<{ status: number; body: string; sha256: string }> {
  const boundary = `----saishi-bench-${Date.now()}`;
  const preamble = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${FILE_NAME[kind]}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const { head, filler, count } = chunks(kind, totalBytes);
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: ready.port,
      method: 'POST',
      path: `/api/v1/projects/${ready.projectId}/files?kind=${kind}`,
      headers: {
        authorization: `Bearer ${ready.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': preamble.length + totalBytes + epilogue.length,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(parts).toString('utf8'),
          sha256: hash.digest('hex'),
        }),
      );
    });
    let sent = 0;
    const writeMore = () => {
      while (sent < count) {
        const chunk = sent === 0 ? head : filler;
        hash.update(chunk);
        sent += 1;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      req.end(epilogue);
    };
    req.write(preamble);
    writeMore();
  });
}

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export async function benchUpload(): Promise<number> {
  const child = fork(new URL('./upload-server.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Ready));
      child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it was ready`)));
    });
    // Warm up the upload path (parsers, detection, hashing) so the baseline includes the code, not the data.
    await upload(ready, 'video', 4 * MIB);
    const baseline = rssOf(child);
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, rssOf(child));
    };
    const timer = setInterval(sample, 20);
    const start = performance.now();
    const result = await upload(ready, 'video', TOTAL_MIB * MIB);
    const seconds = (performance.now() - start) / 1000;
    clearInterval(timer);
    sample();

    if (result.status !== 201) throw new Error(`upload refused: ${result.status} ${result.body}`);
    const stored = JSON.parse(result.body) as { sizeBytes: number; sha256: string };
    if (stored.sizeBytes !== TOTAL_MIB * MIB || stored.sha256 !== result.sha256) {
      throw new Error(
        `stored file differs: ${stored.sizeBytes} bytes, sha256 ${stored.sha256} (sent ${result.sha256})`,
      );
    }
    const growth = (peak - baseline) / MIB;
    console.log(
      `upload ${TOTAL_MIB} MiB video through multipart → local storage: API RSS growth ${growth.toFixed(1)} MiB ` +
        `(baseline ${(baseline / MIB).toFixed(1)} MiB, peak ${(peak / MIB).toFixed(1)} MiB, limit ${LIMIT_MIB} MiB), ` +
        `${(TOTAL_MIB / seconds).toFixed(0)} MiB/s, ${seconds.toFixed(1)} s, SHA-256 verified`,
    );

    recordFigure({
      figure: 'upload of a 1 GiB video',
      value: `${(TOTAL_MIB / seconds).toFixed(0)} MiB/s, RSS +${growth.toFixed(1)} MiB (${TOTAL_MIB} MiB, SHA-256 verified)`,
    });

    const filesBefore = filesUnder(ready.storageDir).length;
    const refusedTimer = setInterval(sample, 20);
    const refusedStart = performance.now();
    const refused = await upload(ready, 'proposal', TOTAL_MIB * MIB);
    clearInterval(refusedTimer);
    sample();
    const refusedGrowth = (peak - baseline) / MIB;
    const problem = JSON.parse(refused.body) as { code?: string };
    const leftovers = filesUnder(ready.storageDir).length - filesBefore;
    console.log(
      `oversized ${TOTAL_MIB} MiB PDF as a proposal (limit 50 MiB): ${refused.status} ${problem.code}, ` +
        `new files left in storage: ${leftovers}, peak RSS growth so far ${refusedGrowth.toFixed(1)} MiB, ` +
        `${((performance.now() - refusedStart) / 1000).toFixed(1)} s`,
    );
    if (refused.status !== 413 || problem.code !== 'FILE_TOO_LARGE' || leftovers !== 0)
      throw new Error('the oversized upload was not refused cleanly');
    return refusedGrowth;
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const growth = await benchUpload();
  if (growth >= LIMIT_MIB) {
    console.error(`FAIL: RSS grew by ${growth.toFixed(1)} MiB, the limit is ${LIMIT_MIB} MiB`);
    process.exitCode = 1;
  }
}
