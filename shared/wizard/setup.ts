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
  RecoveryOutcomeView,
  RecoveryView,
  LegacySshView,
  LineCheckRequest,
  LineCheckView,
  ReportView,
  SshPlanView,
  SetupPlanView,
  SetupView,
  WizardErrorView,
} from '../ipc/views.js';
import type { ContractNotice } from '../diagnosis/input.js';
import type { ServiceId } from '../services/index.js';
import { errorCode, wizardError } from './errors.js';
import type { WizardStateMeta } from './meta.js';

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
  /** An interrupted change found on the router just identified, and how finishing it went. */
  recovery: RecoveryView | null;
  recoveryOutcome: RecoveryOutcomeView | null;
  /** An SSH server offering only old algorithms, awaiting the user's decision (state confirmLegacySsh). */
  legacySsh: LegacySshView | null;
  /** Over Telnet: the plan that turns SSH on for next time, and how applying it went. */
  sshPlan: SshPlanView | null;
  sshOutcome: ApplyOutcomeView | null;
  /** Setting up IPv4 on a router with no tunnel: what the UI shows (never a secret). */
  setup: SetupView | null;
  /** The contract notice as the form sent it, with the update user and password (the view leaves them out). */
  setupNotice: ContractNotice | null;
  /** The line check from this computer: what was asked, and what it found. */
  lineCheckRequest: LineCheckRequest | null;
  lineCheck: LineCheckView | null;
}

export const EMPTY_LINUX_CE: LinuxCeView = { detect: null, planRequest: null, plan: null, apply: null, verify: null, persist: null, rollback: null };

export type WizardMachineEvent =
  | { type: 'CONNECT'; request: ConnectionRequest }
  | { type: 'CANCEL' }
  | { type: 'RETRY' }
  | { type: 'BACK' }
  | { type: 'DISCONNECT' }
  | { type: 'TRUST_HOST_KEY' }
  | { type: 'ALLOW_LEGACY_SSH' }
  | { type: 'ENABLE_SSH' }
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
  | { type: 'CE_ROLLBACK' }
  | { type: 'RECOVER'; choice: 'revert' | 'resume' }
  | { type: 'SETUP_START' }
  | { type: 'SETUP_SERVICE'; service: ServiceId }
  | { type: 'SETUP_NOTICE'; notice: ContractNotice }
  | { type: 'SETUP_APPLY'; movePppoeDefault: boolean }
  | { type: 'LINE_CHECK' }
  | { type: 'LINE_CHECK_RUN'; request: LineCheckRequest };

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
  /** After identify: an interrupted change of ours on this router (its journal has no end), with the router's state; null when none. */
  checkRecovery: injected<RecoveryView | null, { session: ConnectedSession }>('checkRecovery'),
  /** Finish it: revert to the backup (proven, then saved) or resume (verify, then save or revert). */
  recover: injected<RecoveryOutcomeView, { session: ConnectedSession; choice: 'revert' | 'resume' }>('recover'),
  /** Over Telnet: reads the config and plans turning SSH on (the plan itself stays on the Node side). */
  planSsh: injected<SshPlanView, { session: ConnectedSession }>('planSsh'),
  /** Applies that plan through safe apply: backup, apply, SSH answers from this computer, save (or undo). */
  enableSsh: injected<ApplyOutcomeView, { session: ConnectedSession }>('enableSsh'),
  /** The whole IPv4 set-up for the chosen service (and notice): the plan, and the diagnosis it belongs to. */
  planSetup: injected<{ plan: SetupPlanView; diagnosis: DiagnosisView }, { session: ConnectedSession; service: ServiceId; notice: ContractNotice | null }>('planSetup'),
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
  /** The line check from this computer: its own interfaces, gateways, the line's DNS and the service's endpoints. */
  lineCheck: injected<LineCheckView, { request: LineCheckRequest }>('lineCheck'),
};
/** What a host must provide: the same logic types, with real implementations. */
export type WizardActors = typeof wizardActorTypes;

/** The guards' arguments (every guard reads only the context and the event). */
export type WizardGuard = (args: { context: WizardContext; event: WizardMachineEvent }) => boolean;

/**
 * What every part of the wizard shares: its types, its actors, and the guards and actions the states
 * outside a flow use. The router and Linux CE regions extend it with their own guards.
 */
export const wizardSetup = setup({
  types: {
    context: {} as WizardContext,
    events: {} as WizardMachineEvent,
    meta: {} as WizardStateMeta,
  },
  actors: wizardActorTypes,
  guards: {
    hasSession: ({ context }) => context.session !== null,
    isUnknownHostKey: (_, params: { error: unknown }) => unknownHostKey(params.error) !== null,
    isLegacyOnlySsh: (_, params: { error: unknown }) => legacyOnlySsh(params.error) !== null,
    inLinuxCe: ({ context }) => context.mode === 'linuxCe',
    retryReport: ({ context }) => context.diagnosis !== null && context.error?.stage === 'report',
    retryLineCheck: ({ context }) => context.error?.stage === 'line-check',
  },
  actions: {
    forgetSession: assign({ session: null }),
    clearError: assign({ error: null }),
    recordError: assign((_, params: { stage: WizardErrorView['stage']; error: unknown }) => ({ error: wizardError(params.stage, params.error) })),
  },
});

/** A first-time SSH host: the connect actor stops with its key so the user can look at it. */
export function unknownHostKey(error: unknown): HostKeyView | null {
  if (errorCode(error) !== 'ssh-host-key-unknown') return null;
  const d = (error as { details?: Record<string, unknown> }).details;
  if (!d || typeof d.host !== 'string' || typeof d.port !== 'number' || typeof d.keyType !== 'string' || typeof d.fingerprint !== 'string') return null;
  return { host: d.host, port: d.port, keyType: d.keyType, fingerprint: d.fingerprint };
}

/** An SSH server offering only old algorithms: the connect actor stops with them so the user can decide. */
export function legacyOnlySsh(error: unknown): LegacySshView | null {
  if (errorCode(error) !== 'ssh-legacy-only') return null;
  const d = (error as { details?: Record<string, unknown> }).details;
  if (!d || typeof d.host !== 'string' || typeof d.port !== 'number') return null;
  const list = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split(',') : []);
  return { host: d.host, port: d.port, needed: { kex: list(d.kex), hostKey: list(d.hostKey), cipher: list(d.cipher), mac: list(d.mac) } };
}

/** A failed step: its error recorded, then the failure screen (which says what to try). */
export function failsAt(stage: WizardErrorView['stage']) {
  return {
    target: '#wizard.failed',
    actions: { type: 'recordError' as const, params: ({ event }: { event: { error: unknown } }) => ({ stage, error: event.error }) },
  };
}
