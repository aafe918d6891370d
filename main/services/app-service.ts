import { createActor } from 'xstate';
import { wizardActors } from './wizard-actors.js';
import { dataDir } from '../app-data.js';
import {
  apiMethods,
  type ApiEventName,
  type ApiEventPayload,
  type ApiMethod,
  type ApiOutput,
  type ApplyEventView,
  type WizardEvent,
} from '../../shared/ipc/contract.js';
import { wizardMachine } from '../../shared/wizard/machine.js';
import { wizardView } from '../../shared/wizard/view.js';
import { ConnectionRegistry } from './connection-registry.js';
import { LinuxCeHosts } from './linux-ce-hosts.js';
import { demoScenarios } from '../simulator/demo.js';
import { listSerialPorts } from '../transports/serial-transport.js';
import { discover } from '../discovery/discover.js';
import { readFileSync } from 'node:fs';
import { appResources } from '../paths.js';

type EventListener = <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;

export interface AppService {
  handlers: { [M in ApiMethod]: (input: import('zod').output<(typeof apiMethods)[M]['input']>) => Promise<ApiOutput<M>> };
  onEvent(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

/**
 * The core both shells bind: one wizard actor with its effects injected, plus the small queries
 * the UI needs. Electron IPC and the browser-mode WebSocket call exactly these handlers.
 */
export function createAppService(opts: {
  shell: 'electron' | 'browser';
  pingTarget?: string;
  printToPdf?: (html: string) => Promise<Buffer>;
}): AppService {
  const connections = new ConnectionRegistry();
  const linuxCe = new LinuxCeHosts(connections.knownHosts);
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  // The current apply transaction's console and counters, kept here so a reloaded page shows them again.
  let applyLog: ApplyEventView[] = [];
  const host = wizardActors({
      connections,
      linuxCe,
      dataDir,
      emitProgress: (p) => emit('gather.progress', p),
      emitApply: (e) => {
        applyLog = e.kind === 'phase' && e.phase === 'backup' ? [e] : [...applyLog, e];
        emit('apply.event', e);
      },
      pingTarget: opts.pingTarget ?? process.env.IPOE_DOCTOR_PING_TARGET ?? '1.1.1.1',
      ...(opts.printToPdf ? { printToPdf: opts.printToPdf } : {}),
  });
  const machine = wizardMachine.provide({ actors: host.actors });
  const actor = createActor(machine);
  actor.subscribe((snapshot) => emit('wizard.view', wizardView(snapshot)));
  actor.start();
  const version = (JSON.parse(readFileSync(appResources().packageJson, 'utf8')) as { version: string }).version;

  return {
    handlers: {
      'app.info': async () => ({ name: 'IPoE Doctor', version, shell: opts.shell, dataDir: dataDir() }),
      'wizard.view': async () => wizardView(actor.getSnapshot()),
      'wizard.send': async (event: WizardEvent) => {
        const snapshot = actor.getSnapshot();
        if (!snapshot.can(event)) return { accepted: false };
        actor.send(event);
        return { accepted: true };
      },
      'demo.scenarios': async () => demoScenarios(),
      'serial.list': async () => listSerialPorts(),
      // IPOE_DOCTOR_DISCOVERY=manual: the network is looked at only when the user asks (the test suites' setting:
      // a test may contact only what it made itself).
      'discover.run': async ({ addresses, automatic }) =>
        automatic && process.env.IPOE_DOCTOR_DISCOVERY === 'manual' ? { ...(await discover({ addresses: [], gateways: false })), skipped: true } : discover({ addresses }),
      'apply.log': async () => applyLog,
      'evidence.output': async ({ command, line }) => host.state.evidenceOutput(command, line),
      'linuxCe.export': () => host.state.exportCeScripts(actor.getSnapshot().context.session?.sessionId ?? null),
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      actor.stop();
      listeners.clear();
      await Promise.all([connections.closeAll(), linuxCe.closeAll()]);
    },
  };
}
