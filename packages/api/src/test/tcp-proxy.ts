import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of a database, to stall or cut its connections for real in tests. */
export interface TcpProxy {
  port: number;
  /** Holds every byte in both directions (connections stay open): a stalled server or network. */
  stall(): void;
  /** Delivers what was held and forwards again. */
  resume(): void;
  /** Closes every connection and refuses new ones: a lost server. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  close(): Promise<void>;
}

/** Listens on a loopback port and forwards to `target` (a TCP address or a Unix socket path). */
export async function startTcpProxy(target: { host: string; port: number } | { path: string }): Promise<TcpProxy> {
  let stalled = false;
  let cut = false;
  const sockets = new Set<Socket>();
  const held: (() => void)[] = [];

  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (stalled) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };

  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');

  return {
    port: address.port,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const deliver of held.splice(0)) deliver();
    },
    cut: () => {
      cut = true;
      held.length = 0;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      cut = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
