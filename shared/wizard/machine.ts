import { assign, type SnapshotFrom, type StateValue } from 'xstate';
import { linuxCeGuards, linuxCeRegion, linuxCeRetries } from './linux-ce.js';
import { routerGuards, routerRegion, routerRetries } from './router.js';
import { lineCheckRegion } from './line-check.js';
import { EMPTY_LINUX_CE, wizardSetup } from './setup.js';
import type { WizardStateMeta } from './meta.js';
import type { WizardContext } from './setup.js';

export { EMPTY_LINUX_CE, wizardActorTypes } from './setup.js';
export type { ConnectedSession, WizardActors, WizardContext, WizardMachineEvent } from './setup.js';

/**
 * What a new run from the picker starts from (and the machine's first context): no session, no findings, no plans.
 * The line check's form (lineCheckRequest) and the last host key question stay out: they are not a run's results.
 */
function freshFlow(): Pick<
  WizardContext,
  'mode' | 'session' | 'device' | 'offline' | 'diagnosis' | 'selectedFixes' | 'applyOutcome' | 'report' | 'cePlanRequest' | 'linuxCe' | 'recovery' | 'recoveryOutcome' | 'legacySsh' | 'sshPlan' | 'sshOutcome' | 'setup' | 'setupNotice' | 'lineCheck'
> {
  return {
    mode: 'router',
    session: null,
    device: null,
    offline: false,
    diagnosis: null,
    selectedFixes: [],
    applyOutcome: null,
    report: null,
    cePlanRequest: null,
    linuxCe: EMPTY_LINUX_CE,
    recovery: null,
    recoveryOutcome: null,
    legacySsh: null,
    sshPlan: null,
    sshOutcome: null,
    setup: null,
    setupNotice: null,
    lineCheck: null,
  };
}

/**
 * The wizard: a connection picker, then one of two flows in a region of its own (router.ts, linux-ce.ts),
 * and the states both share: the SSH host-key question, the failure screen, and closing the session.
 */
