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
  const err = context.error;
  return {
    state,
    connection: context.session
      ? { kind: context.request?.kind ?? 'demo', label: context.session.label, demo: context.session.demo }
      : context.request
        ? { kind: context.request.kind, label: requestLabel(context.request), demo: context.request.kind === 'demo' }
        : null,
    device: context.device,
    error: context.error,
    hostKey: context.hostKey,
    offline: context.offline,
    diagnosis: context.diagnosis,
    selectedFixes: context.selectedFixes,
    applyOutcome: context.applyOutcome,
    report: context.report,
    canRetry:
      state === 'failed' &&
      ((context.request !== null && (err?.stage === 'connect' || err?.stage === 'identify')) ||
        (context.session !== null && (err?.stage === 'gather' || err?.stage === 'diagnose')) ||
        (context.diagnosis !== null && err?.stage === 'report')),
  };
}

function requestLabel(request: NonNullable<SnapshotFrom<WizardMachine>['context']['request']>): string {
  switch (request.kind) {
    case 'demo':
      return `demo:${request.scenario}`;
    case 'serial':
      return `${request.path} @ ${request.baudRate} bit/s`;
    case 'ssh':
      return `${request.username}@${request.host}:${request.port}`;
  }
}
