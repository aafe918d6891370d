import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, type AnyEventObject } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { wizardMachine, type ConnectedSession, type WizardMachineEvent } from '../../../shared/wizard/machine.js';
import { wizardView } from '../../../shared/wizard/view.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import type { DeviceIdentity } from '../../../shared/ipc/contract.js';

const session: ConnectedSession = { sessionId: 's-1', label: 'demo:fixed-ip-br-typo', demo: true };
const device: DeviceIdentity = { vendor: 'yamaha', model: 'RTX1300', firmware: '23.00.04', evidence: [], warnings: [] };
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
    actors: { connect: make('connect') as never, identify: make('identify') as never, disconnect: make('disconnect') as never },
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

describe('wizard machine (model-based)', () => {
  const paths = getShortestPaths(wizardMachine, { events: modelEvents, serializeState: (s) => stateOf(s.value) });

  it('reaches every state', () => {
    const reached = new Set(paths.map((p) => p.state.value as string));
    expect([...reached].sort()).toEqual(
      ['chooseConnection', 'closing', 'connecting', 'failed', 'identified', 'identifying', 'releasing'].sort(),
    );
  });

  it.each(paths.map((p) => [stateOf(p.state.value), p] as const))('the real machine follows the shortest path to %s', async (_name, path) => {
    const { actor } = await replay(path.steps.map((s) => s.event));
    expect(stateOf(actor.getSnapshot().value)).toBe(stateOf(path.state.value));
  });

  it('every simple path can get back to the connection picker (no dead ends)', async () => {
    const simple = getSimplePaths(wizardMachine, { events: modelEvents, serializeState: (s) => stateOf(s.value) });
    expect(simple.length).toBeGreaterThan(7);
    for (const path of simple) {
      const { actor } = await replay(path.steps.map((s) => s.event));
      const state = actor.getSnapshot().value as string;
      const home = getShortestPaths(wizardMachine, {
        events: modelEvents,
        fromState: actor.getSnapshot(),
        serializeState: (s) => stateOf(s.value),
        toState: (s) => s.value === 'chooseConnection',
      });
      expect(home.length, `stuck in ${state}`).toBeGreaterThan(0);
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
