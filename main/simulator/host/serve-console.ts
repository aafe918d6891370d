import { createServer, type Socket } from 'node:net';
import { listenOn } from './listen.js';
import type { TwinRouter } from './twin-router.js';
import type { Scenario } from './scenario-files.js';

export interface TwinConsoleServerOptions {
  scenario: Scenario;
  router: TwinRouter;
  port: number;
  host?: string;
  /** Pace the console like its serial line (960 B/s for 9600 bit/s); null: no pacing. */
  bytesPerSecond?: number | null;
  log?: (line: string) => void;
}

/**
 * The router's serial console as a terminal server offers it: raw bytes over TCP, one console line that outlives
 * whoever is attached. `socat PTY,link=/tmp/rtx,raw,echo=0 TCP:127.0.0.1:P` makes it a serial device, and killing
 * that socat pulls the cable: the router keeps running, its console keeps its state (logged in, administrator
 * mode, a command still printing), and the next cable plugged in is on the same console. A new connection
 * replaces the one attached, as on a terminal server's port.
 */
export async function serveTwinConsole(opts: TwinConsoleServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const log = opts.log ?? (() => undefined);
  const line = opts.router.session({ bytesPerSecond: opts.bytesPerSecond ?? null });
  let attached: Socket | null = null;
  // What the console prints while no cable is plugged in is lost, as on a real serial port.
  line.onData((chunk) => {
    if (attached && !attached.destroyed) attached.write(chunk);
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    if (attached) attached.destroy();
    attached = socket;
    log('serial console attached');
    socket.on('data', (d: Buffer) => void line.write(d).catch(() => undefined));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      if (attached === socket) {
        attached = null;
        log('serial console detached');
      }
    });
  });
  return listenOn(server, opts.port, opts.host, () => {
    for (const s of sockets) s.destroy();
    void line.close();
  });
}
