import { and, assign, not } from 'xstate';
import { failsAt, legacyOnlySsh, unknownHostKey, wizardSetup, type WizardGuard } from './setup.js';
import { reportStates } from './report-states.js';
import { keepNotice, noticeFieldsFor, SETUP_CODE, setupFinding, startSetup } from './setup-ipv4.js';

/** The router flow's guards: what the user may do with a router (or a pasted transcript). */
export const routerGuards = {
  /** Fixes go to a live router only, and only fixes the diagnosis made for a router. */
  canFix: ({ context, event }) =>
    context.session !== null &&
    event.type === 'PREVIEW_FIX' &&
    // The whole set-up (IPV4_TUNNEL_MISSING) goes through its own path, which asks what a set-up must ask first.
    event.codes.every((code) => code !== SETUP_CODE && context.diagnosis?.findings.some((f) => f.code === code && f.fix?.target === 'rtx')),
  retryConnect: ({ context }) => context.request !== null && (context.error?.stage === 'connect' || context.error?.stage === 'identify'),
  retryGather: ({ context }) => context.session !== null && (context.error?.stage === 'gather' || context.error?.stage === 'diagnose'),
  /** Turning SSH on is offered on a live router reached over Telnet. */
  overTelnet: ({ context }) => context.session !== null && context.request?.kind === 'telnet',
  /** The set-up path: a live router whose diagnosis says no IPv4 tunnel exists. */
  canSetUp: ({ context }) => context.session !== null && setupFinding(context.diagnosis) !== null,
  /** The chosen service needs values from the contract notice (fixed IP). */
  serviceNeedsNotice: ({ event }) => event.type === 'SETUP_SERVICE' && noticeFieldsFor(event.service).length > 0,
  setupNeedsNotice: ({ context }) => context.setup?.service != null && noticeFieldsFor(context.setup.service).length > 0,
  /** A plan exists, and a PPPoE default route it moves has the user's yes. */
  canApplySetup: ({ context, event }) => {
    const plan = context.setup?.plan;
    return event.type === 'SETUP_APPLY' && plan?.ok === true && (plan.pppoeRoute === null || event.movePppoeDefault);
  },
} satisfies Record<string, WizardGuard>;

const routerSetup = wizardSetup.extend({ guards: routerGuards });

/** RETRY from the failure screen, for a step of the router flow. */
export const routerRetries = [
  { guard: 'retryConnect', target: '#wizard.router.connecting', actions: 'clearError' },
  { guard: 'retryGather', target: '#wizard.router.gathering', actions: 'clearError' },
  { guard: and(['retryReport', not('inLinuxCe')]), target: '#wizard.router.reporting', actions: 'clearError' },
] as const;

/**
 * A router reached over serial, SSH or the demo, or a pasted transcript: connect → identify → gather →
 * diagnose → preview a fix → apply unsaved → verify → save or revert → report.
 */
