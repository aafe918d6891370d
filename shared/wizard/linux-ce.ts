import { and, assign } from 'xstate';
import type { LinuxCeView } from '../ipc/views.js';
import { reportStates } from './report-states.js';
import { failsAt, unknownHostKey, wizardSetup, type WizardGuard } from './setup.js';

/** Every check of the last verification passed (none run: not verified). */
export function ceVerified(linuxCe: LinuxCeView): boolean {
  return (linuxCe.verify?.length ?? 0) > 0 && linuxCe.verify!.every((c) => c.ok);
}

/** The Linux CE flow's guards: what the user may do with the host. */
export const linuxCeGuards = {
  ceHasApplied: ({ context }) => context.linuxCe.detect?.applied != null,
  /** Keep across reboots only what verification proved, and only once. */
  ceCanPersist: ({ context }) => ceVerified(context.linuxCe) && !context.linuxCe.persist?.ok,
  ceCanApply: ({ context }) => context.linuxCe.plan !== null && context.linuxCe.plan.blockers.length === 0 && !context.linuxCe.plan.needsUpdatePassword,
  retryCeConnect: ({ context }) => context.ceTarget !== null && context.error?.stage === 'ce-connect',
  retryCeVerify: ({ context }) => context.session !== null && context.error?.stage === 'ce-verify',
  retryCeDetect: ({ context }) => context.session !== null && ['ce-detect', 'ce-apply', 'ce-persist', 'ce-rollback'].includes(context.error?.stage ?? ''),
} satisfies Record<string, WizardGuard>;

const linuxCeSetup = wizardSetup.extend({ guards: linuxCeGuards });

/** RETRY from the failure screen, for a step of the Linux CE flow. */
export const linuxCeRetries = [
  { guard: 'retryCeConnect', target: '#wizard.linuxCe.connecting', actions: 'clearError' },
  { guard: 'retryCeVerify', target: '#wizard.linuxCe.verifying', actions: 'clearError' },
  { guard: 'retryCeDetect', target: '#wizard.linuxCe.detecting', actions: 'clearError' },
  { guard: and(['retryReport', 'inLinuxCe']), target: '#wizard.linuxCe.reporting', actions: 'clearError' },
] as const;

/** The Linux CE form as sent; the view keeps it without the update password, to fill the form again. */
const keepCeForm = linuxCeSetup.assign(({ context, event }) => {
  if (event.type !== 'CE_PLAN' && event.type !== 'CE_DIAGNOSE') return {};
  const { updatePassword: _secret, ...shown } = event.request;
  return { cePlanRequest: event.request, error: null, linuxCe: { ...context.linuxCe, planRequest: shown, plan: null } };
});

/**
 * Linux CE mode: connect → detect → plan (the exact script) → apply → verify → persist, or roll back;
 * or diagnose the CE the host already has, with its own findings and report.
 */