export const wizardMachine = wizardSetup.extend({ guards: { ...routerGuards, ...linuxCeGuards } }).createMachine({
  id: 'wizard',
  initial: 'chooseConnection',
  context: {
    ...freshFlow(),
    request: null,
    error: null,
    hostKey: null,
    ceTarget: null,
    lineCheckRequest: null,
  },
  states: {
    chooseConnection: {
      meta: { step: 'connect', screen: 'connect' },
      // The picker starts the router flow unless the user picks Linux CE: its step bar is the router's again.
      entry: assign(() => freshFlow()),
      on: {
        CONNECT: {
          target: 'router',
          actions: assign({ request: ({ event }) => event.request, error: null, mode: 'router', ceTarget: null }),
        },
        PASTE_TRANSCRIPT: {
          target: 'router.diagnosingTranscript',
          actions: assign({ offline: true, error: null, request: null, mode: 'router', ceTarget: null }),
        },
        CE_CONNECT: {
          target: 'linuxCe',
          actions: assign({ ceTarget: ({ event }) => event.target, mode: 'linuxCe', request: null, error: null }),
        },
        LINE_CHECK: { target: 'lineCheck', actions: assign({ error: null, mode: 'router', request: null, ceTarget: null }) },
      },
    },
    router: routerRegion,
    lineCheck: lineCheckRegion,
    linuxCe: linuxCeRegion,
    confirmHostKey: {
      meta: { step: 'connect', screen: 'hostKey' },
      // Trust on first use: nothing is sent to the host until the user accepts its fingerprint.
      on: {
        TRUST_HOST_KEY: 'trustingHostKey',
        REJECT_HOST_KEY: { target: 'chooseConnection', actions: assign({ hostKey: null }) },
        BACK: { target: 'chooseConnection', actions: assign({ hostKey: null }) },
        CANCEL: { target: 'chooseConnection', actions: assign({ hostKey: null }) },
      },
    },
    confirmLegacySsh: {
      meta: { step: 'connect', screen: 'legacySsh' },
      // Never a silent downgrade: the old algorithms are used only after the user saw them and agreed.
      on: {
        ALLOW_LEGACY_SSH: {
          target: 'router.connecting',
          actions: assign({
            request: ({ context }) => (context.request?.kind === 'ssh' ? { ...context.request, legacyAlgorithms: true } : context.request),
            legacySsh: null,
          }),
        },
        BACK: { target: 'chooseConnection', actions: assign({ legacySsh: null }) },
        CANCEL: { target: 'chooseConnection', actions: assign({ legacySsh: null }) },
      },
    },
    trustingHostKey: {
      meta: { shownAs: 'router.connecting' },
      invoke: {
        id: 'trustHostKey',
        src: 'trustHostKey',
        input: ({ context }) => ({ hostKey: context.hostKey! }),
        onDone: [
          { guard: 'inLinuxCe', target: 'linuxCe.connecting', actions: assign({ hostKey: null }) },
          { target: 'router.connecting', actions: assign({ hostKey: null }) },
        ],
        onError: {
          target: 'failed',
          actions: {
            type: 'recordError',
            params: ({ event, context }) => ({ stage: context.mode === 'linuxCe' ? 'ce-connect' : 'connect', error: event.error }),
          },
        },
      },
    },
    releasing: {
      meta: { shownAs: 'failed' },
      invoke: {
        id: 'disconnect',
        src: 'disconnect',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'failed', actions: 'forgetSession' },
        onError: { target: 'failed', actions: 'forgetSession' },
      },
    },
    failed: {
      meta: { step: null, screen: 'failed' },
      on: {
        RETRY: [...routerRetries, ...linuxCeRetries, { guard: 'retryLineCheck', target: 'lineCheck.running', actions: 'clearError' }],
        BACK: [{ guard: 'hasSession', target: 'closing' }, { target: 'chooseConnection' }],
        DISCONNECT: [{ guard: 'hasSession', target: 'closing' }, { target: 'chooseConnection' }],
      },
    },
    closing: {
      meta: { shownAs: 'chooseConnection' },
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
export type WizardSnapshot = SnapshotFrom<WizardMachine>;

/** Dotted paths of a nested state value: `{ router: 'findings' }` → `router.findings`. */
type Paths<V> = V extends string ? V : { [K in keyof V & string]: `${K}.${Paths<V[K]>}` }[keyof V & string];
/** Every state of the wizard by its dotted path (leaf states only). */
export type WizardStatePath = Paths<WizardSnapshot['value']>;

/** The dotted path of the (single) active leaf state. */
export function statePath(value: StateValue): WizardStatePath {
  let path = '';
  let v: StateValue = value;
  while (typeof v !== 'string') {
    const [key, inner] = Object.entries(v)[0]!;
    path += `${key}.`;
    v = inner as StateValue;
  }
  return (path + v) as WizardStatePath;
}

/** Every leaf state with its meta, read from the machine itself. */
export const WIZARD_STATE_META: ReadonlyMap<WizardStatePath, WizardStateMeta> = (() => {
  const out = new Map<WizardStatePath, WizardStateMeta>();
  const walk = (node: (typeof wizardMachine)['root'], prefix: string) => {
    for (const [key, child] of Object.entries(node.states)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (Object.keys(child.states).length > 0) walk(child, path);
      else out.set(path as WizardStatePath, child.meta as WizardStateMeta);
    }
  };
  walk(wizardMachine.root, '');
  return out;
})();

/** The states the user can see (brief internal steps are shown as the state they lead to). */
export const WIZARD_VIEW_STATES = [...WIZARD_STATE_META].filter(([, meta]) => !('shownAs' in meta)).map(([path]) => path) as [
  WizardStatePath,
  ...WizardStatePath[],
];
