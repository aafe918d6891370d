import type { ClientChannel, ConnectConfig } from 'ssh2';
import { TransportError, TransportEvents, transportFrom, type Transport } from './transport.js';
import { fingerprintOf, keyTypeOf, type HostKeyInfo, type KnownHosts } from './known-hosts.js';
import { say, type Message } from '../../shared/i18n/message.js';
import { ssh2 } from './ssh2-library.js';
import { CATEGORIES, judgeOffer, LEGACY, needsLegacy, type AlgorithmLists } from './ssh-algorithms.js';
import { probeSshOffer } from './ssh-probe.js';

export interface SshOptions {
  host: string;
  port?: number;
  username: string;
  password?: string | undefined;
  privateKey?: string | Buffer | undefined;
  passphrase?: string | undefined;
  knownHosts: KnownHosts;
  /**
   * Asked once for a host never seen before. Return true to trust it (it is then remembered).
   * Without it, an unknown host is refused with code `ssh-host-key-unknown` and its fingerprint.
   */
  confirmHostKey?: (info: HostKeyInfo) => Promise<boolean>;
  readyTimeoutMs?: number;
  /**
   * Older RTX firmware offers only ssh-rsa host keys, SHA-1 key exchange and CBC ciphers. Modern algorithms are
   * always tried first; these are added only when the user agreed (never silently).
   */
  legacyAlgorithms?: boolean;
  signal?: AbortSignal | undefined;
}

export class SshHostKeyError extends TransportError {
  constructor(
    code: 'ssh-host-key-unknown' | 'ssh-host-key-changed' | 'ssh-host-key-rejected',
    message: Message,
    readonly hostKey: HostKeyInfo,
  ) {
    super(code, message);
  }
}

/** The server offers only old algorithms (named in `details`): the user decides whether to use them. */
export class SshLegacyOnlyError extends TransportError {
  constructor(
    message: Message,
    readonly offer: { host: string; port: number; needed: AlgorithmLists },
  ) {
    super('ssh-legacy-only', message);
  }
}

// @types/ssh2 wants append, prepend and remove together; ssh2 itself takes any of them.
/** Modern first: ssh2's defaults without SHA-1 host signatures. */
const MODERN = { serverHostKey: { remove: LEGACY.hostKey } } as unknown as ConnectConfig['algorithms'];
/** With the user's consent: the same, then the legacy ones after them (a modern match still wins). */
const WITH_LEGACY = {
  kex: { append: LEGACY.kex },
  serverHostKey: { append: LEGACY.hostKey.filter((a) => a !== 'ssh-rsa') },
  cipher: { append: LEGACY.cipher },
  hmac: { append: LEGACY.mac },
} as unknown as ConnectConfig['algorithms'];

