import type { AddressInfo } from 'node:net';

/** What the twin's servers share: a TCP server (net or ssh2) that listens and is closed. */
interface ListeningServer {
  once(event: 'error', listener: (err: Error) => void): unknown;
  listen(port: number, host: string, callback: () => void): unknown;
  address(): unknown;
  close(callback: () => void): unknown;
}

/**
 * Listen on `host` (loopback unless a test's namespace gives the router's address) and port (0: a free one).
 * Closing first ends the server's own connections (`endConnections`), then stops listening.
 */
export async function listenOn(
  server: ListeningServer,
  port: number,
  host: string | undefined,
  endConnections: () => void,
): Promise<{ port: number; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        endConnections();
        server.close(() => resolve());
      }),
  };
}
