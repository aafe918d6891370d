import type { WizardView } from '../ipc/contract.js';
import { ceVerified } from './linux-ce.js';
import { statePath, WIZARD_STATE_META, type WizardMachineEvent, type WizardSnapshot, type WizardStatePath } from './machine.js';
import { LINUX_CE_STEPS, ROUTER_STEPS, type WizardStateMeta } from './meta.js';

/** The events the UI offers as buttons, asked of the machine itself (its guards decide, nobody else). */
const OFFERED = {
  retry: { type: 'RETRY' },
  cancel: { type: 'CANCEL' },
  back: { type: 'BACK' },
  next: { type: 'NEXT' },
  regather: { type: 'REGATHER' },
  disconnect: { type: 'DISCONNECT' },
  apply: { type: 'APPLY' },
  report: { type: 'REPORT', lang: 'ja' },
  ceApply: { type: 'CE_APPLY' },
  ceVerify: { type: 'CE_VERIFY' },
  cePersist: { type: 'CE_PERSIST' },
  ceRollback: { type: 'CE_ROLLBACK' },
  recover: { type: 'RECOVER', choice: 'revert' },
  enableSsh: { type: 'ENABLE_SSH' },
  setup: { type: 'SETUP_START' },
  /** With the user's yes to moving a PPPoE default route: whether the set-up can be applied at all. */
  setupApply: { type: 'SETUP_APPLY', movePppoeDefault: true },
  lineCheck: { type: 'LINE_CHECK' },
} as const satisfies Record<string, WizardMachineEvent>;

/**
 * The renderer's view of a snapshot. Built field by field (never by spreading the context) so a
 * password inside the connection request can never leak to the UI.
 */
export function wizardView(snapshot: WizardSnapshot): WizardView {
  const { context } = snapshot;
  const [state, meta] = shown(statePath(snapshot.value));
  // The picker starts the router flow, so its step bar is the router's, also while the last Linux CE session is
  // still closing behind it (`closing` is shown as the picker, with the old flow's context until it is done).
  const mode = state === 'chooseConnection' ? 'router' : context.mode;
  const steps = mode === 'linuxCe' ? LINUX_CE_STEPS : ROUTER_STEPS;
  const can = Object.fromEntries(Object.entries(OFFERED).map(([name, event]) => [name, snapshot.can(event)])) as Record<keyof typeof OFFERED, boolean>;
  return {
    state,
    screen: meta.screen,
    step: meta.step === null ? -1 : (steps as readonly string[]).indexOf(meta.step),
    steps: steps.map((s) => (mode === 'linuxCe' ? `ce.steps.${s}` : `steps.${s}`)),
    activity: meta.activity ?? null,
    can: {
      ...can,
      // Per finding: the fixes PREVIEW_FIX would take.
      previewFix: (context.diagnosis?.findings ?? []).map((f) => f.code).filter((code) => snapshot.can({ type: 'PREVIEW_FIX', codes: [code] })),
    },
    mode,
    connection: connectionView(context),
    device: context.device,
    error: context.error,
    hostKey: context.hostKey,
    legacySsh: context.legacySsh,
    sshPlan: context.sshPlan,
    sshOutcome: context.sshOutcome,
    offline: context.offline,
    diagnosis: context.diagnosis,
    selectedFixes: context.selectedFixes,
    applyOutcome: context.applyOutcome,
    recovery: context.recovery,
    recoveryOutcome: context.recoveryOutcome,
    report: context.report,
    // The plan form's values without the update password (removed when the event was taken).
    linuxCe: context.linuxCe,
    ceVerified: ceVerified(context.linuxCe),
    // The notice's update user and password stay in the context (setupNotice): the view has only what it shows.
    setup: context.setup,
    lineCheckRequest: context.lineCheckRequest,
    lineCheck: context.lineCheck,
  };
}

type ShownMeta = Extract<WizardStateMeta, { screen: unknown }>;

/** The user-facing state and its meta (a brief internal step is shown as the state it leads to). */
function shown(path: WizardStatePath): [WizardView['state'], ShownMeta] {
  const meta = WIZARD_STATE_META.get(path)!;
  if ('shownAs' in meta) return shown(meta.shownAs as WizardStatePath);
  return [path as WizardView['state'], meta];
}

type Context = WizardSnapshot['context'];

function connectionView(context: Context): WizardView['connection'] {
  if (context.mode === 'linuxCe') {
    const t = context.ceTarget;
    const kind = t?.kind ?? 'local';
    const label = context.session?.label ?? (t?.kind === 'ssh' ? `${t.username}@${t.host}:${t.port}` : 'this host');
    return { kind, label, demo: false };
  }
  if (context.session) return { kind: context.request?.kind ?? 'demo', label: context.session.label, demo: context.session.demo };
  if (context.request) return { kind: context.request.kind, label: requestLabel(context.request), demo: context.request.kind === 'demo' };
  return null;
}

function requestLabel(request: NonNullable<Context['request']>): string {
  switch (request.kind) {
    case 'demo':
      return `demo:${request.scenario}`;
    case 'serial':
      return `${request.path} @ ${request.baudRate} bit/s`;
    case 'ssh':
      return `${request.username}@${request.host}:${request.port}`;
    case 'telnet':
      return `telnet://${request.host}:${request.port}`;
  }
}
