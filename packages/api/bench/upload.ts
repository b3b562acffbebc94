/**
 * Upload benchmark: streams a 1 GiB demo video (MP4 magic bytes, then filler) as
 * multipart/form-data over HTTP into the real app, and measures the API process's resident memory
 * (RSS, sampled from /proc every 20 ms, or over IPC where /proc does not exist) and throughput.
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

/** One MiB of filler behind an MP4 `ftyp` box, so the content is recognised as a video. */
function chunks(totalBytes: number): { head: Buffer; filler: Buffer; count: number } {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1')]);
  const filler = randomBytes(MIB);
  return { head: Buffer.concat([ftyp, filler.subarray(ftyp.length)]), filler, count: totalBytes / MIB };
}

async function upload(ready: Ready, totalBytes: number, onProgress: () => void): Promise<{ status: number; body: string; sha256: string }> {
  const boundary = `----saishi-bench-${Date.now()}`;
  const preamble = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="演示视频.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    'utf8',
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const { head, filler, count } = chunks(totalBytes);
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: ready.port,
      method: 'POST',
      path: `/api/v1/projects/${ready.projectId}/files?kind=video`,
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
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), sha256: hash.digest('hex') }));
    });
    let sent = 0;
    const writeMore = () => {
      while (sent < count) {
        const chunk = sent === 0 ? head : filler;
        hash.update(chunk);
        sent += 1;
        onProgress();
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
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
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
    await upload(ready, 4 * MIB, () => {});
    const baseline = rssOf(child);
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, rssOf(child));
    };
    const timer = setInterval(sample, 20);
    const start = performance.now();
    const result = await upload(ready, TOTAL_MIB * MIB, () => {});
    const seconds = (performance.now() - start) / 1000;
    clearInterval(timer);
    sample();

    if (result.status !== 201) throw new Error(`upload refused: ${result.status} ${result.body}`);
    const stored = JSON.parse(result.body) as { sizeBytes: number; sha256: string };
    if (stored.sizeBytes !== TOTAL_MIB * MIB || stored.sha256 !== result.sha256) {
      throw new Error(`stored file differs: ${stored.sizeBytes} bytes, sha256 ${stored.sha256} (sent ${result.sha256})`);
    }
    const leftovers = filesUnder(join(ready.storageDir, '.tmp'));
    const growth = (peak - baseline) / MIB;
    console.log(
      `upload ${TOTAL_MIB} MiB through multipart → local storage: API RSS growth ${growth.toFixed(1)} MiB ` +
        `(baseline ${(baseline / MIB).toFixed(1)} MiB, peak ${(peak / MIB).toFixed(1)} MiB, limit ${LIMIT_MIB} MiB), ` +
        `${(TOTAL_MIB / seconds).toFixed(0)} MiB/s, ${seconds.toFixed(1)} s, SHA-256 verified, temporary files left: ${leftovers.length}`,
    );
    return growth;
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
