import { createServer, type AddressInfo, type Socket } from 'node:net';
import { OPT, SERVER_POLICY, TelnetCodec } from '../../transports/telnet-protocol.js';
import type { TwinRouter } from './twin-router.js';

export interface TwinTelnetServerOptions {
  router: TwinRouter;
  port: number;
  /** The address to listen on: loopback, or the router's address inside a test's network namespace. */
  host?: string;
  log?: (line: string) => void;
}

/**
 * The twin's Telnet server, as an RTX serves its console on the LAN: it offers to echo and to suppress
 * go-ahead, asks for the window size and terminal type, and greets with the login prompt of the scenario's
 * model (the user name first on RTX1300, the password alone on older models) in the scenario's character
 * set. Logging out ends the connection. Each connection is a session on the same router.
 */
export async function serveTwinOverTelnet(opts: TwinTelnetServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const log = opts.log ?? (() => undefined);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const codec = new TelnetCodec(SERVER_POLICY);
    let askedTerminal = false;
    const twin = opts.router.session({ hangUpOnLogout: true });
    const opening = [...codec.offerLocal(OPT.ECHO), ...codec.offerLocal(OPT.SGA), ...codec.askRemote(OPT.NAWS), ...codec.askRemote(OPT.TTYPE)];
    socket.write(Uint8Array.from(opening));
    twin.onData((chunk) => {
      if (!socket.destroyed) socket.write(codec.encode(chunk));
    });
    twin.onClose(() => socket.end());
    socket.on('data', (chunk: Buffer) => {
      const r = codec.receive(chunk);
      if (r.reply.length) socket.write(r.reply);
      if (!askedTerminal && codec.enabled('remote', OPT.TTYPE)) {
        askedTerminal = true;
        socket.write(codec.askTerminalType());
      }
      for (const e of r.events) log(e.kind === 'terminal-type' ? `terminal type ${e.name}` : `window ${e.columns}x${e.rows}`);
      if (r.data.length) void twin.write(r.data).catch(() => undefined);
    });
    socket.on('error', (err) => log(`client error: ${err.message}`));
    socket.on('close', () => {
      sockets.delete(socket);
      void twin.close();
    });
    twin.console.greetLogin();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
