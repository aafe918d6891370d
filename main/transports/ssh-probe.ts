import { connect } from 'node:net';

/** What an SSH server offers in its first key-exchange message (RFC 4253 §7.1), before anything is encrypted. */
export interface SshOffer {
  /** The server's identification line (`SSH-2.0-OpenSSH_7.7`). */
  banner: string;
  kex: string[];
  hostKey: string[];
  cipher: string[];
  mac: string[];
}

const OUR_IDENT = 'SSH-2.0-IPoEDoctor_probe\r\n';
const SSH_MSG_KEXINIT = 20;

/**
 * Read an SSH server's identification and algorithm lists without logging in: connect, say who we are, read its
 * KEXINIT, hang up. This is how the app tells "offers only old algorithms" apart from other failures, and names
 * them.
 */
export function probeSshOffer(host: string, port: number, timeoutMs = 10_000): Promise<SshOffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buf = Buffer.alloc(0);
    let banner: string | null = null;
    const done = (err: Error | null, offer?: SshOffer) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(offer!);
    };
    const timer = setTimeout(() => done(new Error(`no SSH key exchange from ${host}:${port} in ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => socket.write(OUR_IDENT));
    socket.on('error', (err) => done(err));
    socket.on('close', () => done(new Error(`${host}:${port} closed before its key exchange`)));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      // Lines before the identification are allowed (RFC 4253 §4.2).
      while (banner === null) {
        const nl = buf.indexOf(0x0a);
        if (nl < 0) return;
        const line = buf.subarray(0, nl).toString('latin1').replace(/\r$/, '');
        buf = buf.subarray(nl + 1);
        if (line.startsWith('SSH-')) banner = line;
      }
      if (buf.length < 5) return;
      const length = buf.readUInt32BE(0);
      if (length > 64 * 1024) return done(new Error(`${host}:${port} sent a first packet of ${length} bytes: not SSH`));
      if (buf.length < 4 + length) return;
      const padding = buf[4]!;
      const payload = buf.subarray(5, 4 + length - padding);
      try {
        done(null, { banner, ...parseKexInit(payload) });
      } catch (err) {
        done(err as Error);
      }
    });
  });
}

/** The name-lists of a KEXINIT payload. */
export function parseKexInit(payload: Buffer): Omit<SshOffer, 'banner'> {
  if (payload[0] !== SSH_MSG_KEXINIT) throw new Error(`the first SSH packet is message ${payload[0]}, not KEXINIT`);
  let at = 1 + 16;
  const list = (): string[] => {
    if (at + 4 > payload.length) throw new Error('the KEXINIT is cut short');
    const n = payload.readUInt32BE(at);
    at += 4;
    if (at + n > payload.length) throw new Error('the KEXINIT is cut short');
    const text = payload.subarray(at, at + n).toString('latin1');
    at += n;
    return text === '' ? [] : text.split(',');
  };
  const kex = list();
  const hostKey = list();
  const cipherCs = list();
  const cipherSc = list();
  const macCs = list();
  const macSc = list();
  return { kex, hostKey, cipher: [...new Set([...cipherCs, ...cipherSc])], mac: [...new Set([...macCs, ...macSc])] };
}

/**
 * Wait until an SSH server answers on host:port with its identification (`SSH-2.0-…`), for at most `withinMs`:
 * a router generating its host key takes a while before it listens.
 */
export async function waitForSshBanner(host: string, port: number, withinMs: number): Promise<string | null> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const banner = await readSshBanner(host, port, Math.max(1000, Math.min(5000, deadline - Date.now()))).catch(() => null);
    if (banner) return banner;
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The SSH identification line a server sends first (`SSH-2.0-…`), or null when nothing SSH-like answers in time. */
export function readSshBanner(host: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let text = '';
    const done = (v: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.on('error', () => done(null));
    socket.on('close', () => done(null));
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const line = text.split(/\r?\n/).find((l) => l.startsWith('SSH-'));
      if (line) done(line);
      else if (text.length > 8192) done(null);
    });
  });
}
