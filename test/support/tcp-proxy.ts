import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server, which can reset every connection through it at once (an RST to
 * both ends, as a NAT box or a Wi-Fi drop does) or close them (a FIN to both ends, as a server that hangs up
 * does), and be pointed at another port (the server after a restart).
 */
export interface ResetProxy {
  port: number;
  target: number;
  resetAll(): Promise<void>;
  /** Close every connection through it (FIN both ways): the far end hung up. */
  endAll(): Promise<void>;
  close(): Promise<void>;
}

export async function startResetProxy(target: number): Promise<ResetProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const proxy = {
    port: 0,
    target,
    resetAll: () => endEvery((s) => s.resetAndDestroy()),
    endAll: () =>
      endEvery((s) => {
        s.unpipe();
        s.end(() => s.destroy());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) for (const s of pair) s.destroy();
        server.close(() => resolve());
      }),
  };
  /** End both sockets of every connection the given way, once each is closed. */
  const endEvery = async (end: (s: Socket) => void): Promise<void> => {
    const all = [...pairs];
    pairs.clear();
    await Promise.all(
      all.flat().map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.destroyed) return resolve();
            s.once('close', () => resolve());
            end(s);
          }),
      ),
    );
  };
  const server = createServer((client) => {
    const upstream = connect(proxy.target, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}
