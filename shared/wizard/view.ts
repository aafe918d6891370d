import type { SnapshotFrom } from 'xstate';
import type { WizardView } from '../ipc/contract.js';
import type { WizardMachine } from './machine.js';

/** Brief internal steps, shown as the user-facing state they lead to. */
const INTERNAL_STATES: Record<string, WizardView['state']> = {
  closing: 'chooseConnection',
  releasing: 'failed',
  trustingHostKey: 'connecting',
  diagnosingTranscript: 'diagnosing',
};

/**
 * The renderer's view of a snapshot. Built field by field (never by spreading the context) so a
 * password inside the connection request can never leak to the UI.
 */
export function wizardView(snapshot: SnapshotFrom<WizardMachine>): WizardView {
  const { context } = snapshot;
  const value = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!;
  // `closing` and `releasing` are brief internal steps on the way to the picker or the failure.
  const state = (INTERNAL_STATES[value] ?? value) as WizardView['state'];
  return {
    state,
    mode: context.mode,
    connection: connectionView(context),
    device: context.device,
    error: context.error,
    hostKey: context.hostKey,
    offline: context.offline,
    diagnosis: context.diagnosis,
    selectedFixes: context.selectedFixes,
    applyOutcome: context.applyOutcome,
    report: context.report,
    // The plan form's values without the update password (removed when the event was taken).
    linuxCe: context.linuxCe,
    // The machine's own guards decide: the button shows exactly when RETRY would be taken.
    canRetry: state === 'failed' && snapshot.can({ type: 'RETRY' }),
  };
}

type Context = SnapshotFrom<WizardMachine>['context'];

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
  }
}
