import { createActor, fromPromise } from 'xstate';
import {
  apiMethods,
  type ApiEventName,
  type ApiEventPayload,
  type ApiMethod,
  type ApiOutput,
  type WizardEvent,
} from '../../shared/ipc/contract.js';
import { wizardMachine } from '../../shared/wizard/machine.js';
import { wizardView } from '../../shared/wizard/view.js';
import { ConnectionRegistry } from './connection-registry.js';
import { listScenarioIds, loadScenario } from '../simulator/scenario.js';
import { listSerialPorts } from '../transports/serial-transport.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../paths.js';

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
export function createAppService(opts: { shell: 'electron' | 'browser' }): AppService {
  const connections = new ConnectionRegistry();
  const machine = wizardMachine.provide({
    actors: {
      connect: fromPromise(({ input, signal }) => connections.connect(input.request, signal)),
      identify: fromPromise(({ input }) => connections.identify(input.session.sessionId)),
      disconnect: fromPromise(({ input }) => connections.disconnect(input.session.sessionId)),
    },
  });
  const actor = createActor(machine);
  const listeners = new Set<EventListener>();
  actor.subscribe((snapshot) => {
    const view = wizardView(snapshot);
    for (const l of listeners) l('wizard.view', view);
  });
  actor.start();
  const version = (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;

  return {
    handlers: {
      'app.info': async () => ({ name: 'IPoE Doctor', version, shell: opts.shell }),
      'wizard.view': async () => wizardView(actor.getSnapshot()),
      'wizard.send': async (event: WizardEvent) => {
        const snapshot = actor.getSnapshot();
        if (!snapshot.can(event)) return { accepted: false };
        actor.send(event);
        return { accepted: true };
      },
      'demo.scenarios': async () =>
        listScenarioIds().map((id) => {
          const s = loadScenario(id);
          return { id, model: s.device.model, service: s.service, summary: s.summary };
        }),
      'serial.list': async () => listSerialPorts(),
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      actor.stop();
      listeners.clear();
      await connections.closeAll();
    },
  };
}
