import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got: its headers and the raw body, as a receiver must verify it. */
export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP server standing in for an integrator's endpoint: it records every request and
 * answers the statuses it is told, in order (then 200). `next(n)` waits for the n-th request.
 */
export async function startWebhookReceiver() {
  const received: ReceivedHook[] = [];
  const answers: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = answers.shift() ?? 200;
      response.end('ok');
      for (const waiter of waiters.filter((entry) => received.length >= entry.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The statuses of the next answers (a 500 to make a delivery retry). */
    answerWith: (...statuses: number[]) => void answers.push(...statuses),
    /** Forgets the answers not given yet: 200 from now on. */
    answerOk: () => void answers.splice(0),
    /** Waits until `count` requests came in all (30 s at most: a busy machine is slow). */
    async waitFor(count: number): Promise<ReceivedHook[]> {
      if (received.length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} hooks came`)), 30_000);
          waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
        });
      }
      return received.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
