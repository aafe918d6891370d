import { describe, expect, it } from 'vitest';
import { judgeLine } from '../../../shared/line-check/judge.js';
import { createActor, fromPromise, getInitialSnapshot, getNextSnapshot, type AnyEventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { statePath, wizardMachine, WIZARD_STATE_META, WIZARD_VIEW_STATES, type ConnectedSession, type WizardMachineEvent } from '../../../shared/wizard/machine.js';
import { LINUX_CE_STEPS, ROUTER_STEPS, WIZARD_SCREENS } from '../../../shared/wizard/meta.js';
import { catalogs, keyPaths } from '../../../shared/i18n/catalogs.js';
import { wizardView } from '../../../shared/wizard/view.js';
import { WizardStepError } from '../../../shared/wizard/errors.js';
import { WizardViewSchema, type DeviceIdentity, type LinuxCeDetectView, type LinuxCePlanView, type SetupPlanView } from '../../../shared/ipc/contract.js';

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
/** A router with IPv6 and no IPv4 tunnel: the set-up path starts from this finding. */
const setupDiagnosis = {
  ...diagnosis,
  findings: [
    {
      code: 'IPV4_TUNNEL_MISSING' as const,
      severity: 'error' as const,
      title: { ja: 't', en: 't' },
      explanation: { ja: 'e', en: 'e' },
      evidence: [],
      checklist: [],
      data: { service: 'v6plus', basis: 'prefix', needsConfirmation: false, resolvedAftr: null, dnsServers: '2404:1a8:7f01:b::3' },
    },
  ],
};
const setupPlan = (over: Partial<SetupPlanView> = {}): { plan: SetupPlanView; diagnosis: typeof setupDiagnosis } => ({
  plan: {
    service: 'v6plus-fixed', ok: true, commands: ['tunnel select 1'], inverse: ['no tunnel enable 1'], check: { kind: 'tunnel-rx', tunnel: '1' },
    summary: { ja: 's', en: 's' }, explanation: null, pppoeRoute: null, refused: null, missing: [], ...over,
  },
  diagnosis: setupDiagnosis,
});
/** A line check's result (the judge's own output on a machine with no IPv6). */
const lineChecked = judgeLine({
  basics: { wan: 'eth0', globals: [], raRouter: null, raLearned: false, ipv4Gateway: '192.168.1.1', lineDns: [], ipv4Dns: [], aftr: [], provisioning: null },
  probes: { pings: [], pathMtu: null, dns: [] },
  outputs: [],
});
const setupNotice = { serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.10', interfaceId: '::cb:71:a00:0', updateUser: 'setup-user-41', updatePassword: 'setup-pass-Qy7' } as const;
const outcome = (status: 'saved' | 'reverted') => ({
  status,
  backupPath: '/tmp/b.txt',
  checks: [],
  runningEqualsBackup: status === 'reverted' ? true : null,
  difference: null,
  appliedCommands: [],
  failedCommand: null,
});
const recovery = {
  transactionId: 't-1', startedAt: '2026-12-01T00:00:00Z', backupPath: '/tmp/b.txt', stepReached: 'apply', commandsSent: 2, commandsTotal: 3,
  commands: ['tunnel select 1', 'tunnel endpoint address 2404:9200:225:100::65', 'ip filter 200030 pass * 192.168.182.0/24 icmp * *'],
  running: 'other', saved: 'backup', unsavedChanges: true, changes: { added: ['x'], removed: ['y'] }, recommended: 'revert',
} as const;
const recovered = { ...outcome('reverted'), choice: 'revert', unsavedChangesAfter: false } as const;
const ceSession: ConnectedSession = { sessionId: 'ce-1', label: 'root@127.0.0.1:2222', demo: false };
const ceTarget = { kind: 'ssh', host: '127.0.0.1', port: 2222, username: 'root', password: 'ce-ssh-secret-31' } as const;
const facts = { gaps: [], prefix: { prefix: '2404:7a82:4d02:4100::/64', source: 'ra', evidence: '' } } as unknown as LinuxCeDetectView['facts'];
const detected = (applied: boolean): LinuxCeDetectView => ({
  facts,
  applied: applied ? { serviceName: 'BIGLOBE', appliedAt: '2026-11-24T00:00:00Z', persisted: false, tunnel: 'ipoe0', br: '2001:260:700:1::1:275', ipv4: '133.209.13.2' } : null,
  suggestedService: 'biglobe',
});
const planRequest = { service: 'v6plus-fixed', replaceExisting: [], updateUser: 'u1', updatePassword: 'upd-secret-58' } as const;
const blocker = (code: string) => ({ code, severity: 'blocker', message: { key: `linuxCe.GAP_${code}` }, hint: { key: `linuxCe.HINT_${code}` } }) as LinuxCePlanView['blockers'][number];
const cePlan = (blockers: string[], needsUpdatePassword = false): LinuxCePlanView => ({
  summary: {
    service: 'biglobe', serviceName: 'BIGLOBE', encapsulation: 'map-e', wan: 'eth1', gateway: 'fe80::1', tunnel: 'ipoe0',
    br: '2001:260:700:1::1:275', ce: '2404:7a82:4d02:4100:85:d10d:200:4100', ipv4: '133.209.13.2', mtu: 1460, portRanges: [[4112, 4127]], ports: 240,
  },
  steps: [{ key: 'x' }], script: '#!/bin/sh', rollbackScript: '#!/bin/sh', warnings: [], verify: [{ key: 'ping' }], needsUpdatePassword, blockers: blockers.map(blocker),
});
const checks = (ok: boolean) => [{ id: 'ping', text: { key: 'ping' }, ok, output: '' }];
const hostKey = { host: '127.0.0.1', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' };
const connectRequest = { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, password: 'hunter2-secret' } as const;
const telnetRequest = { kind: 'telnet', host: '192.168.100.1', port: 23, password: 'telnet-secret-5' } as const;
const sshRequest = { kind: 'ssh', host: '192.168.100.1', port: 22, username: 'admin', password: 'ssh-secret-6' } as const;
const legacyOffer = { host: '192.168.100.1', port: 22, kex: 'diffie-hellman-group1-sha1', hostKey: 'ssh-rsa', cipher: 'aes128-cbc', mac: '' };
const sshPlan = (alreadyOn: boolean) => ({
  alreadyOn, host: '192.168.100.1', port: 22, lan: alreadyOn ? null : 'lan1',
  commands: alreadyOn ? [] : ['sshd host key generate', 'sshd host lan1', 'sshd service on'],
  inverse: alreadyOn ? [] : ['no sshd service', 'no sshd host', 'no sshd host key generate'],
  summary: alreadyOn ? null : { ja: 's', en: 's' }, notes: [],
});

// Everything that can happen to the wizard: user events and each injected actor finishing or failing.
const allEvents: AnyEventObject[] = [
  { type: 'CONNECT', request: connectRequest },
  { type: 'CONNECT', request: telnetRequest },
  { type: 'CONNECT', request: sshRequest },
  { type: 'CANCEL' },
  { type: 'RETRY' },
  { type: 'BACK' },
  { type: 'DISCONNECT' },
  { type: 'xstate.done.actor.connect', output: session },
  { type: 'xstate.error.actor.connect', error: new WizardStepError('serial-not-found', 'no such port') },
  { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
  { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-legacy-only', 'old algorithms only', legacyOffer) },
  { type: 'ALLOW_LEGACY_SSH' },
  { type: 'ENABLE_SSH' },
  { type: 'xstate.done.actor.planSsh', output: sshPlan(false) },
  { type: 'xstate.done.actor.planSsh', output: sshPlan(true) },
  { type: 'xstate.error.actor.planSsh', error: new WizardStepError('backup-failed', 'show config refused') },
  { type: 'xstate.done.actor.enableSsh', output: outcome('saved') },
  { type: 'xstate.error.actor.enableSsh', error: new WizardStepError('disconnected', 'gone') },
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
  { type: 'xstate.done.actor.checkRecovery', output: null },
  { type: 'xstate.done.actor.checkRecovery', output: recovery },
  { type: 'xstate.error.actor.checkRecovery', error: new WizardStepError('backup-lost', 'the backup is gone') },
  { type: 'RECOVER', choice: 'revert' },
  { type: 'RECOVER', choice: 'resume' },
  { type: 'xstate.done.actor.recover', output: recovered },
  { type: 'xstate.error.actor.recover', error: new WizardStepError('disconnected', 'cable') },
  { type: 'xstate.error.actor.applyFixes', error: new WizardStepError('unsaved-changes', 'someone else changed it') },
  { type: 'xstate.done.actor.disconnect', output: undefined },
  { type: 'xstate.error.actor.disconnect', error: new Error('socket already gone') },
  { type: 'CE_CONNECT', target: ceTarget },
  { type: 'CE_PLAN', request: planRequest },
  { type: 'CE_DIAGNOSE', request: planRequest },
  { type: 'xstate.done.actor.ceDiagnose', output: diagnosis },
  { type: 'xstate.error.actor.ceDiagnose', error: new WizardStepError('disconnected', 'gone') },
  { type: 'CE_APPLY' },
  { type: 'CE_VERIFY' },
  { type: 'CE_PERSIST' },
  { type: 'CE_ROLLBACK' },
  { type: 'xstate.done.actor.ceConnect', output: ceSession },
  { type: 'xstate.error.actor.ceConnect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
  { type: 'xstate.error.actor.ceConnect', error: new WizardStepError('ce-target', 'refused') },
  { type: 'xstate.done.actor.ceDetect', output: detected(false) },
  { type: 'xstate.done.actor.ceDetect', output: detected(true) },
  { type: 'xstate.error.actor.ceDetect', error: new WizardStepError('timeout', 'slow') },
  { type: 'xstate.done.actor.cePlan', output: cePlan([]) },
  { type: 'xstate.done.actor.cePlan', output: cePlan(['IP6TNL_MISSING']) },
  { type: 'xstate.error.actor.cePlan', error: new WizardStepError('ce-plan-invalid', 'not a BIGLOBE prefix') },
  { type: 'xstate.done.actor.ceApply', output: { ok: true, output: 'done' } },
  { type: 'xstate.done.actor.ceApply', output: { ok: false, output: 'failed' } },
  { type: 'xstate.error.actor.ceApply', error: new WizardStepError('disconnected', 'gone') },
  { type: 'xstate.done.actor.ceVerify', output: checks(true) },
  { type: 'xstate.done.actor.ceVerify', output: checks(false) },
  { type: 'xstate.error.actor.ceVerify', error: new WizardStepError('timeout', 'slow') },
  { type: 'xstate.done.actor.cePersist', output: { ok: true, systemd: false, files: [], output: '' } },
  { type: 'xstate.error.actor.cePersist', error: new WizardStepError('ce-target', 'disk full') },
  { type: 'xstate.done.actor.ceRollback', output: { ok: true, output: '', identical: true, differences: [] } },
  { type: 'xstate.error.actor.ceRollback', error: new WizardStepError('disconnected', 'gone') },
  { type: 'xstate.done.actor.diagnose', output: setupDiagnosis },
  { type: 'SETUP_START' },
  { type: 'SETUP_SERVICE', service: 'v6plus' },
  { type: 'SETUP_SERVICE', service: 'v6plus-fixed' },
  { type: 'SETUP_NOTICE', notice: setupNotice },
  { type: 'xstate.done.actor.planSetup', output: setupPlan() },
  { type: 'xstate.done.actor.planSetup', output: setupPlan({ pppoeRoute: 'ip route default gateway pp 1' }) },
  { type: 'xstate.done.actor.planSetup', output: setupPlan({ ok: false, commands: [], inverse: [], refused: 'needs-notice', missing: ['updatePassword'] }) },
  { type: 'xstate.error.actor.planSetup', error: new Error('bug') },
  { type: 'SETUP_APPLY', movePppoeDefault: false },
  { type: 'SETUP_APPLY', movePppoeDefault: true },
  { type: 'LINE_CHECK' },
  { type: 'LINE_CHECK_RUN', request: { router: 'Elecom WRC-X6000XS', service: 'v6plus-fixed' } },
  { type: 'xstate.done.actor.lineCheck', output: lineChecked },
  { type: 'xstate.error.actor.lineCheck', error: new WizardStepError('timeout', 'rdisc6 hung') },
];

/** A live router, identified, gathered and diagnosed: the findings screen. */
const toFindings: AnyEventObject[] = [
  { type: 'CONNECT', request: connectRequest },
  { type: 'xstate.done.actor.connect', output: session },
  { type: 'xstate.done.actor.identify', output: device },
  { type: 'xstate.done.actor.checkRecovery', output: null },
  { type: 'NEXT' },
  { type: 'xstate.done.actor.gather', output: { commands: 7 } },
  { type: 'xstate.done.actor.diagnose', output: diagnosis },
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
      checkRecovery: make('checkRecovery') as never,
      recover: make('recover') as never,
      planSsh: make('planSsh') as never,
      enableSsh: make('enableSsh') as never,
      planSetup: make('planSetup') as never,
      ceConnect: make('ceConnect') as never,
      ceDetect: make('ceDetect') as never,
      cePlan: make('cePlan') as never,
      ceDiagnose: make('ceDiagnose') as never,
      ceApply: make('ceApply') as never,
      ceVerify: make('ceVerify') as never,
      cePersist: make('cePersist') as never,
      ceRollback: make('ceRollback') as never,
      lineCheck: make('lineCheck') as never,
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
type ModelContext = ReturnType<ReturnType<typeof createActor<typeof wizardMachine>>['getSnapshot']>['context'];
const serialize = (s: { value: unknown; context: ModelContext }) => {
  const c = s.context;
  const ce = c.linuxCe;
  return JSON.stringify([
    s.value, c.session !== null, c.diagnosis !== null, c.offline, c.error?.stage ?? null, c.request?.kind ?? null, c.mode, c.ceTarget !== null,
    c.sshPlan?.alreadyOn ?? null,
    ce.detect?.applied != null, ce.plan?.blockers.length ?? null, ce.verify?.every((v) => v.ok) ?? null,
    c.diagnosis?.findings.some((f) => f.code === 'IPV4_TUNNEL_MISSING') ?? false, c.setup?.service ?? null, c.setup?.plan?.ok ?? null, c.setup?.plan?.pppoeRoute != null,
  ]);
};

describe('wizard machine (model-based)', () => {
  const paths = getShortestPaths(wizardMachine, { events: modelEvents, serializeState: serialize });

  it('reaches every state', () => {
    const reached = new Set(paths.map((p) => statePath(p.state.value)));
    expect([...reached].sort()).toEqual(
      [
        'chooseConnection', 'closing', 'confirmHostKey', 'confirmLegacySsh', 'failed', 'releasing', 'trustingHostKey',
        'router.connecting', 'router.identified', 'router.identifying', 'router.sshPlanning', 'router.sshPreview', 'router.sshApplying',
        'router.checkingRecovery', 'router.recovery', 'router.recovering', 'router.recovered',
        'router.gathering', 'router.diagnosing', 'router.diagnosingTranscript', 'router.findings', 'router.fixPreview', 'router.applying',
        'router.verifying', 'router.saving', 'router.reverting', 'router.fixed', 'router.reverted', 'router.reporting', 'router.report',
        'router.setupService', 'router.setupNotice', 'router.setupPlanning', 'router.setupPreview',
        'linuxCe.connecting', 'linuxCe.detecting', 'linuxCe.detected', 'linuxCe.diagnosing', 'linuxCe.planning', 'linuxCe.planned',
        'linuxCe.applying', 'linuxCe.verifying', 'linuxCe.applied', 'linuxCe.persisting', 'linuxCe.rollingBack', 'linuxCe.rolledBack',
        // The existing CE's findings and report: the same screens as a router's, in the Linux CE flow.
        'linuxCe.findings', 'linuxCe.reporting', 'linuxCe.report',
        // The line check from this computer: its form, the check under way, its result.
        'lineCheck.form', 'lineCheck.running', 'lineCheck.findings', 'lineCheck.reporting', 'lineCheck.report',
      ].sort(),
    );
  });

  // One test per state; each replays every shortest path that ends there (one per distinct context the guards read).
  const byState = new Map<string, typeof paths>();
  for (const p of paths) byState.set(stateOf(p.state.value), [...(byState.get(stateOf(p.state.value)) ?? []), p]);
  it.each([...byState])('the real machine follows every shortest path to %s', async (name, ending) => {
    for (const path of ending) {
      const { actor } = await replay(path.steps.map((s) => s.event));
      expect(stateOf(actor.getSnapshot().value)).toBe(name);
    }
  });

  it('from every reachable state there is a way back to the connection picker (no dead ends)', () => {
    // One walk over the whole graph with the machine's own transition function, then backwards from home.
    const start = getInitialSnapshot(wizardMachine);
    const seen = new Map<string, typeof start>([[serialize(start), start]]);
    const into = new Map<string, Set<string>>();
    const queue = [start];
    while (queue.length) {
      const from = queue.shift()!;
      for (const event of modelEvents) {
        const to = getNextSnapshot(wizardMachine, from, event);
        const key = serialize(to);
        if (!into.has(key)) into.set(key, new Set());
        into.get(key)!.add(serialize(from));
        if (!seen.has(key)) {
          seen.set(key, to);
          queue.push(to);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(50);
    const canGoHome = new Set([...seen].filter(([, snap]) => snap.value === 'chooseConnection').map(([k]) => k));
    const back = [...canGoHome];
    while (back.length) {
      for (const prev of into.get(back.pop()!) ?? []) {
        if (!canGoHome.has(prev)) {
          canGoHome.add(prev);
          back.push(prev);
        }
      }
    }
    const stuck = [...seen.keys()].filter((k) => !canGoHome.has(k));
    expect(stuck, 'states with no way back to the connection picker').toEqual([]);
  });

  it('a failed connect records what happened and RETRY tries the same request again', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('serial-busy', 'port is locked') },
      { type: 'RETRY' },
    ]);
    expect(statePath(actor.getSnapshot().value)).toBe('router.connecting');
    expect(calls.filter((c) => c.name === 'connect')).toHaveLength(2);
    expect(calls[1]!.input).toEqual({ request: connectRequest });
  });

  it('an identify failure releases the session before showing the error', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.done.actor.connect', output: session },
      { type: 'xstate.error.actor.identify', error: new WizardStepError('identify-unrecognised', 'not a Yamaha') },
    ]);
    expect(statePath(actor.getSnapshot().value)).toBe('releasing');
    expect(calls.at(-1)).toEqual({ name: 'disconnect', input: { session } });
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'failed', error: { stage: 'identify', code: 'identify-unrecognised' } });
  });

  it('CANCEL while identifying closes the live session', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.done.actor.connect', output: session },
      { type: 'CANCEL' },
    ]);
    expect(statePath(actor.getSnapshot().value)).toBe('closing');
    expect(calls.at(-1)!.name).toBe('disconnect');
  });

  it('an unknown SSH host key waits for the user, and only a trusted key is remembered before reconnecting', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
    ]);
    expect(statePath(actor.getSnapshot().value)).toBe('confirmHostKey');
    expect(wizardView(actor.getSnapshot()).hostKey).toEqual(hostKey);
    actor.send({ type: 'TRUST_HOST_KEY' });
    expect(calls.at(-1)).toEqual({ name: 'trustHostKey', input: { hostKey } });
    const rejected = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
      { type: 'REJECT_HOST_KEY' },
    ]);
    expect(statePath(rejected.actor.getSnapshot().value)).toBe('chooseConnection');
    expect(rejected.calls.some((c) => c.name === 'trustHostKey')).toBe(false);
  });

  it('a changed SSH host key is a hard stop, not a question', async () => {
    const { actor } = await replay([
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-host-key-changed', 'CHANGED', hostKey) },
    ]);
    expect(statePath(actor.getSnapshot().value)).toBe('failed');
    expect(wizardView(actor.getSnapshot()).error?.code).toBe('ssh-host-key-changed');
  });

  it('an SSH server with only old algorithms is never used silently: the user sees them, and only "allow" reconnects with them', async () => {
    const { actor, calls } = await replay([
      { type: 'CONNECT', request: sshRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-legacy-only', 'old algorithms only', legacyOffer) },
    ]);
    expect(wizardView(actor.getSnapshot())).toMatchObject({
      state: 'confirmLegacySsh', screen: 'legacySsh',
      legacySsh: { host: '192.168.100.1', port: 22, needed: { kex: ['diffie-hellman-group1-sha1'], hostKey: ['ssh-rsa'], cipher: ['aes128-cbc'], mac: [] } },
    });
    actor.send({ type: 'ALLOW_LEGACY_SSH' });
    expect(statePath(actor.getSnapshot().value)).toBe('router.connecting');
    expect(calls.filter((c) => c.name === 'connect').map((c) => c.input)).toEqual([{ request: sshRequest }, { request: { ...sshRequest, legacyAlgorithms: true } }]);
    const declined = await replay([
      { type: 'CONNECT', request: sshRequest },
      { type: 'xstate.error.actor.connect', error: new WizardStepError('ssh-legacy-only', 'old algorithms only', legacyOffer) },
      { type: 'BACK' },
    ]);
    expect(statePath(declined.actor.getSnapshot().value)).toBe('chooseConnection');
    expect(declined.calls.filter((c) => c.name === 'connect')).toHaveLength(1);
    expect(wizardView(declined.actor.getSnapshot()).legacySsh).toBeNull();
  });

  it('over Telnet (only), turning SSH on is offered: plan, preview, safe apply, back to "identified" with the outcome', async () => {
    const toIdentified = (request: { kind: string }) => [
      { type: 'CONNECT', request },
      { type: 'xstate.done.actor.connect', output: request.kind === 'telnet' ? { sessionId: 't-1', label: 'telnet://192.168.100.1:23', demo: false } : session },
      { type: 'xstate.done.actor.identify', output: device },
      { type: 'xstate.done.actor.checkRecovery', output: null },
    ];
    const serial = await replay([...toIdentified(connectRequest), { type: 'ENABLE_SSH' }]);
    expect(wizardView(serial.actor.getSnapshot())).toMatchObject({ state: 'router.identified', can: { enableSsh: false } });
    const { actor, calls } = await replay(toIdentified(telnetRequest));
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'router.identified', connection: { kind: 'telnet', label: 'telnet://192.168.100.1:23' }, can: { enableSsh: true } });
    expect(JSON.stringify(wizardView(actor.getSnapshot()))).not.toContain('telnet-secret-5');
    actor.send({ type: 'ENABLE_SSH' });
    expect(calls.at(-1)).toEqual({ name: 'planSsh', input: { session: { sessionId: 't-1', label: 'telnet://192.168.100.1:23', demo: false } } });
    const done = await replay([
      ...toIdentified(telnetRequest),
      { type: 'ENABLE_SSH' },
      { type: 'xstate.done.actor.planSsh', output: sshPlan(false) },
    ]);
    expect(wizardView(done.actor.getSnapshot())).toMatchObject({ state: 'router.sshPreview', screen: 'sshPreview', can: { apply: true }, sshPlan: { commands: ['sshd host key generate', 'sshd host lan1', 'sshd service on'] } });
    done.actor.send({ type: 'APPLY' });
    expect(done.calls.at(-1)!.name).toBe('enableSsh');
    const applied = await replay([
      ...toIdentified(telnetRequest),
      { type: 'ENABLE_SSH' },
      { type: 'xstate.done.actor.planSsh', output: sshPlan(false) },
      { type: 'APPLY' },
      { type: 'xstate.done.actor.enableSsh', output: outcome('saved') },
    ]);
    expect(wizardView(applied.actor.getSnapshot())).toMatchObject({ state: 'router.identified', sshOutcome: { status: 'saved' }, can: { next: true } });
    // Nothing to apply when SSH is on already.
    const already = await replay([...toIdentified(telnetRequest), { type: 'ENABLE_SSH' }, { type: 'xstate.done.actor.planSsh', output: sshPlan(true) }, { type: 'APPLY' }]);
    expect(wizardView(already.actor.getSnapshot())).toMatchObject({ state: 'router.sshPreview', can: { apply: false } });
    expect(already.calls.map((c) => c.name)).not.toContain('enableSsh');
  });

  it('a fix that fails verification is reverted, never saved', async () => {
    const { actor, calls } = await replay([
      ...toFindings,
      { type: 'PREVIEW_FIX', codes: ['BR_ADDRESS_WRONG'] },
      { type: 'APPLY' },
      { type: 'xstate.done.actor.applyFixes', output: { ok: true, failedCommand: null } },
      { type: 'xstate.done.actor.verifyFixes', output: { passed: false } },
    ]);
    expect(statePath(actor.getSnapshot().value)).toBe('router.reverting');
    expect(calls.map((c) => c.name)).not.toContain('saveFixes');
  });

  it('an interrupted change found after identify is its own screen: nothing else until it is finished, then on to the diagnosis', async () => {
    const identified = [
      { type: 'CONNECT', request: connectRequest },
      { type: 'xstate.done.actor.connect', output: session },
      { type: 'xstate.done.actor.identify', output: device },
    ];
    const { actor, calls } = await replay([...identified, { type: 'xstate.done.actor.checkRecovery', output: recovery }]);
    expect(calls.at(-1)).toEqual({ name: 'checkRecovery', input: { session } });
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'router.recovery', screen: 'recovery', recovery, can: { recover: true, next: false } });
    actor.send({ type: 'NEXT' });
    expect(statePath(actor.getSnapshot().value)).toBe('router.recovery');
    actor.send({ type: 'RECOVER', choice: 'resume' });
    expect(calls.at(-1)).toEqual({ name: 'recover', input: { session, choice: 'resume' } });
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'router.recovering', screen: 'apply' });
    const done = await replay([...identified, { type: 'xstate.done.actor.checkRecovery', output: recovery }, { type: 'RECOVER', choice: 'revert' }, { type: 'xstate.done.actor.recover', output: recovered }]);
    expect(wizardView(done.actor.getSnapshot())).toMatchObject({ state: 'router.recovered', screen: 'recovered', recoveryOutcome: recovered });
    done.actor.send({ type: 'NEXT' });
    expect(wizardView(done.actor.getSnapshot())).toMatchObject({ state: 'router.gathering', recovery: null });
    // No interrupted change: straight to the identified screen; a failed recovery can be tried again on the same session.
    const none = await replay([...identified, { type: 'xstate.done.actor.checkRecovery', output: null }]);
    expect(statePath(none.actor.getSnapshot().value)).toBe('router.identified');
    const failed = await replay([...identified, { type: 'xstate.done.actor.checkRecovery', output: recovery }, { type: 'RECOVER', choice: 'revert' }, { type: 'xstate.error.actor.recover', error: new WizardStepError('disconnected', 'cable') }]);
    expect(wizardView(failed.actor.getSnapshot())).toMatchObject({ state: 'failed', error: { stage: 'recover' }, can: { retry: true } });
    failed.actor.send({ type: 'RETRY' });
    expect(statePath(failed.actor.getSnapshot().value)).toBe('router.checkingRecovery');
  });

  it('an apply refused before any command was sent (someone else\'s unsaved change) says why, and undoes nothing', async () => {
    const { actor, calls } = await replay([
      ...toFindings,
      { type: 'PREVIEW_FIX', codes: ['BR_ADDRESS_WRONG'] },
      { type: 'APPLY' },
      { type: 'xstate.error.actor.applyFixes', error: new WizardStepError('unsaved-changes', 'someone else changed it') },
    ]);
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'failed', error: { stage: 'apply', code: 'unsaved-changes' } });
    expect(calls.map((c) => c.name)).not.toContain('revertFixes');
  });

  it('only findings that carry a fix can be previewed, and never without a live router', async () => {
    const offline = await replay([
      { type: 'PASTE_TRANSCRIPT', text: 'x' },
      { type: 'xstate.done.actor.diagnoseTranscript', output: diagnosis },
      { type: 'PREVIEW_FIX', codes: ['BR_ADDRESS_WRONG'] },
    ]);
    expect(statePath(offline.actor.getSnapshot().value)).toBe('router.findings');
    expect(wizardView(offline.actor.getSnapshot()).offline).toBe(true);
    const live = await replay([
      ...toFindings,
      { type: 'PREVIEW_FIX', codes: ['TUNNEL_NO_RX'] },
    ]);
    expect(statePath(live.actor.getSnapshot().value)).toBe('router.findings');
  });

  it('setting up IPv4: service → notice → plan → preview → the same apply as every fix; the notice\'s secrets reach the actor, never the view', async () => {
    const toSetupFindings = [...toFindings.slice(0, -1), { type: 'xstate.done.actor.diagnose', output: setupDiagnosis }];
    const { actor, calls } = await replay([
      ...toSetupFindings,
      { type: 'PREVIEW_FIX', codes: ['IPV4_TUNNEL_MISSING'] },
      { type: 'SETUP_START' },
      { type: 'SETUP_SERVICE', service: 'v6plus-fixed' },
    ]);
    // The whole set-up never goes through the plain fix preview (it would skip its questions).
    expect(calls.map((c) => c.name)).not.toContain('applyFixes');
    expect(wizardView(actor.getSnapshot())).toMatchObject({
      state: 'router.setupNotice', screen: 'setupNotice', steps: ROUTER_STEPS.map((s) => `steps.${s}`), step: ROUTER_STEPS.indexOf('fix'),
      setup: { proposed: 'v6plus', service: 'v6plus-fixed', noticeFields: ['fixedIpv4', 'interfaceId', 'updateUser', 'updatePassword'], candidates: [{ service: 'v6plus', basis: 'prefix' }, { service: 'v6plus-fixed', basis: 'same-prefix' }] },
    });
    actor.send({ type: 'SETUP_NOTICE', notice: setupNotice });
    expect(calls.at(-1)).toEqual({ name: 'planSetup', input: { session, service: 'v6plus-fixed', notice: setupNotice } });
    const planning = JSON.stringify(wizardView(actor.getSnapshot()));
    expect(planning).not.toContain('setup-user-41');
    expect(planning).not.toContain('setup-pass-Qy7');
    expect(wizardView(actor.getSnapshot()).setup?.notice).toEqual({ fixedIpv4: '203.0.113.10', interfaceId: '::cb:71:a00:0', updateUserGiven: true, updatePasswordGiven: true });
    const done = await replay([
      ...toSetupFindings,
      { type: 'SETUP_START' },
      { type: 'SETUP_SERVICE', service: 'v6plus-fixed' },
      { type: 'SETUP_NOTICE', notice: setupNotice },
      { type: 'xstate.done.actor.planSetup', output: setupPlan() },
    ]);
    expect(wizardView(done.actor.getSnapshot())).toMatchObject({ state: 'router.setupPreview', can: { setupApply: true }, setup: { plan: { ok: true } } });
    done.actor.send({ type: 'SETUP_APPLY', movePppoeDefault: false });
    expect(statePath(done.actor.getSnapshot().value)).toBe('router.applying');
    expect(done.calls.at(-1)).toEqual({ name: 'applyFixes', input: { session, codes: ['IPV4_TUNNEL_MISSING'] } });
  });

  it('setting up IPv4: a PPPoE default route moves only with the user\'s yes; a plan that cannot be built cannot be applied; BACK returns to the form', async () => {
    const toPreview = (output: ReturnType<typeof setupPlan>) => [
      ...toFindings.slice(0, -1),
      { type: 'xstate.done.actor.diagnose', output: setupDiagnosis },
      { type: 'SETUP_START' },
      { type: 'SETUP_SERVICE', service: 'v6plus-fixed' },
      { type: 'SETUP_NOTICE', notice: setupNotice },
      { type: 'xstate.done.actor.planSetup', output },
    ];
    const pppoe = await replay([...toPreview(setupPlan({ pppoeRoute: 'ip route default gateway pp 1' })), { type: 'SETUP_APPLY', movePppoeDefault: false }]);
    expect(statePath(pppoe.actor.getSnapshot().value)).toBe('router.setupPreview');
    pppoe.actor.send({ type: 'SETUP_APPLY', movePppoeDefault: true });
    expect(statePath(pppoe.actor.getSnapshot().value)).toBe('router.applying');
    const refused = await replay([...toPreview(setupPlan({ ok: false, refused: 'needs-notice', missing: ['updatePassword'] })), { type: 'SETUP_APPLY', movePppoeDefault: true }]);
    expect(wizardView(refused.actor.getSnapshot())).toMatchObject({ state: 'router.setupPreview', can: { setupApply: false } });
    refused.actor.send({ type: 'BACK' });
    expect(statePath(refused.actor.getSnapshot().value)).toBe('router.setupNotice');
    // A MAP-E service needs no notice: straight to the plan, and BACK goes to the service choice.
    const mape = await replay([...toFindings.slice(0, -1), { type: 'xstate.done.actor.diagnose', output: setupDiagnosis }, { type: 'SETUP_START' }, { type: 'SETUP_SERVICE', service: 'v6plus' }]);
    expect(mape.calls.at(-1)).toEqual({ name: 'planSetup', input: { session, service: 'v6plus', notice: null } });
    // Without IPV4_TUNNEL_MISSING there is no set-up to start.
    const plain = await replay([...toFindings, { type: 'SETUP_START' }]);
    expect(wizardView(plain.actor.getSnapshot())).toMatchObject({ state: 'router.findings', can: { setup: false } });
  });

  it('the bare machine refuses to pretend: actors must be injected', async () => {
    const actor = createActor(wizardMachine).start();
    actor.send({ type: 'CONNECT', request: connectRequest });
    await new Promise((r) => setTimeout(r, 0));
    expect(actor.getSnapshot().context.error?.message).toMatch(/was not provided/);
  });
});

