import { assign, fromPromise, setup, type ActorLogicFrom } from 'xstate';
import type { ConnectionRequest, DeviceIdentity, WizardErrorView } from '../ipc/contract.js';
import { errorCode, errorMessage } from './errors.js';

/** What a successful connect yields: a handle the Node side maps to a live session. */
export interface ConnectedSession {
  sessionId: string;
  label: string;
  demo: boolean;
}

export interface WizardContext {
  request: ConnectionRequest | null;
  session: ConnectedSession | null;
  device: DeviceIdentity | null;
  error: WizardErrorView | null;
}

export type WizardMachineEvent =
  | { type: 'CONNECT'; request: ConnectionRequest }
  | { type: 'CANCEL' }
  | { type: 'RETRY' }
  | { type: 'BACK' }
  | { type: 'DISCONNECT' };

/**
 * Placeholder logic: `setup()` needs an actor per name to type the machine, but the real work
 * (bytes on a wire) lives in main/ and is injected with `machine.provide()`. Running the bare
 * machine therefore fails loudly instead of pretending to connect.
 */
function injected<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`wizard actor "${name}" was not provided: call wizardMachine.provide({ actors: { ${name} } })`);
  });
}

export const wizardActorTypes = {
  connect: injected<ConnectedSession, { request: ConnectionRequest }>('connect'),
  identify: injected<DeviceIdentity, { session: ConnectedSession }>('identify'),
  disconnect: injected<void, { session: ConnectedSession }>('disconnect'),
};
export type WizardActors = { [K in keyof typeof wizardActorTypes]: ActorLogicFrom<(typeof wizardActorTypes)[K]> };

export const wizardMachine = setup({
  types: {
    context: {} as WizardContext,
    events: {} as WizardMachineEvent,
  },
  actors: wizardActorTypes,
  guards: {
    hasRequest: ({ context }) => context.request !== null,
  },
  actions: {
    forgetSession: assign({ session: null }),
    recordError: assign((_, params: { stage: WizardErrorView['stage']; error: unknown }) => ({
      error: { stage: params.stage, code: errorCode(params.error), message: errorMessage(params.error) },
    })),
  },
}).createMachine({
  id: 'wizard',
  initial: 'chooseConnection',
  context: { request: null, session: null, device: null, error: null },
  states: {
    chooseConnection: {
      entry: assign({ session: null, device: null }),
      on: {
        CONNECT: {
          target: 'connecting',
          actions: assign({ request: ({ event }) => event.request, error: null }),
        },
      },
    },
    connecting: {
      invoke: {
        id: 'connect',
        src: 'connect',
        input: ({ context }) => ({ request: context.request! }),
        onDone: { target: 'identifying', actions: assign({ session: ({ event }) => event.output }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'connect', error: event.error }) },
        },
      },
      on: { CANCEL: 'chooseConnection' },
    },
    identifying: {
      invoke: {
        id: 'identify',
        src: 'identify',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'identified', actions: assign({ device: ({ event }) => event.output }) },
        // The session is released before the failure is shown, so RETRY starts from a clean wire.
        onError: {
          target: 'releasing',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'identify', error: event.error }) },
        },
      },
      on: { CANCEL: 'closing' },
    },
    identified: {
      // Later stages (gather, diagnose, fix, verify, report) continue from here.
      on: { DISCONNECT: 'closing', BACK: 'closing' },
    },
    releasing: {
      invoke: {
        id: 'disconnect',
        src: 'disconnect',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'failed', actions: 'forgetSession' },
        onError: { target: 'failed', actions: 'forgetSession' },
      },
    },
    failed: {
      on: {
        RETRY: { guard: 'hasRequest', target: 'connecting', actions: assign({ error: null }) },
        BACK: 'chooseConnection',
        DISCONNECT: 'chooseConnection',
      },
    },
    closing: {
      invoke: {
        id: 'disconnect',
        src: 'disconnect',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'chooseConnection', actions: 'forgetSession' },
        // A session that will not close cleanly is dropped anyway; its transport times out on its own.
        onError: { target: 'chooseConnection', actions: 'forgetSession' },
      },
    },
  },
});

export type WizardMachine = typeof wizardMachine;
