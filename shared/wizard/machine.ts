import { assign, fromPromise, setup } from 'xstate';
import type { ApplyOutcomeView, ConnectionRequest, DeviceIdentity, DiagnosisView, HostKeyView, ReportView, WizardErrorView } from '../ipc/contract.js';
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
  hostKey: HostKeyView | null;
  /** Diagnosing a pasted transcript: no live session, fixes are shown but never applied. */
  offline: boolean;
  diagnosis: DiagnosisView | null;
  selectedFixes: string[];
  applyOutcome: ApplyOutcomeView | null;
  report: ReportView | null;
}

export type WizardMachineEvent =
  | { type: 'CONNECT'; request: ConnectionRequest }
  | { type: 'CANCEL' }
  | { type: 'RETRY' }
  | { type: 'BACK' }
  | { type: 'DISCONNECT' }
  | { type: 'TRUST_HOST_KEY' }
  | { type: 'REJECT_HOST_KEY' }
  | { type: 'NEXT' }
  | { type: 'REGATHER' }
  | { type: 'PASTE_TRANSCRIPT'; text: string }
  | { type: 'PREVIEW_FIX'; codes: string[] }
  | { type: 'APPLY' }
  | { type: 'REPORT'; lang: 'ja' | 'en' };

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
  trustHostKey: injected<void, { hostKey: HostKeyView }>('trustHostKey'),
  /** Runs the gather plan on the live session; the outputs stay on the Node side (they can be large). */
  gather: injected<{ commands: number }, { session: ConnectedSession }>('gather'),
  diagnose: injected<DiagnosisView, { session: ConnectedSession }>('diagnose'),
  diagnoseTranscript: injected<DiagnosisView, { text: string }>('diagnoseTranscript'),
  /** Back up, then apply the selected fixes unsaved. */
  applyFixes: injected<{ ok: boolean; failedCommand: { command: string; error: string } | null }, { session: ConnectedSession; codes: string[] }>(
    'applyFixes',
  ),
  verifyFixes: injected<{ passed: boolean }, { session: ConnectedSession }>('verifyFixes'),
  saveFixes: injected<ApplyOutcomeView, { session: ConnectedSession }>('saveFixes'),
  revertFixes: injected<ApplyOutcomeView, { session: ConnectedSession }>('revertFixes'),
  buildReport: injected<ReportView, { lang: 'ja' | 'en'; applyOutcome: ApplyOutcomeView | null }>('buildReport'),
};

/** A first-time SSH host: the connect actor stops with its key so the user can look at it. */
function unknownHostKey(error: unknown): HostKeyView | null {
  if (errorCode(error) !== 'ssh-host-key-unknown') return null;
  const d = (error as { details?: Record<string, unknown> }).details;
  if (!d || typeof d.host !== 'string' || typeof d.port !== 'number' || typeof d.keyType !== 'string' || typeof d.fingerprint !== 'string') return null;
  return { host: d.host, port: d.port, keyType: d.keyType, fingerprint: d.fingerprint };
}
/** What a host must provide: the same logic types, with real implementations. */
export type WizardActors = typeof wizardActorTypes;