export const linuxCeRegion = linuxCeSetup.createStateConfig({
  initial: 'connecting',
  states: {
    connecting: {
      meta: { step: 'connect', screen: 'progress', activity: 'ce.progress.ceConnecting' },
      invoke: {
        id: 'ceConnect',
        src: 'ceConnect',
        input: ({ context }) => ({ target: context.ceTarget! }),
        onDone: { target: 'detecting', actions: assign({ session: ({ event }) => event.output }) },
        onError: [
          {
            guard: { type: 'isUnknownHostKey', params: ({ event }) => ({ error: event.error }) },
            target: '#wizard.confirmHostKey',
            actions: assign({ hostKey: ({ event }) => unknownHostKey(event.error) }),
          },
          failsAt('ce-connect'),
        ],
      },
      on: { CANCEL: '#wizard.chooseConnection' },
    },
    detecting: {
      meta: { step: 'detect', screen: 'progress', activity: 'ce.progress.ceDetecting' },
      invoke: {
        id: 'ceDetect',
        src: 'ceDetect',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'detected', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, detect: event.output }) }) },
        onError: failsAt('ce-detect'),
      },
      on: { CANCEL: '#wizard.closing' },
    },
    detected: {
      meta: { step: 'detect', screen: 'ceDetected' },
      on: {
        CE_PLAN: { target: 'planning', actions: keepCeForm },
        CE_DIAGNOSE: { target: 'diagnosing', actions: keepCeForm },
        CE_ROLLBACK: { guard: 'ceHasApplied', target: 'rollingBack' },
        REGATHER: { target: 'detecting', actions: 'clearError' },
        BACK: '#wizard.closing',
        DISCONNECT: '#wizard.closing',
      },
    },
    diagnosing: {
      meta: { step: 'detect', screen: 'progress', activity: 'ce.progress.ceDiagnosing' },
      invoke: {
        id: 'ceDiagnose',
        src: 'ceDiagnose',
        input: ({ context }) => ({ session: context.session!, request: context.cePlanRequest! }),
        onDone: { target: 'findings', actions: assign({ diagnosis: ({ event }) => event.output, device: null }) },
        onError: failsAt('ce-diagnose'),
      },
    },
    // The existing CE's findings: part of "detect". It is replaced by the planned datapath, never fixed in place.
    findings: {
      meta: { step: 'detect', screen: 'findings' },
      on: {
        REPORT: 'reporting',
        REGATHER: 'diagnosing',
        BACK: 'detected',
        DISCONNECT: [{ guard: 'hasSession', target: '#wizard.closing' }, { target: '#wizard.chooseConnection' }],
      },
    },
    ...reportStates('detect'),
    planning: {
      meta: { step: 'plan', screen: 'progress', activity: 'ce.progress.cePlanning' },
      invoke: {
        id: 'cePlan',
        src: 'cePlan',
        input: ({ context }) => ({ session: context.session!, request: context.cePlanRequest! }),
        onDone: { target: 'planned', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, plan: event.output }) }) },
        // A plan the inputs cannot make is shown on the form it came from, next to the fields.
        onError: {
          target: 'detected',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'ce-plan', error: event.error }) },
        },
      },
    },
    planned: {
      meta: { step: 'plan', screen: 'cePlan' },
      on: {
        CE_APPLY: {
          guard: 'ceCanApply',
          target: 'applying',
          actions: assign({ linuxCe: ({ context }) => ({ ...context.linuxCe, apply: null, verify: null, persist: null, rollback: null }) }),
        },
        BACK: 'detected',
        DISCONNECT: '#wizard.closing',
      },
    },
    applying: {
      meta: { step: 'apply', screen: 'progress', activity: 'ce.progress.ceApplying' },
      // No CANCEL: the script runs detached on the host and finishes whatever happens to this connection.
      invoke: {
        id: 'ceApply',
        src: 'ceApply',
        input: ({ context }) => ({ session: context.session! }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'verifying', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, apply: event.output }) }) },
          { target: 'applied', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, apply: event.output }) }) },
        ],
        onError: failsAt('ce-apply'),
      },
    },
    verifying: {
      meta: { step: 'verify', screen: 'progress', activity: 'ce.progress.ceVerifying' },
      invoke: {
        id: 'ceVerify',
        src: 'ceVerify',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'applied', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, verify: event.output }) }) },
        onError: failsAt('ce-verify'),
      },
    },
    applied: {
      meta: { step: 'verify', screen: 'ceApplied' },
      on: {
        CE_VERIFY: 'verifying',
        CE_PERSIST: { guard: 'ceCanPersist', target: 'persisting' },
        CE_ROLLBACK: 'rollingBack',
        BACK: 'detected',
        DISCONNECT: '#wizard.closing',
      },
    },
    persisting: {
      meta: { step: 'persist', screen: 'progress', activity: 'ce.progress.cePersisting' },
      invoke: {
        id: 'cePersist',
        src: 'cePersist',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'applied', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, persist: event.output }) }) },
        onError: failsAt('ce-persist'),
      },
    },
    rollingBack: {
      meta: { step: 'apply', screen: 'progress', activity: 'ce.progress.ceRollingBack' },
      invoke: {
        id: 'ceRollback',
        src: 'ceRollback',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'rolledBack', actions: assign({ linuxCe: ({ context, event }) => ({ ...context.linuxCe, rollback: event.output }) }) },
        onError: failsAt('ce-rollback'),
      },
    },
    rolledBack: {
      meta: { step: 'apply', screen: 'ceRolledBack' },
      on: { REGATHER: 'detecting', BACK: 'detecting', DISCONNECT: '#wizard.closing' },
    },
  },
});
