import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, type AnyEventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { wizardMachine, type ConnectedSession, type WizardMachineEvent } from '../../../shared/wizard/machine.js';
import { wizardView } from '../../../shared/wizard/view.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import type { DeviceIdentity } from '../../../shared/ipc/contract.js';

const session: ConnectedSession = { sessionId: 's-1', label: 'demo:fixed-ip-br-typo', demo: true };
const device: DeviceIdentity = { vendor: 'yamaha', model: 'RTX1300', firmware: '23.00.04', evidence: [], warnings: [] };
const diagnosis = {
  device,
  service: null,
  findings: [
    {
      code: 'BR_ADDRESS_WRONG' as const,
      severity: 'error' as const,
      title: { ja: 't', en: 't' },
      explanation: { ja: 'e', en: 'e' },
      evidence: [],
      fix: { target: 'rtx' as const, commands: ['tunnel select 1'], inverse: ['tunnel select 1'], check: { kind: 'tunnel-rx' as const, tunnel: '1' }, summary: { ja: 's', en: 's' } },
    },
  ],
  unknown: [],
  notes: [],
};
const outcome = (status: 'saved' | 'reverted') => ({
  status,
  backupPath: '/tmp/b.txt',
  checks: [],
  runningEqualsBackup: status === 'reverted' ? true : null,
  difference: null,
  appliedCommands: [],
  failedCommand: null,
});
const hostKey = { host: '127.0.0.1', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' };
const connectRequest = { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, password: 'hunter2-secret' } as const;

// Everything that can happen to the wizard: user events and each injected actor finishing or failing.
const allEvents: AnyEventObject[] = [
  { type: 'CONNECT', request: connectRequest },
  { type: 'CANCEL' },
  { type: 'RETRY' },
  { type: 'BACK' },
  { type: 'DISCONNECT' },
  { type: 'xstate.done.actor.connect', output: session },
  { type: 'xstate.error.actor.connect', error: new WizardStepError('serial-not-found', 'no such port') },
  { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
  { type: 'TRUST_HOST_KEY' },
  { type: 'REJECT_HOST_KEY' },
  { type: 'xstate.done.actor.trustHostKey', output: undefined },
  { type: 'xstate.error.actor.trustHostKey', error: new Error('disk full') },
  { type: 'NEXT' },
  { type: 'REGATHER' },
  { type: 'PASTE_TRANSCRIPT', text: 'RTX1300> show status ipip\n…' },
  { type: 'PREVIEW_FIX', codes: ['BR_ADDRESS_WRONG'] },
  { type: 'APPLY' },
  { type: 'REPORT', lang: 'ja' },
  { type: 'xstate.done.actor.gather', output: { commands: 7 } },
  { type: 'xstate.error.actor.gather', error: new WizardStepError('disconnected', 'cable') },
  { type: 'xstate.done.actor.diagnose', output: diagnosis },
  { type: 'xstate.error.actor.diagnose', error: new Error('bug') },
  { type: 'xstate.done.actor.diagnoseTranscript', output: diagnosis },
  { type: 'xstate.error.actor.diagnoseTranscript', error: new WizardStepError('transcript-empty', 'nothing') },
  { type: 'xstate.done.actor.applyFixes', output: { ok: true, failedCommand: null } },
  { type: 'xstate.done.actor.applyFixes', output: { ok: false, failedCommand: { command: 'x', error: 'Error: y' } } },
  { type: 'xstate.done.actor.verifyFixes', output: { passed: true } },
  { type: 'xstate.done.actor.verifyFixes', output: { passed: false } },
  { type: 'xstate.done.actor.saveFixes', output: outcome('saved') },
  { type: 'xstate.error.actor.saveFixes', error: new Error('save failed') },
  { type: 'xstate.done.actor.revertFixes', output: outcome('reverted') },
  { type: 'xstate.error.actor.revertFixes', error: new Error('line dropped') },
  { type: 'xstate.done.actor.buildReport', output: { lang: 'ja', markdown: '#', html: '<p>', files: { markdown: 'a.md', html: 'a.html', pdf: null } } },
  { type: 'xstate.error.actor.buildReport', error: new Error('disk full') },
  { type: 'xstate.done.actor.identify', output: device },
  { type: 'xstate.error.actor.identify', error: new WizardStepError('identify-unrecognised', 'not a Yamaha') },
  { type: 'xstate.done.actor.disconnect', output: undefined },
  { type: 'xstate.error.actor.disconnect', error: new Error('socket already gone') },
];

// The graph helpers type events as the machine's own; actor completions are internal events, hence the cast.
const modelEvents = allEvents as unknown as WizardMachineEvent[];

type Deferred = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** The real machine with actors the test settles by hand, in the order a path says. */
function controllableActor() {
  const pending = new Map<string, Deferred>();
  const calls: { name: string; input: unknown }[] = [];
  const make = (name: string) =>
    fromPromise(({ input }: { input: unknown }) => {
      calls.push({ name, input });
      return new Promise((resolve, reject) => pending.set(name, { resolve, reject }));
    });
  const machine = wizardMachine.provide({
    actors: {
      connect: make('connect') as never,
      identify: make('identify') as never,
      disconnect: make('disconnect') as never,
      trustHostKey: make('trustHostKey') as never,
      gather: make('gather') as never,
      diagnose: make('diagnose') as never,
      diagnoseTranscript: make('diagnoseTranscript') as never,
      applyFixes: make('applyFixes') as never,
      verifyFixes: make('verifyFixes') as never,
      saveFixes: make('saveFixes') as never,
      revertFixes: make('revertFixes') as never,
      buildReport: make('buildReport') as never,
    },
  });
  const actor = createActor(machine).start();
  return { actor, pending, calls };
}

async function replay(events: AnyEventObject[]) {
  const { actor, pending, calls } = controllableActor();
  for (const event of events) {
    const m = /^xstate\.(done|error)\.actor\.(\w+)$/.exec(event.type);
    if (m) {
      const d = pending.get(m[2]!);
      expect(d, `actor ${m[2]} should be running before ${event.type}`).toBeDefined();
      pending.delete(m[2]!);
      if (m[1] === 'done') d!.resolve(event.output);
      else d!.reject(event.error);
      await new Promise((r) => setTimeout(r, 0));
    } else {
      actor.send(event as WizardMachineEvent);
    }
  }
  return { actor, calls };
}

const stateOf = (value: unknown) => JSON.stringify(value);
// States are told apart by what guards read, not only by name: a findings screen with a live session differs from one without.
const serialize = (s: { value: unknown; context: { session: unknown; diagnosis: unknown; offline: boolean; error: { stage: string } | null; request: unknown } }) =>
  JSON.stringify([s.value, s.context.session !== null, s.context.diagnosis !== null, s.context.offline, s.context.error?.stage ?? null, s.context.request !== null]);

describe('wizard machine (model-based)', () => {
  const paths = getShortestPaths(wizardMachine, { events: modelEvents, serializeState: serialize });

  it('reaches every state', () => {
    const reached = new Set(paths.map((p) => p.state.value as string));
    expect([...reached].sort()).toEqual(
      [
        'chooseConnection', 'closing', 'confirmHostKey', 'connecting', 'failed', 'identified', 'identifying', 'releasing', 'trustingHostKey',
        'gathering', 'diagnosing', 'diagnosingTranscript', 'findings', 'fixPreview', 'applying', 'verifying', 'saving', 'reverting',
        'fixed', 'reverted', 'reporting', 'report',
      ].sort(),
    );
  });

  it.each(paths.map((p) => [stateOf(p.state.value), p] as const))('the real machine follows the shortest path to %s', async (_name, path) => {
    const { actor } = await replay(path.steps.map((s) => s.event));
    expect(stateOf(actor.getSnapshot().value)).toBe(stateOf(path.state.value));
  });

  it('from every reachable state there is a way back to the connection picker (no dead ends)', async () => {
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const { actor } = await replay(path.steps.map((s) => s.event));
      const home = getShortestPaths(wizardMachine, {
        events: modelEvents,
        fromState: actor.getSnapshot(),
        serializeState: serialize,
        toState: (s) => s.value === 'chooseConnection',
      });
      expect(home.length, `stuck in ${stateOf(actor.getSnapshot().value)}`).toBeGreaterThan(0);
    }
  });

  it('a failed connect records what happened and RETRY tries the same request again', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('serial-busy', 'port is locked') },
      { type: 'RETRY' },
    ]);
    expect(actor.getSnapshot().value).toBe('connecting');
    expect(calls.filter((c) => c.name === 'connect')).toHaveLength(2);
    expect(calls[1]!.input).toEqual({ request: connectRequest });
  });

  it('an identify failure releases the session before showing the error', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.done.actor.connect', output: session },
      { type: 'xstate.error.actor.identify', error: new WizardStepError('identify-unrecognised', 'not a Yamaha') },
    ]);
    expect(actor.getSnapshot().value).toBe('releasing');
    expect(calls.at(-1)).toEqual({ name: 'disconnect', input: { session } });
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'failed', error: { stage: 'identify', code: 'identify-unrecognised' } });
  });

  it('CANCEL while identifying closes the live session', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.done.actor.connect', output: session },
      { type: 'CANCEL' },
    ]);
    expect(actor.getSnapshot().value).toBe('closing');
    expect(calls.at(-1)!.name).toBe('disconnect');
  });

  it('an unknown SSH host key waits for the user, and only a trusted key is remembered before reconnecting', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
    ]);
    expect(actor.getSnapshot().value).toBe('confirmHostKey');
    expect(wizardView(actor.getSnapshot()).hostKey).toEqual(hostKey);
    actor.send({ type: 'TRUST_HOST_KEY' });
    expect(calls.at(-1)).toEqual({ name: 'trustHostKey', input: { hostKey } });
    const rejected = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
      { type: 'REJECT_HOST_KEY' },
    ]);
    expect(rejected.actor.getSnapshot().value).toBe('chooseConnection');
    expect(rejected.calls.some((c) => c.name === 'trustHostKey')).toBe(false);
  });

  it('a changed SSH host key is a hard stop, not a question', async () => {
    const { actor } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-changed', 'CHANGED', hostKey) },
    ]);
    expect(actor.getSnapshot().value).toBe('failed');
    expect(wizardView(actor.getSnapshot()).error?.code).toBe('ssh-host-key-changed');
  });

  it('a fix that fails verification is reverted, never saved', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.done.actor.connect', output: session },
      { type: 'xstate.done.actor.identify', output: device },
      { type: 'NEXT' },
      { type: 'xstate.done.actor.gather', output: { commands: 7 } },
      { type: 'xstate.done.actor.diagnose', output: diagnosis },
      { type: 'PREVIEW_FIX', codes: ['BR_ADDRESS_WRONG'] },
      { type: 'APPLY' },
      { type: 'xstate.done.actor.applyFixes', output: { ok: true, failedCommand: null } },
      { type: 'xstate.done.actor.verifyFixes', output: { passed: false } },
    ]);
    expect(actor.getSnapshot().value).toBe('reverting');
    expect(calls.map((c) => c.name)).not.toContain('saveFixes');
  });

  it('only findings that carry a fix can be previewed, and never without a live router', async () => {
    const offline = await replay([
      { type: 'PASTE_TRANSCRIPT', text: 'x' },
      { type: 'xstate.done.actor.diagnoseTranscript', output: diagnosis },
      { type: 'PREVIEW_FIX', codes: ['BR_ADDRESS_WRONG'] },
    ]);
    expect(offline.actor.getSnapshot().value).toBe('findings');
    expect(wizardView(offline.actor.getSnapshot()).offline).toBe(true);
    const live = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.done.actor.connect', output: session },
      { type: 'xstate.done.actor.identify', output: device },
      { type: 'NEXT' },
      { type: 'xstate.done.actor.gather', output: { commands: 7 } },
      { type: 'xstate.done.actor.diagnose', output: diagnosis },
      { type: 'PREVIEW_FIX', codes: ['TUNNEL_NO_RX'] },
    ]);
    expect(live.actor.getSnapshot().value).toBe('findings');
  });

  it('the bare machine refuses to pretend: actors must be injected', async () => {
    const actor = createActor(wizardMachine).start();
    actor.send({ type: 'CONNECT', request: connectRequest });
    await new Promise((r) => setTimeout(r, 0));
    expect(actor.getSnapshot().context.error?.message).toMatch(/was not provided/);
  });
});

describe('wizard view', () => {
  it('never carries a password to the renderer', async () => {
    const { actor } = await replay([{ type: 'CONNECT', request: { ...connectRequest, adminPassword: 'admin-secret-77' } }]);
    const json = JSON.stringify(wizardView(actor.getSnapshot()));
    expect(json).not.toContain('hunter2-secret');
    expect(json).not.toContain('admin-secret-77');
    expect(json).toContain('/dev/ttyUSB0 @ 9600 bit/s');
  });
});