export const wizardMachine = setup({
  types: {
    context: {} as WizardContext,
    events: {} as WizardMachineEvent,
  },
  actors: wizardActorTypes,
  guards: {
    hasRequest: ({ context }) => context.request !== null,
    hasSession: ({ context }) => context.session !== null,
    canFix: ({ context, event }) =>
      context.session !== null &&
      event.type === 'PREVIEW_FIX' &&
      event.codes.every((code) => context.diagnosis?.findings.some((f) => f.code === code && f.fix)),
    retryConnect: ({ context }) => context.request !== null && (context.error?.stage === 'connect' || context.error?.stage === 'identify'),
    retryGather: ({ context }) => context.session !== null && (context.error?.stage === 'gather' || context.error?.stage === 'diagnose'),
    retryReport: ({ context }) => context.diagnosis !== null && context.error?.stage === 'report',
    isUnknownHostKey: (_, params: { error: unknown }) => unknownHostKey(params.error) !== null,
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
  context: {
    request: null,
    session: null,
    device: null,
    error: null,
    hostKey: null,
    offline: false,
    diagnosis: null,
    selectedFixes: [],
    applyOutcome: null,
    report: null,
  },
  states: {
    chooseConnection: {
      entry: assign({ session: null, device: null, offline: false, diagnosis: null, selectedFixes: [], applyOutcome: null, report: null }),
      on: {
        CONNECT: {
          target: 'connecting',
          actions: assign({ request: ({ event }) => event.request, error: null }),
        },
        PASTE_TRANSCRIPT: { target: 'diagnosingTranscript', actions: assign({ offline: true, error: null, request: null }) },
      },
    },
    diagnosingTranscript: {
      invoke: {
        id: 'diagnoseTranscript',
        src: 'diagnoseTranscript',
        input: ({ event }) => ({ text: event.type === 'PASTE_TRANSCRIPT' ? event.text : '' }),
        onDone: { target: 'findings', actions: assign({ diagnosis: ({ event }) => event.output, device: null }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'diagnose', error: event.error }) },
        },
      },
    },
    connecting: {
      invoke: {
        id: 'connect',
        src: 'connect',
        input: ({ context }) => ({ request: context.request! }),
        onDone: { target: 'identifying', actions: assign({ session: ({ event }) => event.output }) },
        onError: [
          {
            guard: { type: 'isUnknownHostKey', params: ({ event }) => ({ error: event.error }) },
            target: 'confirmHostKey',
            actions: assign({ hostKey: ({ event }) => unknownHostKey(event.error) }),
          },
          {
            target: 'failed',
            actions: { type: 'recordError', params: ({ event }) => ({ stage: 'connect', error: event.error }) },
          },
        ],
      },
      on: { CANCEL: 'chooseConnection' },
    },
    confirmHostKey: {
      // Trust on first use: nothing is sent to the host until the user accepts its fingerprint.
      on: {
        TRUST_HOST_KEY: 'trustingHostKey',
        REJECT_HOST_KEY: { target: 'chooseConnection', actions: assign({ hostKey: null }) },
        BACK: { target: 'chooseConnection', actions: assign({ hostKey: null }) },
        CANCEL: { target: 'chooseConnection', actions: assign({ hostKey: null }) },
      },
    },
    trustingHostKey: {
      invoke: {
        id: 'trustHostKey',
        src: 'trustHostKey',
        input: ({ context }) => ({ hostKey: context.hostKey! }),
        onDone: { target: 'connecting', actions: assign({ hostKey: null }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'connect', error: event.error }) },
        },
      },
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
      on: { NEXT: 'gathering', DISCONNECT: 'closing', BACK: 'closing' },
    },
    gathering: {
      invoke: {
        id: 'gather',
        src: 'gather',
        input: ({ context }) => ({ session: context.session! }),
        onDone: 'diagnosing',
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'gather', error: event.error }) },
        },
      },
      on: { CANCEL: 'identified' },
    },
    diagnosing: {
      invoke: {
        id: 'diagnose',
        src: 'diagnose',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'findings', actions: assign({ diagnosis: ({ event }) => event.output }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'diagnose', error: event.error }) },
        },
      },
    },
    findings: {
      on: {
        PREVIEW_FIX: { guard: 'canFix', target: 'fixPreview', actions: assign({ selectedFixes: ({ event }) => event.codes }) },
        REPORT: 'reporting',
        REGATHER: { guard: 'hasSession', target: 'gathering' },
        BACK: [{ guard: 'hasSession', target: 'identified' }, { target: 'chooseConnection' }],
        DISCONNECT: [{ guard: 'hasSession', target: 'closing' }, { target: 'chooseConnection' }],
      },
    },
    fixPreview: {
      on: { APPLY: 'applying', BACK: 'findings', CANCEL: 'findings' },
    },
    applying: {
      invoke: {
        id: 'applyFixes',
        src: 'applyFixes',
        input: ({ context }) => ({ session: context.session!, codes: context.selectedFixes }),
        // A refused command stops the apply: what went in is undone at once.
        onDone: [{ guard: ({ event }) => event.output.ok, target: 'verifying' }, { target: 'reverting' }],
        onError: 'reverting',
      },
    },
    verifying: {
      invoke: {
        id: 'verifyFixes',
        src: 'verifyFixes',
        input: ({ context }) => ({ session: context.session! }),
        onDone: [{ guard: ({ event }) => event.output.passed, target: 'saving' }, { target: 'reverting' }],
        onError: 'reverting',
      },
    },
    saving: {
      invoke: {
        id: 'saveFixes',
        src: 'saveFixes',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'fixed', actions: assign({ applyOutcome: ({ event }) => event.output }) },
        onError: 'reverting',
      },
    },
    reverting: {
      invoke: {
        id: 'revertFixes',
        src: 'revertFixes',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'reverted', actions: assign({ applyOutcome: ({ event }) => event.output }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'revert', error: event.error }) },
        },
      },
    },
    fixed: {
      on: { REPORT: 'reporting', REGATHER: 'gathering', DISCONNECT: 'closing' },
    },
    reverted: {
      on: { REPORT: 'reporting', BACK: 'findings', REGATHER: 'gathering', DISCONNECT: 'closing' },
    },
    reporting: {
      invoke: {
        id: 'buildReport',
        src: 'buildReport',
        input: ({ event, context }) => ({
          lang: event.type === 'REPORT' ? event.lang : (context.report?.lang ?? 'ja'),
          applyOutcome: context.applyOutcome,
        }),
        onDone: { target: 'report', actions: assign({ report: ({ event }) => event.output }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'report', error: event.error }) },
        },
      },
    },
    report: {
      on: {
        REPORT: 'reporting',
        BACK: 'findings',
        DISCONNECT: [{ guard: 'hasSession', target: 'closing' }, { target: 'chooseConnection' }],
      },
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
        RETRY: [
          { guard: 'retryConnect', target: 'connecting', actions: assign({ error: null }) },
          { guard: 'retryGather', target: 'gathering', actions: assign({ error: null }) },
          { guard: 'retryReport', target: 'reporting', actions: assign({ error: null }) },
        ],
        BACK: [{ guard: 'hasSession', target: 'closing' }, { target: 'chooseConnection' }],
        DISCONNECT: [{ guard: 'hasSession', target: 'closing' }, { target: 'chooseConnection' }],
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