describe('Linux CE mode, the wizard branch', () => {
  /** A Linux host over SSH, connected and detected: the Linux CE form. */
  const toDetected = (applied: boolean): AnyEventObject[] => [
    { type: 'CE_CONNECT', target: ceTarget },
    { type: 'xstate.done.actor.ceConnect', output: ceSession },
    { type: 'xstate.done.actor.ceDetect', output: detected(applied) },
  ];
  const toPlanned = [...toDetected(false), { type: 'CE_PLAN', request: planRequest }];
  /** The plan made without blockers, and CE_APPLY sent: the script is running. */
  const toApplying = [...toPlanned, { type: 'xstate.done.actor.cePlan', output: cePlan([]) }, { type: 'CE_APPLY' }];

  it('connect → detect → plan → apply → verify → persist → roll back → disconnect, each actor given the CE session', async () => {
    const { actor, calls } = await replay([
      ...toApplying,
      { type: 'xstate.done.actor.ceApply', output: { ok: true, output: 'done' } },
      { type: 'xstate.done.actor.ceVerify', output: checks(true) },
      { type: 'CE_PERSIST' },
      { type: 'xstate.done.actor.cePersist', output: { ok: true, systemd: true, files: ['/etc/systemd/system/ipoe-doctor-ce.service'], output: '' } },
      { type: 'CE_ROLLBACK' },
      { type: 'xstate.done.actor.ceRollback', output: { ok: true, output: '', identical: true, differences: [] } },
      { type: 'DISCONNECT' },
    ]);
    expect(calls.map((c) => c.name)).toEqual(['ceConnect', 'ceDetect', 'cePlan', 'ceApply', 'ceVerify', 'cePersist', 'ceRollback', 'disconnect']);
    expect(calls[2]!.input).toEqual({ session: ceSession, request: planRequest });
    expect(calls.at(-1)!.input).toEqual({ session: ceSession });
    expect(statePath(actor.getSnapshot().value)).toBe('closing');
  });

  it('leaving Linux CE mode gives the picker the router flow\'s step bar back, at once (while the session still closes)', async () => {
    const { actor } = await replay([...toDetected(false), { type: 'DISCONNECT' }]);
    // The picker is shown at once while the SSH session closes behind it: its step bar is already the router's.
    expect(statePath(actor.getSnapshot().value)).toBe('closing');
    const closing = wizardView(actor.getSnapshot());
    expect(closing).toMatchObject({ state: 'chooseConnection', mode: 'router', step: 0 });
    expect(closing.steps).toHaveLength(7);
    const after = await replay([...toDetected(false), { type: 'DISCONNECT' }, { type: 'xstate.done.actor.disconnect' }]);
    const view = wizardView(after.actor.getSnapshot());
    expect(view).toMatchObject({ state: 'chooseConnection', mode: 'router', step: 0 });
    expect(view.steps[0]).toBe('steps.connect');
    expect(view.steps).toHaveLength(7);
  });

  it('a plan the inputs cannot make goes back to the form with the reason', async () => {
    const { actor } = await replay([...toPlanned, { type: 'xstate.error.actor.cePlan', error: new WizardStepError('ce-plan-invalid', 'not a BIGLOBE prefix') }]);
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'linuxCe.detected', error: { stage: 'ce-plan', message: 'not a BIGLOBE prefix' } });
  });

  it('apply is refused while detection reports blockers or the update password is missing', async () => {
    for (const plan of [cePlan(['IP6TNL_MISSING']), cePlan([], true)]) {
      const { actor, calls } = await replay([...toPlanned, { type: 'xstate.done.actor.cePlan', output: plan }, { type: 'CE_APPLY' }]);
      expect(statePath(actor.getSnapshot().value)).toBe('linuxCe.planned');
      expect(calls.map((c) => c.name)).not.toContain('ceApply');
    }
  });

  it('persist only after a passing verification; a failed script is shown, not verified', async () => {
    const failedVerify = await replay([
      ...toApplying,
      { type: 'xstate.done.actor.ceApply', output: { ok: true, output: '' } },
      { type: 'xstate.done.actor.ceVerify', output: checks(false) },
      { type: 'CE_PERSIST' },
    ]);
    expect(statePath(failedVerify.actor.getSnapshot().value)).toBe('linuxCe.applied');
    expect(failedVerify.calls.map((c) => c.name)).not.toContain('cePersist');
    const failedScript = await replay([
      ...toApplying,
      { type: 'xstate.done.actor.ceApply', output: { ok: false, output: 'ipoe-doctor: step 3 failed' } },
    ]);
    expect(wizardView(failedScript.actor.getSnapshot())).toMatchObject({ state: 'linuxCe.applied', linuxCe: { apply: { ok: false }, verify: null } });
    expect(failedScript.calls.map((c) => c.name)).not.toContain('ceVerify');
  });

  it('an unknown host key is confirmed first, then the Linux host is connected again (not a router)', async () => {
    const { actor, calls } = await replay([
      { type: 'CE_CONNECT', target: ceTarget },
      { type: 'xstate.error.actor.ceConnect', error: new WizardStepError('ssh-host-key-unknown', 'new host', hostKey) },
      { type: 'TRUST_HOST_KEY' },
      { type: 'xstate.done.actor.trustHostKey', output: undefined },
    ]);
    expect(statePath(actor.getSnapshot().value)).toBe('linuxCe.connecting');
    expect(calls.map((c) => c.name)).toEqual(['ceConnect', 'trustHostKey', 'ceConnect']);
  });

  it('a dropped connection during apply can be retried by reading the host again; rollback is offered when something is applied', async () => {
    const { actor } = await replay([
      ...toApplying,
      { type: 'xstate.error.actor.ceApply', error: new WizardStepError('disconnected', 'gone') },
    ]);
    expect(wizardView(actor.getSnapshot())).toMatchObject({ state: 'failed', can: { retry: true }, error: { stage: 'ce-apply' } });
    actor.send({ type: 'RETRY' });
    expect(statePath(actor.getSnapshot().value)).toBe('linuxCe.detecting');
    const fresh = await replay([
      ...toDetected(false),
      { type: 'CE_ROLLBACK' },
    ]);
    expect(statePath(fresh.actor.getSnapshot().value)).toBe('linuxCe.detected');
    const applied = await replay([
      ...toDetected(true),
      { type: 'CE_ROLLBACK' },
    ]);
    expect(statePath(applied.actor.getSnapshot().value)).toBe('linuxCe.rollingBack');
  });

  it('the existing CE is diagnosed with the form\'s service; its findings lead back to the Linux CE form, never to a router fix', async () => {
    const { actor, calls } = await replay([
      ...toDetected(false),
      { type: 'CE_DIAGNOSE', request: planRequest },
      { type: 'xstate.done.actor.ceDiagnose', output: diagnosis },
      { type: 'PREVIEW_FIX', codes: ['BR_ADDRESS_WRONG'] },
    ]);
    expect(calls.at(-1)).toEqual({ name: 'ceDiagnose', input: { session: ceSession, request: planRequest } });
    expect(statePath(actor.getSnapshot().value)).toBe('linuxCe.findings');
    actor.send({ type: 'REGATHER' });
    expect(statePath(actor.getSnapshot().value)).toBe('linuxCe.diagnosing');
    const back = await replay([
      ...toDetected(false),
      { type: 'CE_DIAGNOSE', request: planRequest },
      { type: 'xstate.done.actor.ceDiagnose', output: diagnosis },
      { type: 'BACK' },
    ]);
    expect(wizardView(back.actor.getSnapshot())).toMatchObject({ state: 'linuxCe.detected', linuxCe: { planRequest: { service: 'v6plus-fixed' } } });
  });

  it('the view carries neither the SSH password nor the update-server password', async () => {
    const { actor } = await replay([...toPlanned, { type: 'xstate.done.actor.cePlan', output: cePlan([]) }]);
    const view = wizardView(actor.getSnapshot());
    const json = JSON.stringify(view);
    expect(json).not.toContain('ce-ssh-secret-31');
    expect(json).not.toContain('upd-secret-58');
    expect(view).toMatchObject({ mode: 'linuxCe', connection: { kind: 'ssh', label: 'root@127.0.0.1:2222' }, linuxCe: { planRequest: { updateUser: 'u1' } } });
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

  it('tells the step bar and the screens what the machine knows: step, screen, activity and what it would take', async () => {
    const live = await replay(toFindings);
    expect(wizardView(live.actor.getSnapshot())).toMatchObject({
      state: 'router.findings', screen: 'findings', step: 3, steps: ROUTER_STEPS.map((s) => `steps.${s}`), activity: null,
      can: { previewFix: ['BR_ADDRESS_WRONG'], regather: true, report: true, back: true, retry: false, cancel: false },
    });
    const offline = await replay([{ type: 'PASTE_TRANSCRIPT', text: 'x' }, { type: 'xstate.done.actor.diagnoseTranscript', output: diagnosis }]);
    expect(wizardView(offline.actor.getSnapshot())).toMatchObject({ state: 'router.findings', step: 3, can: { previewFix: [], regather: false } });
    const connecting = await replay([{ type: 'CONNECT', request: connectRequest }]);
    expect(wizardView(connecting.actor.getSnapshot())).toMatchObject({ screen: 'progress', step: 0, activity: 'progress.connecting', can: { cancel: true } });
    // The existing Linux CE's findings belong to "detect", and nothing there is fixed in place.
    const ce = await replay([
      { type: 'CE_CONNECT', target: ceTarget },
      { type: 'xstate.done.actor.ceConnect', output: ceSession },
      { type: 'xstate.done.actor.ceDetect', output: detected(false) },
      { type: 'CE_DIAGNOSE', request: planRequest },
      { type: 'xstate.done.actor.ceDiagnose', output: diagnosis },
    ]);
    expect(wizardView(ce.actor.getSnapshot())).toMatchObject({
      state: 'linuxCe.findings', screen: 'findings', step: 1, steps: LINUX_CE_STEPS.map((s) => `ce.steps.${s}`), can: { previewFix: [], regather: true },
    });
  });

  it('persist is offered after a passing verification, once; the view says whether the checks passed', async () => {
    const applied = [
      { type: 'CE_CONNECT', target: ceTarget },
      { type: 'xstate.done.actor.ceConnect', output: ceSession },
      { type: 'xstate.done.actor.ceDetect', output: detected(false) },
      { type: 'CE_PLAN', request: planRequest },
      { type: 'xstate.done.actor.cePlan', output: cePlan([]) },
      { type: 'CE_APPLY' },
      { type: 'xstate.done.actor.ceApply', output: { ok: true, output: '' } },
    ];
    const failing = await replay([...applied, { type: 'xstate.done.actor.ceVerify', output: checks(false) }]);
    expect(wizardView(failing.actor.getSnapshot())).toMatchObject({ screen: 'ceApplied', step: 4, ceVerified: false, can: { cePersist: false, ceVerify: true } });
    const passing = await replay([...applied, { type: 'xstate.done.actor.ceVerify', output: checks(true) }]);
    expect(wizardView(passing.actor.getSnapshot())).toMatchObject({ ceVerified: true, can: { cePersist: true } });
    const persisted = await replay([
      ...applied,
      { type: 'xstate.done.actor.ceVerify', output: checks(true) },
      { type: 'CE_PERSIST' },
      { type: 'xstate.done.actor.cePersist', output: { ok: true, systemd: true, files: [], output: '' } },
    ]);
    expect(wizardView(persisted.actor.getSnapshot())).toMatchObject({ screen: 'ceApplied', ceVerified: true, can: { cePersist: false } });
  });
});

