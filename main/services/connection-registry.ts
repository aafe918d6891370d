import { randomUUID } from 'node:crypto';
import type { ConnectionRequest, DeviceIdentity } from '../../shared/ipc/contract.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import type { ConnectedSession } from '../../shared/wizard/machine.js';
import { RtxSession, RtxSessionError } from '../devices/rtx-session.js';
import { identifyRtx } from '../devices/identify-rtx.js';
import { openSerial } from '../transports/serial-transport.js';
import { TransportError, type Transport } from '../transports/transport.js';
import { connectTwin } from '../simulator/twin-transport.js';
import { loadScenario, UnknownScenarioError } from '../simulator/scenario.js';

interface Live {
  session: RtxSession;
  request: ConnectionRequest;
}

/**
 * Live console sessions, keyed by an opaque id the wizard carries. Secrets stay here, in the Node
 * process: the wizard's snapshot only ever holds the id and a label.
 */
export class ConnectionRegistry {
  private live = new Map<string, Live>();

  async connect(request: ConnectionRequest, signal?: AbortSignal): Promise<ConnectedSession> {
    const transport = await this.openTransport(request);
    const creds =
      request.kind === 'demo'
        ? (() => {
            const s = loadScenario(request.scenario).console;
            return { username: s.loginUser, password: s.loginPassword, adminPassword: s.adminPassword };
          })()
        : { username: request.username, password: request.password, adminPassword: request.adminPassword };
    const session = new RtxSession(transport, creds);
    const abort = () => void session.close().catch(() => undefined);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await session.open();
    } catch (err) {
      await session.close().catch(() => undefined);
      throw asStepError(err);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    if (signal?.aborted) {
      await session.close().catch(() => undefined);
      throw new WizardStepError('cancelled', 'cancelled');
    }
    const sessionId = randomUUID();
    this.live.set(sessionId, { session, request });
    return { sessionId, label: transport.label, demo: request.kind === 'demo' };
  }

  private async openTransport(request: ConnectionRequest): Promise<Transport> {
    try {
      switch (request.kind) {
        case 'demo':
          return connectTwin(request.scenario);
        case 'serial':
          return await openSerial({ path: request.path, baudRate: request.baudRate });
        case 'ssh':
          throw new WizardStepError('ssh-unavailable', 'SSH connections arrive with the router-access work; use the serial console or the demo router');
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
      return await identifyRtx(live.session, { crossCheck });
    } catch (err) {
      throw asStepError(err);
    }
  }

  async disconnect(sessionId: string): Promise<void> {
    const live = this.live.get(sessionId);
    this.live.delete(sessionId);
    if (live) await live.session.close();
  }

  session(sessionId: string): RtxSession {
    return this.get(sessionId).session;
  }

  private get(sessionId: string): Live {
    const live = this.live.get(sessionId);
    if (!live) throw new WizardStepError('session-gone', 'the connection to the router is gone; connect again');
    return live;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id).catch(() => undefined)));
  }
}

function asStepError(err: unknown): Error {
  if (err instanceof WizardStepError) return err;
  if (err instanceof RtxSessionError) return new WizardStepError(err.code, err.message);
  if (err instanceof TransportError) return new WizardStepError(err.code, err.message);
  if (err instanceof UnknownScenarioError) return new WizardStepError(err.code, err.message);
  return err instanceof Error ? err : new Error(String(err));
}