/** An interactive PTY shell over SSH (RTX has no exec channel). */
export async function openSsh(opts: SshOptions): Promise<Transport> {
  const port = opts.port ?? 22;
  const client = new (ssh2().Client)();
  let hostKeyProblem: SshHostKeyError | null = null;

  const verify = (key: Buffer, done: (ok: boolean) => void): void => {
    const info: HostKeyInfo = { host: opts.host, port, keyType: keyTypeOf(key), fingerprint: fingerprintOf(key) };
    const verdict = opts.knownHosts.check(info);
    if (verdict.kind === 'known') return done(true);
    if (verdict.kind === 'changed') {
      hostKeyProblem = new SshHostKeyError(
        'ssh-host-key-changed',
        say('msg.ssh.hostKeyChanged', {
          host: opts.host,
          port,
          previousType: verdict.previous.keyType,
          previous: verdict.previous.fingerprint,
          keyType: info.keyType,
          fingerprint: info.fingerprint,
        }),
        info,
      );
      return done(false);
    }
    if (!opts.confirmHostKey) {
      hostKeyProblem = new SshHostKeyError('ssh-host-key-unknown', say('msg.ssh.hostKeyUnknown', { host: opts.host, port, keyType: info.keyType, fingerprint: info.fingerprint }), info);
      return done(false);
    }
    opts.confirmHostKey(info).then(
      (ok) => {
        if (ok) opts.knownHosts.trust(info);
        else hostKeyProblem = new SshHostKeyError('ssh-host-key-rejected', say('msg.ssh.hostKeyRejected', { fingerprint: info.fingerprint }), info);
        done(ok);
      },
      () => done(false),
    );
  };

  const config: ConnectConfig = {
    host: opts.host,
    port,
    username: opts.username,
    readyTimeout: opts.readyTimeoutMs ?? 15_000,
    keepaliveInterval: 15_000,
    tryKeyboard: true,
    hostVerifier: verify as unknown as ConnectConfig['hostVerifier'],
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(opts.privateKey !== undefined ? { privateKey: opts.privateKey } : {}),
    ...(opts.passphrase !== undefined ? { passphrase: opts.passphrase } : {}),
    algorithms: opts.legacyAlgorithms ? WITH_LEGACY : MODERN,
  };
  // Keyboard-interactive: answer password prompts with the password, anything else with nothing.
  client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
    finish(prompts.map((p) => (/pass/i.test(p.prompt) ? (opts.password ?? '') : '')));
  });

  const stream = await new Promise<ClientChannel>((resolve, reject) => {
    const onAbort = () => {
      client.end();
      reject(new TransportError('cancelled', say('msg.cancelled')));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => {
      client.shell({ term: 'vt100', cols: 200, rows: 24 }, (err, channel) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (err) {
          client.end();
          return reject(new TransportError('ssh-shell-refused', say('msg.ssh.shellRefused', { cause: err.message })));
        }
        resolve(channel);
      });
    });
    let failed = false;
    // `on`, not `once`: a dying connection can report more than one error (a reset after the handshake failed).
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (failed) return;
      failed = true;
      opts.signal?.removeEventListener('abort', onAbort);
      client.end();
      if (err.level === 'handshake' && /no matching/i.test(err.message)) {
        // Which algorithms would it take? Ask the server itself, without logging in, and say them.
        algorithmsError(opts.host, port, opts.legacyAlgorithms ?? false, err.message).then(reject, reject);
        return;
      }
      reject(sshError(err, hostKeyProblem, opts.host, port));
    });
    client.connect(config);
  });

  const events = new TransportEvents();
  stream.on('data', (d: Buffer) => events.emitData(d));
  stream.on('close', () => {
    events.emitClose(null);
    client.end();
  });
  client.on('close', () => events.emitClose(new TransportError('ssh-disconnected', say('msg.ssh.closedBy', { host: opts.host }))));

  return transportFrom(events, {
    label: `ssh://${opts.username}@${opts.host}:${port}`,
    bytesPerSecond: null,
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (events.closed) return reject(new TransportError('ssh-disconnected', say('msg.ssh.closed')));
        stream.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data), (err?: Error | null) =>
          err ? reject(new TransportError('ssh-write-failed', err.message)) : resolve(),
        );
      }),
    close: async () => {
      stream.end();
      client.end();
      events.emitClose(null);
    },
  });
}

async function algorithmsError(host: string, port: number, legacyAllowed: boolean, cause: string): Promise<Error> {
  const offer = await probeSshOffer(host, port).catch(() => null);
  if (!offer) return new TransportError('ssh-algorithms', say('msg.ssh.algorithms', { cause }));
  const verdict = judgeOffer(offer);
  if (verdict.impossible.length === 0 && needsLegacy(verdict) && !legacyAllowed) {
    const algorithms = CATEGORIES.filter((c) => verdict.needed[c].length).map((c) => say(`msg.ssh.legacyPart.${c}`, { names: verdict.needed[c].join(', ') }));
    return new SshLegacyOnlyError(say('msg.ssh.legacyOnly', { host, port, banner: offer.banner, algorithms }), { host, port, needed: verdict.needed });
  }
  const offered = CATEGORIES.map((c) => say(`msg.ssh.legacyPart.${c}`, { names: offer[c].join(', ') || '-' }));
  return new TransportError('ssh-algorithms', say('msg.ssh.noCommonAlgorithms', { host, port, banner: offer.banner, offered }));
}

function sshError(err: Error & { level?: string; code?: string }, hostKeyProblem: SshHostKeyError | null, host: string, port: number): Error {
  if (hostKeyProblem) return hostKeyProblem;
  const m = err.message;
  if (err.level === 'client-authentication' || /authentication methods failed/i.test(m)) {
    return new TransportError('ssh-auth-failed', say('msg.ssh.authFailed', { cause: m }));
  }
  if (err.code === 'ECONNREFUSED') return new TransportError('ssh-refused', say('msg.ssh.refused', { host, port }));
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new TransportError('ssh-host-not-found', say('msg.ssh.hostNotFound', { host }));
  if (/Timed out/i.test(m) || err.code === 'ETIMEDOUT') return new TransportError('ssh-timeout', say('msg.ssh.timeout', { host, port }));
  return new TransportError('ssh-failed', say('msg.ssh.failed', { host, port, cause: m }));
}
