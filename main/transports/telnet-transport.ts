import { connect, type Socket } from 'node:net';
import { say } from '../../shared/i18n/message.js';
import { CLIENT_POLICY, TelnetCodec } from './telnet-protocol.js';
import { TransportError, TransportEvents, transportFrom, type Transport } from './transport.js';

export interface TelnetOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  signal?: AbortSignal | undefined;
}

/**
 * A console over Telnet (RFC 854), as an RTX serves it on the LAN: option negotiation answered by the codec,
 * the rest handed to the session as console bytes. Telnet carries the login password in clear text; the
 * callers say so to the user.
 */
export async function openTelnet(opts: TelnetOptions): Promise<Transport> {
  const port = opts.port ?? 23;
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect({ host: opts.host, port });
    const timer = setTimeout(() => fail(new TransportError('telnet-timeout', say('msg.telnet.timeout', { host: opts.host, port }))), opts.connectTimeoutMs ?? 10_000);
    const onAbort = () => fail(new TransportError('cancelled', say('msg.cancelled')));
    function fail(err: Error) {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      s.destroy();
      reject(err);
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    s.once('connect', () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', (err: NodeJS.ErrnoException) => fail(telnetError(err, opts.host, port)));
  });
  socket.setNoDelay(true);

  const codec = new TelnetCodec(CLIENT_POLICY);
  const events = new TransportEvents();
  socket.on('data', (chunk: Buffer) => {
    const r = codec.receive(chunk);
    if (r.reply.length) socket.write(r.reply);
    if (r.data.length) events.emitData(r.data);
  });
  socket.on('error', (err: NodeJS.ErrnoException) => events.emitClose(telnetError(err, opts.host, port)));
  socket.on('close', () => events.emitClose(new TransportError('telnet-disconnected', say('msg.telnet.closedBy', { host: opts.host }))));

  return transportFrom(events, {
    label: `telnet://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    bytesPerSecond: null,
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (events.closed) return reject(new TransportError('telnet-disconnected', say('msg.telnet.closed')));
        const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
        socket.write(codec.encode(bytes), (err?: Error | null) => (err ? reject(new TransportError('telnet-write-failed', err.message)) : resolve()));
      }),
    close: async () => {
      events.emitClose(null);
      await new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
        // A server that never closes its half is not waited for.
        setTimeout(() => socket.destroy(), 1000).unref();
      });
    },
  });
}

function telnetError(err: NodeJS.ErrnoException, host: string, port: number): TransportError {
  if (err.code === 'ECONNREFUSED') return new TransportError('telnet-refused', say('msg.telnet.refused', { host, port }));
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new TransportError('telnet-host-not-found', say('msg.telnet.hostNotFound', { host }));
  if (err.code === 'ETIMEDOUT' || err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH') {
    return new TransportError('telnet-timeout', say('msg.telnet.timeout', { host, port }));
  }
  return new TransportError('telnet-failed', say('msg.telnet.failed', { host, port, cause: err.message }));
}