describe('wizard states and their meta', () => {
  const known = new Set(keyPaths(catalogs.ja));
  const leaves = [...WIZARD_STATE_META];

  it('every state names its screen and its step in its own flow, or the state it is shown as', () => {
    // 37, the four of turning SSH on and old SSH (confirmLegacySsh, router.sshPlanning, sshPreview, sshApplying),
    // the four of the IPv4 set-up path (router.setupService, setupNotice, setupPlanning, setupPreview),
    // the four of finishing an interrupted change (router.checkingRecovery, recovery, recovering, recovered)
    // and the five of the line check from this computer (lineCheck.form, running, findings, reporting, report).
    expect(leaves.length).toBe(54);
    for (const [path, meta] of leaves) {
      if ('shownAs' in meta) {
        expect(WIZARD_VIEW_STATES, `${path} is shown as ${meta.shownAs}`).toContain(meta.shownAs);
        continue;
      }
      expect(WIZARD_SCREENS, path).toContain(meta.screen);
      const steps: readonly (string | null)[] = path.startsWith('router.') ? ROUTER_STEPS : path.startsWith('linuxCe.') ? LINUX_CE_STEPS : path.startsWith('lineCheck.') ? [null, 'report'] : ['connect', null];
      expect(steps, path).toContain(meta.step);
      if (meta.activity) expect(known.has(meta.activity), `${path}: ${meta.activity} is in the catalogs`).toBe(true);
    }
  });

  it('every step and screen has its text, and every screen is used', () => {
    for (const s of ROUTER_STEPS) expect(known.has(`steps.${s}`)).toBe(true);
    for (const s of LINUX_CE_STEPS) expect(known.has(`ce.steps.${s}`)).toBe(true);
    const used = new Set(leaves.flatMap(([, meta]) => ('screen' in meta ? [meta.screen] : [])));
    expect([...used].sort()).toEqual([...WIZARD_SCREENS].sort());
  });

  it("the contract's state list is the machine's user-facing states", () => {
    expect(WizardViewSchema.shape.state.options).toEqual(WIZARD_VIEW_STATES);
    expect(WIZARD_VIEW_STATES).not.toContain('closing');
    expect(WIZARD_VIEW_STATES).toContain('linuxCe.rolledBack');
  });
});