export const routerRegion = routerSetup.createStateConfig({
  initial: 'connecting',
  states: {
    connecting: {
      meta: { step: 'connect', screen: 'progress', activity: 'progress.connecting' },
      invoke: {
        id: 'connect',
        src: 'connect',
        input: ({ context }) => ({ request: context.request! }),
        onDone: { target: 'identifying', actions: assign({ session: ({ event }) => event.output }) },
        onError: [
          {
            guard: { type: 'isUnknownHostKey', params: ({ event }) => ({ error: event.error }) },
            target: '#wizard.confirmHostKey',
            actions: assign({ hostKey: ({ event }) => unknownHostKey(event.error) }),
          },
          {
            guard: { type: 'isLegacyOnlySsh', params: ({ event }) => ({ error: event.error }) },
            target: '#wizard.confirmLegacySsh',
            actions: assign({ legacySsh: ({ event }) => legacyOnlySsh(event.error) }),
          },
          failsAt('connect'),
        ],
      },
      on: { CANCEL: '#wizard.chooseConnection' },
    },
    diagnosingTranscript: {
      meta: { shownAs: 'router.diagnosing' },
      invoke: {
        id: 'diagnoseTranscript',
        src: 'diagnoseTranscript',
        input: ({ event }) => ({ text: event.type === 'PASTE_TRANSCRIPT' ? event.text : '' }),
        onDone: { target: 'findings', actions: assign({ diagnosis: ({ event }) => event.output, device: null }) },
        onError: failsAt('diagnose'),
      },
    },
    identifying: {
      meta: { step: 'identify', screen: 'progress', activity: 'progress.identifying' },
      invoke: {
        id: 'identify',
        src: 'identify',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'identified', actions: assign({ device: ({ event }) => event.output }) },
        // The session is released before the failure is shown, so RETRY starts from a clean wire.
        onError: {
          target: '#wizard.releasing',
          actions: { type: 'recordError', params: ({ event }) => ({ stage: 'identify', error: event.error }) },
        },
      },
      on: { CANCEL: '#wizard.closing' },
    },
    identified: {
      meta: { step: 'identify', screen: 'identified' },
      on: {
        NEXT: 'gathering',
        DISCONNECT: '#wizard.closing',
        BACK: '#wizard.closing',
        ENABLE_SSH: { guard: 'overTelnet', target: 'sshPlanning', actions: assign({ sshPlan: null, sshOutcome: null }) },
      },
    },
    sshPlanning: {
      meta: { step: 'identify', screen: 'progress', activity: 'sshOn.planning' },
      invoke: {
        id: 'planSsh',
        src: 'planSsh',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'sshPreview', actions: assign({ sshPlan: ({ event }) => event.output }) },
        onError: failsAt('apply'),
      },
    },
    sshPreview: {
      meta: { step: 'identify', screen: 'sshPreview' },
      on: {
        APPLY: { guard: ({ context }) => context.sshPlan?.alreadyOn === false, target: 'sshApplying' },
        BACK: 'identified',
        CANCEL: 'identified',
      },
    },
    sshApplying: {
      meta: { step: 'identify', screen: 'apply' },
      invoke: {
        id: 'enableSsh',
        src: 'enableSsh',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'identified', actions: assign({ sshOutcome: ({ event }) => event.output }) },
        onError: failsAt('apply'),
      },
    },
    gathering: {
      meta: { step: 'gather', screen: 'gather', activity: 'gather.title' },
      invoke: {
        id: 'gather',
        src: 'gather',
        input: ({ context }) => ({ session: context.session! }),
        onDone: 'diagnosing',
        onError: failsAt('gather'),
      },
      on: { CANCEL: 'identified' },
    },
    diagnosing: {
      meta: { step: 'diagnose', screen: 'gather', activity: 'gather.diagnosing' },
      invoke: {
        id: 'diagnose',
        src: 'diagnose',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'findings', actions: assign({ diagnosis: ({ event }) => event.output }) },
        onError: failsAt('diagnose'),
      },
    },
    findings: {
      meta: { step: 'diagnose', screen: 'findings' },
      on: {
        PREVIEW_FIX: { guard: 'canFix', target: 'fixPreview', actions: assign({ selectedFixes: ({ event }) => event.codes }) },
        SETUP_START: { guard: 'canSetUp', target: 'setupService', actions: assign({ setup: ({ context }) => startSetup(context.diagnosis), setupNotice: null }) },
        REPORT: 'reporting',
        REGATHER: { guard: 'hasSession', target: 'gathering' },
        BACK: [{ guard: 'hasSession', target: 'identified' }, { target: '#wizard.chooseConnection' }],
        DISCONNECT: [{ guard: 'hasSession', target: '#wizard.closing' }, { target: '#wizard.chooseConnection' }],
      },
    },
    // Setting up IPv4 from nothing (IPV4_TUNNEL_MISSING): confirm the service, the notice when it needs one, the
    // whole change with its undo, then the same apply → verify → save (or revert) as every fix.
    setupService: {
      meta: { step: 'fix', screen: 'setupService' },
      on: {
        SETUP_SERVICE: [
          {
            guard: 'serviceNeedsNotice',
            target: 'setupNotice',
            actions: assign({ setup: ({ context, event }) => ({ ...context.setup!, service: event.service, noticeFields: noticeFieldsFor(event.service), plan: null }) }),
          },
          { target: 'setupPlanning', actions: assign({ setup: ({ context, event }) => ({ ...context.setup!, service: event.service, noticeFields: [], notice: null, plan: null }), setupNotice: null }) },
        ],
        BACK: 'findings',
        CANCEL: 'findings',
      },
    },
    setupNotice: {
      meta: { step: 'fix', screen: 'setupNotice' },
      on: {
        SETUP_NOTICE: {
          target: 'setupPlanning',
          actions: assign(({ context, event }) => {
            const kept = keepNotice(event.notice);
            return { setupNotice: kept.notice, setup: { ...context.setup!, notice: kept.view, plan: null } };
          }),
        },
        BACK: 'setupService',
        CANCEL: 'findings',
      },
    },
    setupPlanning: {
      meta: { step: 'fix', screen: 'progress', activity: 'setup.planning' },
      invoke: {
        id: 'planSetup',
        src: 'planSetup',
        input: ({ context }) => ({ session: context.session!, service: context.setup!.service!, notice: context.setupNotice }),
        onDone: {
          target: 'setupPreview',
          actions: assign({ setup: ({ context, event }) => ({ ...context.setup!, plan: event.output.plan }), diagnosis: ({ event }) => event.output.diagnosis }),
        },
        onError: failsAt('diagnose'),
      },
    },
    setupPreview: {
      meta: { step: 'fix', screen: 'setupPreview' },
      on: {
        SETUP_APPLY: { guard: 'canApplySetup', target: 'applying', actions: assign({ selectedFixes: [SETUP_CODE] }) },
        BACK: [{ guard: 'setupNeedsNotice', target: 'setupNotice' }, { target: 'setupService' }],
        CANCEL: 'findings',
      },
    },
    fixPreview: {
      meta: { step: 'fix', screen: 'fixPreview' },
      on: { APPLY: 'applying', BACK: 'findings', CANCEL: 'findings' },
    },
    applying: {
      meta: { step: 'fix', screen: 'apply' },
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
      meta: { step: 'verify', screen: 'apply' },
      invoke: {
        id: 'verifyFixes',
        src: 'verifyFixes',
        input: ({ context }) => ({ session: context.session! }),
        onDone: [{ guard: ({ event }) => event.output.passed, target: 'saving' }, { target: 'reverting' }],
        onError: 'reverting',
      },
    },
    saving: {
      meta: { step: 'verify', screen: 'apply' },
      invoke: {
        id: 'saveFixes',
        src: 'saveFixes',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'fixed', actions: assign({ applyOutcome: ({ event }) => event.output }) },
        onError: 'reverting',
      },
    },
    reverting: {
      meta: { step: 'verify', screen: 'apply' },
      invoke: {
        id: 'revertFixes',
        src: 'revertFixes',
        input: ({ context }) => ({ session: context.session! }),
        onDone: { target: 'reverted', actions: assign({ applyOutcome: ({ event }) => event.output }) },
        onError: failsAt('revert'),
      },
    },
    fixed: {
      meta: { step: 'verify', screen: 'fixed' },
      on: { REPORT: 'reporting', REGATHER: 'gathering', DISCONNECT: '#wizard.closing' },
    },
    reverted: {
      meta: { step: 'verify', screen: 'reverted' },
      on: { REPORT: 'reporting', BACK: 'findings', REGATHER: 'gathering', DISCONNECT: '#wizard.closing' },
    },
    ...reportStates('report'),
  },
});
