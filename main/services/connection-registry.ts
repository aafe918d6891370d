import { randomUUID } from 'node:crypto';
import type { CommandOutput } from '../../shared/diagnosis/input.js';
import type { ConnectionRequest, DeviceIdentity } from '../../shared/ipc/contract.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import { MessageError, say } from '../../shared/i18n/message.js';
import type { ConnectedSession } from '../../shared/wizard/machine.js';
import { RtxSession, RtxSessionError, type RtxCredentials } from '../devices/rtx-session.js';
import { identifyRtx } from '../devices/identify-rtx.js';
import { openSerial } from '../transports/serial-transport.js';
import { probeBaudRate } from '../transports/baud-probe.js';
import type { Transport } from '../transports/transport.js';
import { openSsh, SshHostKeyError, SshLegacyOnlyError } from '../transports/ssh-transport.js';
import { openTelnet } from '../transports/telnet-transport.js';
import { KnownHosts, type HostKeyInfo } from '../transports/known-hosts.js';
import { dataDir } from '../app-data.js';
import { readFile } from 'node:fs/promises';
import { demoLogin, openDemo } from '../simulator/demo.js';

interface Live {
  session: RtxSession;
  request: ConnectionRequest;
  /** What identify read, for the first gather after it (taken once: a later re-read reads afresh). */
  identifyOutputs: CommandOutput[];
}

/**
 * Live console sessions, keyed by an opaque id the wizard carries. Secrets stay here, in the Node
 * process: the wizard's snapshot only ever holds the id and a label.
 */
export class ConnectionRegistry {
  private live = new Map<string, Live>();
  readonly knownHosts: KnownHosts;

  constructor(opts: { knownHosts?: KnownHosts } = {}) {
    this.knownHosts = opts.knownHosts ?? KnownHosts.inDataDir(dataDir());
  }

  /** The user looked at the fingerprint and trusts it: remember it for next time. */
  async trustHostKey(info: HostKeyInfo): Promise<void> {
    this.knownHosts.trust(info);
  }

  async connect(request: ConnectionRequest & { probed?: boolean }, signal?: AbortSignal): Promise<ConnectedSession> {
    const { transport, login } = await this.openTransport(request, signal);
    // A Telnet server greets with its login prompt: an early Enter would be taken for an empty password.
    const session = new RtxSession(transport, { ...login, ...(request.kind === 'telnet' ? { waitForGreeting: true } : {}) });
    const abort = () => void session.close().catch(() => undefined);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await session.open();
    } catch (err) {
      await session.close().catch(() => undefined);
      signal?.removeEventListener('abort', abort);
      // A serial console that answers garbage is usually at another speed: find it and try once more.
      if (request.kind === 'serial' && err instanceof RtxSessionError && err.code === 'no-prompt' && !request.probed) {
        const found = await probeBaudRate((baudRate) => openSerial({ path: request.path, baudRate }), signal ? { signal } : {});
        if (found && found.baudRate !== request.baudRate) return this.connect({ ...request, baudRate: found.baudRate, probed: true }, signal);
      }
      throw asStepError(err);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    if (signal?.aborted) {
      await session.close().catch(() => undefined);
      throw new WizardStepError('cancelled', say('msg.cancelled'));
    }
    const sessionId = randomUUID();
    this.live.set(sessionId, { session, request, identifyOutputs: [] });
    return { sessionId, label: transport.label, demo: request.kind === 'demo' };
  }

  /** The wire, and the login to give on it (the demo brings its own). */
  private async openTransport(request: ConnectionRequest, signal?: AbortSignal): Promise<{ transport: Transport; login: RtxCredentials }> {
    const given: RtxCredentials = request.kind === 'demo' ? {} : { username: request.username, password: request.password, adminPassword: request.adminPassword };
    try {
      switch (request.kind) {
        case 'demo':
          return openDemo(request.scenario);
        case 'serial':
          return { transport: await openSerial({ path: request.path, baudRate: request.baudRate }), login: given };
        case 'ssh': {
          const privateKey = request.privateKeyPath
            ? await readFile(request.privateKeyPath).catch(() => {
                throw new WizardStepError('ssh-key-unreadable', say('msg.connection.keyUnreadable', { path: request.privateKeyPath ?? '' }));
              })
            : undefined;
          const transport = await openSsh({
            host: request.host,
            port: request.port,
            username: request.username,
            password: request.password,
            privateKey,
            knownHosts: this.knownHosts,
            legacyAlgorithms: request.legacyAlgorithms ?? false,
            signal,
          });
          return { transport, login: given };
        }
        case 'telnet':
          return { transport: await openTelnet({ host: request.host, port: request.port, signal }), login: given };
      }
    } catch (err) {
      throw asStepError(err);
    }
  }

  async identify(sessionId: string): Promise<DeviceIdentity> {
    const live = this.get(sessionId);
    try {
      // The cross-check needs administrator mode; on the demo and when a password was given it is cheap.
      const crossCheck = live.request.kind === 'demo' || live.request.adminPassword !== undefined;
      live.identifyOutputs = [];
      return await identifyRtx(live.session, { crossCheck, record: (o) => live.identifyOutputs.push(o) });
    } catch (err) {
      throw asStepError(err);
    }
  }

  /** Identify's outputs for the gather that follows it; empty the second time. */
  takeIdentifyOutputs(sessionId: string): CommandOutput[] {
    const live = this.live.get(sessionId);
    if (!live) return [];
    const taken = live.identifyOutputs;
    live.identifyOutputs = [];
    return taken;
  }

  async disconnect(sessionId: string): Promise<void> {
    const live = this.live.get(sessionId);
    this.live.delete(sessionId);
    if (live) await live.session.close();
  }

  /** Secrets given for this session, so reports and logs can mask them wherever they appear. */
  secretsOf(sessionId: string): string[] {
    const r = this.live.get(sessionId)?.request;
    if (!r) return [];
    if (r.kind === 'demo') {
      const login = demoLogin(r.scenario);
      return [login.password, login.adminPassword].filter(Boolean);
    }
    return [r.password, r.adminPassword].filter((s): s is string => Boolean(s));
  }

  /** The address a network session reached (Telnet, SSH), for what is checked from this computer afterwards. */
  hostOf(sessionId: string): string | null {
    const r = this.get(sessionId).request;
    return r.kind === 'telnet' || r.kind === 'ssh' ? r.host : null;
  }

  session(sessionId: string): RtxSession {
    return this.get(sessionId).session;
  }

  private get(sessionId: string): Live {
    const live = this.live.get(sessionId);
    if (!live) throw new WizardStepError('session-gone', say('msg.connection.gone'));
    return live;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id).catch(() => undefined)));
  }
}

export function asStepError(err: unknown): Error {
  if (err instanceof WizardStepError) return err;
  if (err instanceof SshHostKeyError) return new WizardStepError(err.code, err.detail ?? err.message, { ...err.hostKey });
  if (err instanceof SshLegacyOnlyError) {
    const { host, port, needed } = err.offer;
    return new WizardStepError(err.code, err.detail ?? err.message, { host, port, kex: needed.kex.join(','), hostKey: needed.hostKey.join(','), cipher: needed.cipher.join(','), mac: needed.mac.join(',') });
  }
  if (err instanceof MessageError) return new WizardStepError(err.code, err.detail ?? err.message);
  return err instanceof Error ? err : new Error(String(err));
}
