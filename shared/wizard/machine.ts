import { assign, fromPromise, setup } from 'xstate';
import type {
  ApplyOutcomeView,
  ConnectionRequest,
  DeviceIdentity,
  DiagnosisView,
  HostKeyView,
  LinuxCeCheckView,
  LinuxCeDetectView,
  LinuxCePlanRequest,
  LinuxCePlanView,
  LinuxCeTarget,
  LinuxCeView,
  ReportView,
  WizardErrorView,
} from '../ipc/contract.js';
import { errorCode, errorMessage, errorText } from './errors.js';

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
  /** router: an RTX or a pasted transcript; linuxCe: a Linux host becoming the CE (Linux CE mode). */
  mode: 'router' | 'linuxCe';
  ceTarget: LinuxCeTarget | null;
  /** The last plan form as sent (with the update password: the view leaves it out). */
  cePlanRequest: LinuxCePlanRequest | null;
  linuxCe: LinuxCeView;
}

export const EMPTY_LINUX_CE: LinuxCeView = { detect: null, planRequest: null, plan: null, apply: null, verify: null, persist: null, rollback: null };

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
  | { type: 'REPORT'; lang: 'ja' | 'en' }
  | { type: 'CE_CONNECT'; target: LinuxCeTarget }
  | { type: 'CE_PLAN'; request: LinuxCePlanRequest }
  | { type: 'CE_DIAGNOSE'; request: LinuxCePlanRequest }
  | { type: 'CE_APPLY' }
  | { type: 'CE_VERIFY' }
  | { type: 'CE_PERSIST' }
  | { type: 'CE_ROLLBACK' };

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
  // Linux CE mode: the host's shell is the session; `disconnect` closes it like a router session.
  ceConnect: injected<ConnectedSession, { target: LinuxCeTarget }>('ceConnect'),
  ceDetect: injected<LinuxCeDetectView, { session: ConnectedSession }>('ceDetect'),
  cePlan: injected<LinuxCePlanView, { session: ConnectedSession; request: LinuxCePlanRequest }>('cePlan'),
  /** Diagnoses the CE the host already has (field report 003's hand-made one) with the shared Linux rules. */
  ceDiagnose: injected<DiagnosisView, { session: ConnectedSession; request: LinuxCePlanRequest }>('ceDiagnose'),
  /** Runs the exact script the user saw (idempotent); a failed script is an outcome, not an error. */
  ceApply: injected<NonNullable<LinuxCeView['apply']>, { session: ConnectedSession }>('ceApply'),
  ceVerify: injected<LinuxCeCheckView[], { session: ConnectedSession }>('ceVerify'),
  cePersist: injected<NonNullable<LinuxCeView['persist']>, { session: ConnectedSession }>('cePersist'),
  ceRollback: injected<NonNullable<LinuxCeView['rollback']>, { session: ConnectedSession }>('ceRollback'),
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
      context.mode === 'router' &&
      event.type === 'PREVIEW_FIX' &&
      event.codes.every((code) => context.diagnosis?.findings.some((f) => f.code === code && f.fix)),
    retryConnect: ({ context }) => context.request !== null && (context.error?.stage === 'connect' || context.error?.stage === 'identify'),
    retryGather: ({ context }) => context.session !== null && (context.error?.stage === 'gather' || context.error?.stage === 'diagnose'),
    retryReport: ({ context }) => context.diagnosis !== null && context.error?.stage === 'report',
    isUnknownHostKey: (_, params: { error: unknown }) => unknownHostKey(params.error) !== null,
    inLinuxCe: ({ context }) => context.mode === 'linuxCe',
    ceHasApplied: ({ context }) => context.linuxCe.detect?.applied != null,
    ceVerified: ({ context }) => (context.linuxCe.verify?.length ?? 0) > 0 && context.linuxCe.verify!.every((c) => c.ok),
    ceCanApply: ({ context }) => context.linuxCe.plan !== null && context.linuxCe.plan.blockers.length === 0 && !context.linuxCe.plan.needsUpdatePassword,
    retryCeConnect: ({ context }) => context.ceTarget !== null && context.error?.stage === 'ce-connect',
    retryCeVerify: ({ context }) => context.session !== null && context.error?.stage === 'ce-verify',
    retryCeDetect: ({ context }) =>
      context.session !== null && ['ce-detect', 'ce-apply', 'ce-persist', 'ce-rollback'].includes(context.error?.stage ?? ''),
  },
  actions: {
    forgetSession: assign({ session: null }),
    /** The Linux CE form as sent; the view keeps it without the update password, to fill the form again. */
    keepCeForm: assign(({ context, event }) => {
      if (event.type !== 'CE_PLAN' && event.type !== 'CE_DIAGNOSE') return {};
      const { updatePassword: _secret, ...shown } = event.request;
      return { cePlanRequest: event.request, error: null, linuxCe: { ...context.linuxCe, planRequest: shown, plan: null } };
    }),
    recordError: assign((_, params: { stage: WizardErrorView['stage']; error: unknown }) => ({
      error: { stage: params.stage, code: errorCode(params.error), message: errorMessage(params.error), text: errorText(params.error) },
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
    mode: 'router',
    ceTarget: null,
    cePlanRequest: null,
    linuxCe: EMPTY_LINUX_CE,
  },
  states: {
    chooseConnection: {
      entry: assign({
        session: null,
        device: null,
        offline: false,
        diagnosis: null,
        selectedFixes: [],
        applyOutcome: null,
        report: null,
        cePlanRequest: null,
        linuxCe: EMPTY_LINUX_CE,
      }),
      on: {
        CONNECT: {
          target: 'connecting',
          actions: assign({ request: ({ event }) => event.request, error: null, mode: 'router', ceTarget: null }),
        },
        PASTE_TRANSCRIPT: { target: 'diagnosingTranscript', actions: assign({ offline: true, error: null, request: null, mode: 'router', ceTarget: null }) },
        CE_CONNECT: {
          target: 'ceConnecting',
          actions: assign({ ceTarget: ({ event }) => event.target, mode: 'linuxCe', request: null, error: null }),
        },
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
        onDone: [
          { guard: 'inLinuxCe', target: 'ceConnecting', actions: assign({ hostKey: null }) },
          { target: 'connecting', actions: assign({ hostKey: null }) },
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
        REGATHER: [
          { guard: 'inLinuxCe', target: 'ceDiagnosing' },
          { guard: 'hasSession', target: 'gathering' },
        ],
        BACK: [{ guard: 'inLinuxCe', target: 'ceDetected' }, { guard: 'hasSession', target: 'identified' }, { target: 'chooseConnection' }],
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
    // ---- Linux CE mode: connect → detect → plan (the exact script) → apply → verify → persist, or roll back.
    ceConnecting: {
      invoke: {
        id: 'ceConnect',
        src: 'ceConnect',
        input: ({ context }) => ({ target: context.ceTarget! }),
        onDone: { target: 'ceDetecting', actions: assign({ session: ({ event }) => event.output }) },
        onError: [
          {
            guard: { type: 'isUnknownHostKey', params: ({ event }) => ({ error: event.error }) },
            target: 'confirmHostKey',
            actions: assign({ hostKey: ({ event }) => unknownHostKey(event.error) }),
          },
          {
            target: 'failed',
            actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-connect', error: event.error }) },
          },
        ],
      },
      on: { CANCEL: 'chooseConnection' },
    },
    ceDetecting: {
      invoke: {
        id: 'ceDetect',
        src: 'ceDetect',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'ceDetected', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, detect: event.output }) }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-detect', error: event.error }) },
        },
      },
      on: { CANCEL: 'closing' },
    },
    ceDetected: {
      on: {
        CE_PLAN: { target: 'cePlanning', actions: 'keepCeForm' },
        CE_DIAGNOSE: { target: 'ceDiagnosing', actions: 'keepCeForm' },
        CE_ROLLBACK: { guard: 'ceHasApplied', target: 'ceRollingBack' },
        REGATHER: { target: 'ceDetecting', actions: assign({ error: null }) },
        BACK: 'closing',
        DISCONNECT: 'closing',
      },
    },
    ceDiagnosing: {
      invoke: {
        id: 'ceDiagnose',
        src: 'ceDiagnose',
        input: ({ context }) => ({ session: context.session!, request: context.cePlanRequest! }),
        onDone: { target: 'findings', actions: assign({ diagnosis: ({ event }) => event.output, device: null }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-diagnose', error: event.error }) },
        },
      },
    },
    cePlanning: {
      invoke: {
        id: 'cePlan',
        src: 'cePlan',
        input: ({ context }) => ({ session: context.session!, request: context.cePlanRequest! }),
        onDone: { target: 'cePlanned', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, plan: event.output }) }) },
        // A plan the inputs cannot make is shown on the form it came from, next to the fields.
        onError: {
          target: 'ceDetected',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-plan', error: event.error }) },
        },
      },
    },
    cePlanned: {
      on: {
        CE_APPLY: {
          guard: 'ceCanApply',
          target: 'ceApplying',
          actions: assign({ linuxCe: ({ context }) => ({ ...context.linuxCe, apply: null, verify: null, persist: null, rollback: null }) }),
        },
        BACK: 'ceDetected',
        DISCONNECT: 'closing',
      },
    },
    ceApplying: {
      // No CANCEL: the script runs detached on the host and finishes whatever happens to this connection.
      invoke: {
        id: 'ceApply',
        src: 'ceApply',
        input: ({ context }) => ({ session: context.session! }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'ceVerifying',
            actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, apply: event.output }) }),
          },
          { target: 'ceApplied', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, apply: event.output }) }) },
        ],
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-apply', error: event.error }) },
        },
      },
    },
    ceVerifying: {
      invoke: {
        id: 'ceVerify',
        src: 'ceVerify',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'ceApplied', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, verify: event.output }) }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-verify', error: event.error }) },
        },
      },
    },
    ceApplied: {
      on: {
        CE_VERIFY: 'ceVerifying',
        CE_PERSIST: { guard: 'ceVerified', target: 'cePersisting' },
        CE_ROLLBACK: 'ceRollingBack',
        BACK: 'ceDetected',
        DISCONNECT: 'closing',
      },
    },
    cePersisting: {
      invoke: {
        id: 'cePersist',
        src: 'cePersist',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'ceApplied', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, persist: event.output }) }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-persist', error: event.error }) },
        },
      },
    },
    ceRollingBack: {
      invoke: {
        id: 'ceRollback',
        src: 'ceRollback',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'ceRolledBack', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, rollback: event.output }) }) },
        onError: {
          target: 'failed',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-rollback', error: event.error }) },
        },
      },
    },
    ceRolledBack: {
      on: { REGATHER: 'ceDetecting', BACK: 'ceDetecting', DISCONNECT: 'closing' },
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
          { guard: 'retryCeConnect', target: 'ceConnecting', actions: assign({ error: null }) },
          { guard: 'retryCeVerify', target: 'ceVerifying', actions: assign({ error: null }) },
          { guard: 'retryCeDetect', target: 'ceDetecting', actions: assign({ error: null }) },
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
