/**
 * Nothing half-done: cut the connection at every step boundary of apply and verify and inside every command
 * (`save` included), over each transport and by power cuts; after each cut, recover over a new connection, then
 * power-cycle the router, and check that what it boots with is the backup or the verified new config, that the
 * config in force equals it, and that the backup is still there. The counts are printed at the end.
 *
 * A transport is one row of ROWS: how to reach the router, how to cut, how to power-cycle it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionRequest } from '../../shared/ipc/contract.js';
import { configBody } from '../../shared/rtx/config-diff.js';
import type { FixPlan } from '../../shared/diagnosis/types.js';
import { ConnectionRegistry } from '../../main/services/connection-registry.js';
import { KnownHosts } from '../../main/transports/known-hosts.js';
import { ApplyTransaction } from '../../main/apply/safe-apply.js';
import { interruptedOn, readJournal, sha256 } from '../../main/apply/journal.js';
import { assessRecovery, recoverTransaction } from '../../main/apply/recovery.js';
import { diagnoseRtxSession } from '../../main/services/diagnose-live.js';
import { identifyRtx } from '../../main/devices/identify-rtx.js';
import { RtxSession } from '../../main/devices/rtx-session.js';
import { loadScenario } from '../../main/simulator/host/scenario-files.js';
import { startTwinRouter, type TwinRouterHost } from '../../main/simulator/host/router-host.js';
import { connectTwin } from '../../main/simulator/host/twin-transport.js';
import { serveTwinRouter, type TwinRouterServer } from '../../main/simulator/host/serve-router.js';
import { RouterState } from '../../main/simulator/twin/router-state.js';
import { FaultTap, type CutPoint } from '../support/fault-tap.js';
import { startResetProxy, type ResetProxy } from '../support/tcp-proxy.js';
import { plugPtyCable, socatAvailable, type PtyCable } from '../support/socat.js';
import { startTwinProcess, type TwinProcess } from '../support/twin-process.js';
import { missing } from '../support/real-parts.js';
import { connectTrusting } from '../support/connect-trusting.js';

const SCENARIO = 'fixed-ip-br-typo';
const scenario = loadScenario(SCENARIO);
const creds = { username: scenario.console.loginUser ?? 'admin', password: scenario.console.loginPassword, adminPassword: scenario.console.adminPassword };
const PING_TARGET = '192.0.2.53';

/** A router under test: how the app reaches it now, the fault, and its power. */
interface RouterUnderTest {
  request(): ConnectionRequest;
  /** The fault: the cable pulled, the connection reset, the power cut. */
  cut(): Promise<void>;
  /** After the fault, before the next connection (plug the cable back, power on again …). */
  afterCut(): Promise<void>;
  /** Off and on again: it boots with its saved config. */
  powerCycle(): Promise<void>;
  /** The state dir's CONFIG0 file, watched to cut the power right after `save` reached the flash. */
  configFile: string;
  stop(): Promise<void>;
}

interface Row {
  transport: string;
  fault: string;
  /** Extra points where only this fault makes a difference. */
  extraPoints?: (writes: string[], r: () => RouterUnderTest) => CutPoint[];
  /** The points this row tries, when not all (a row whose every point costs process starts keeps CI time down). */
  choose?: (points: CutPoint[], writes: string[]) => CutPoint[];
  open(stateDir: string): Promise<RouterUnderTest>;
}

const ssh = (port: number): ConnectionRequest => ({ kind: 'ssh', host: '127.0.0.1', port, ...creds });

/** The twin in this process, reached through a real pty (socat) into its serial console: killing socat pulls the cable. */
const serialRow: Row = {
  transport: 'serial',
  fault: 'pty killed (socat SIGKILL)',
  async open(stateDir) {
    let host = await startTwinRouter({ scenario, stateDir, consolePort: 0, bytesPerSecond: null });
    let cable: PtyCable = await plugPtyCable(host.consolePort!);
    return {
      request: () => ({ kind: 'serial', path: cable.path, baudRate: 9600, ...creds }),
      cut: () => cable.kill(),
      afterCut: async () => {
        cable = await plugPtyCable(host.consolePort!, cable.path);
      },
      powerCycle: async () => {
        await cable.kill();
        await host.close();
        host = await startTwinRouter({ scenario, stateDir, consolePort: 0, bytesPerSecond: null });
        cable = await plugPtyCable(host.consolePort!, cable.path);
      },
      configFile: join(stateDir, 'config0.txt'),
      stop: async () => {
        await cable.kill();
        await host.close();
      },
    };
  },
};

/** The twin in this process over SSH, through a TCP proxy that resets the connection (RST both ways). */
const sshRow: Row = {
  transport: 'ssh',
  fault: 'TCP reset (proxy RST)',
  async open(stateDir) {
    let host: TwinRouterHost = await startTwinRouter({ scenario, stateDir, sshPort: 0 });
    const proxy: ResetProxy = await startResetProxy(host.sshPort!);
    return {
      request: () => ssh(proxy.port),
      cut: () => proxy.resetAll(),
      afterCut: async () => undefined,
      powerCycle: async () => {
        await proxy.resetAll();
        await host.close();
        host = await startTwinRouter({ scenario, stateDir, sshPort: 0 });
        proxy.target = host.sshPort!;
      },
      configFile: join(stateDir, 'config0.txt'),
      stop: async () => {
        await proxy.close();
        await host.close();
      },
    };
  },
};

/** The twin's Telnet server in this process, through a TCP proxy that closes the connection (FIN both ways). */
const telnetRow: Row = {
  transport: 'telnet',
  fault: 'connection closed (proxy FIN)',
  async open(stateDir) {
    let server: TwinRouterServer = await serveTwinRouter({ scenario, stateDir, telnetPort: 0 });
    const proxy: ResetProxy = await startResetProxy(server.telnetPort);
    return {
      request: () => ({ kind: 'telnet', host: '127.0.0.1', port: proxy.port, ...creds }),
      cut: () => proxy.endAll(),
      afterCut: async () => undefined,
      powerCycle: async () => {
        await proxy.endAll();
        await server.close();
        server = await serveTwinRouter({ scenario, stateDir, telnetPort: 0 });
        proxy.target = server.telnetPort;
      },
      configFile: join(stateDir, 'config0.txt'),
      stop: async () => {
        await proxy.close();
        await server.close();
      },
    };
  },
};

/** The twin as its own process (simulate --ssh-port 0 --state-dir D): the fault is SIGKILL, a power cut. */
const powerRow: Row = {
  transport: 'power',
  fault: 'power cut (simulate SIGKILL), powered on again',
  // Three process starts a point: the step boundaries from the first change on, and inside `save`, are the points
  // where a power cut differs from a dropped connection (what was not saved is gone); the rest are the other rows'.
  choose: (points, writes) => {
    const first = writes.findIndex((w) => w.startsWith('tunnel '));
    return points.filter((p) => (p.where === 'before' && p.write >= first) || (p.where === 'inside' && writes[p.write] === 'save'));
  },
  // A power cut after `save` reached the flash but before it said so: only a power cut can land there.
  extraPoints: (writes, r) => {
    const save = writes.indexOf('save');
    return save < 0 ? [] : [{ where: 'inside', write: save, name: 'inside save, after the flash write', until: () => changed(r().configFile) }];
  },
  async open(stateDir) {
    const start = () => startTwinProcess(SCENARIO, ['--ssh-port', '0', '--state-dir', stateDir]);
    let twin: TwinProcess = await start();
    return {
      request: () => ssh(twin.sshPort!),
      cut: () => twin.powerOff(),
      afterCut: async () => {
        twin = await start();
      },
      powerCycle: async () => {
        await twin.powerOff();
        twin = await start();
      },
      configFile: join(stateDir, 'config0.txt'),
      stop: () => twin.powerOff(),
    };
  },
};

/** FAULTS_ROWS=ssh,power runs only those rows (while working on one transport); all of them by default. */
const ROWS: Row[] = [serialRow, sshRow, telnetRow, powerRow].filter((r) => !process.env.FAULTS_ROWS || process.env.FAULTS_ROWS.split(',').includes(r.transport));

/** Resolves once the file's content differs from what it is now. */
async function changed(file: string): Promise<void> {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  for (;;) {
    const now = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (now !== before) return;
    await new Promise((r) => setTimeout(r, 2));
  }
}

interface Verdict {
  transport: string;
  point: string;
  /** The write the fault hit, or null when the transaction ended before it. */
  cutAt: string | null;
  recovery: 'nothing-to-recover' | 'reverted' | 'saved' | 'revert-incomplete' | 'failed';
  recoveryError: string | null;
  unsavedAfterRecovery: boolean | null;
  savedIs: 'backup' | 'fixed' | 'other';
  runningEqualsSaved: boolean;
  backupLost: boolean;
}

let plans: FixPlan[] = [];
let originalBody = '';
let fixedBody = '';

/** One cut: a fresh router, the fix cut at `point`, recovery over a new connection, a power cycle, the checks. */
async function runCut(row: Row, point: CutPoint | null, tap: FaultTap, routerRef: { current: RouterUnderTest | null }): Promise<Verdict> {
  const stateDir = join(mkdtempSync(join(tmpdir(), 'ipoe-fault-')), 'router');
  const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-fault-data-'));
  const knownHosts = new KnownHosts(join(dataDir, 'known_hosts.json'));
  const router = await row.open(stateDir);
  routerRef.current = router;
  const opts = (identity: ReturnType<ConnectionRegistry['routerIdentity']>) => ({ dataDir, model: scenario.device.model, router: identity, pingTarget: PING_TARGET });
  try {
    // The fix, cut at the point.
    const registry = new ConnectionRegistry({ knownHosts, tap: (t) => tap.wrap(t) });
    const live = await connectTrusting(registry, router.request());
    await registry.identify(live.sessionId);
    const identity = registry.routerIdentity(live.sessionId);
    const tx = new ApplyTransaction(registry.session(live.sessionId), plans, opts(identity));
    tap.arm(point, () => router.cut());
    try {
      const applied = await tx.apply();
      if (applied.ok && (await tx.verify()).passed) await tx.save();
      else await tx.revert();
    } catch {
      // The cut: the session says the line dropped.
    }
    // The transaction is over (whole or cut): what follows (logging out) is not part of it.
    tap.disarm();
    if (tap.fired) await tap.fired;
    await registry.closeAll();
    if (tap.fired) await router.afterCut();

    // Recovery over a new connection, as `ipoe-doctor recover --yes` does.
    let recovery: Verdict['recovery'] = 'nothing-to-recover';
    let recoveryError: string | null = null;
    let unsavedAfterRecovery: boolean | null = null;
    const again = new ConnectionRegistry({ knownHosts });
    try {
      const s = await connectTrusting(again, router.request());
      await again.identify(s.sessionId);
      const id = again.routerIdentity(s.sessionId);
      const open = interruptedOn(dataDir, id);
      if (open) {
        const assessment = await assessRecovery(again.session(s.sessionId), open);
        const outcome = await recoverTransaction(again.session(s.sessionId), open, assessment.recommended, opts(id));
        recovery = outcome.status;
        unsavedAfterRecovery = outcome.unsavedChangesAfter;
      }
    } catch (err) {
      recovery = 'failed';
      recoveryError = err instanceof Error ? err.message : String(err);
    } finally {
      await again.closeAll();
    }

    // Power cycle, then what the router boots with and what is in force.
    await router.powerCycle();
    const check = new ConnectionRegistry({ knownHosts });
    const c = await connectTrusting(check, router.request());
    const session = check.session(c.sessionId);
    await session.enterAdmin();
    const running = configBody((await session.run('show config')).output);
    const savedOut = await session.showSavedConfig();
    const saved = configBody(savedOut.output);
    await check.closeAll();

    const journal = readJournal(dataDir);
    const backupLost = journal.some((t) => {
      const p = t.begin.backupPath;
      return !existsSync(p) || sha256(readFileSync(p, 'utf8')) !== t.begin.backupSha256 || configBody(readFileSync(p, 'utf8')) !== originalBody;
    });
    return {
      transport: row.transport,
      point: point?.name ?? 'none',
      cutAt: tap.fired ? (tap.writes.at(-1) ?? null) : null,
      recovery,
      recoveryError,
      unsavedAfterRecovery,
      savedIs: saved === originalBody ? 'backup' : saved === fixedBody ? 'fixed' : 'other',
      runningEqualsSaved: running === saved && savedOut.error === null,
      backupLost,
    };
  } finally {
    routerRef.current = null;
    await router.stop();
  }
}

function whole(v: Verdict): boolean {
  return (
    v.recovery !== 'failed' &&
    v.recovery !== 'revert-incomplete' &&
    v.savedIs !== 'other' &&
    v.runningEqualsSaved &&
    !v.backupLost &&
    v.unsavedAfterRecovery !== true &&
    // A recovery that reverted leaves the backup saved; one that resumed, the verified new config.
    (v.recovery !== 'reverted' || v.savedIs === 'backup') &&
    (v.recovery !== 'saved' || v.savedIs === 'fixed')
  );
}

const verdicts: Verdict[] = [];

describe.skipIf(missing('socat', socatAvailable()))('faults during apply and verify end whole: cut, recover, power-cycle', () => {
  beforeAll(async () => {
    // The plans, the original config and the fixed one, from the twin in this process (no transport involved).
    const router = new RouterState(scenario);
    originalBody = configBody(router.saved);
    const twin = connectTwin(scenario, { router });
    const session = new RtxSession(twin, creds);
    await session.open();
    const device = await identifyRtx(session, { crossCheck: true });
    const { result } = await diagnoseRtxSession(session, device, {});
    plans = result.findings.filter((f) => f.fix?.target === 'rtx' && f.severity !== 'info').map((f) => f.fix!);
    const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-fault-ref-'));
    const tx = new ApplyTransaction(session, plans, { dataDir, model: device.model, router: { model: device.model, serial: device.serial ?? null, hostKey: null, port: 'ref' }, pingTarget: PING_TARGET });
    expect((await tx.apply()).ok).toBe(true);
    expect((await tx.verify()).passed).toBe(true);
    await tx.save();
    fixedBody = configBody(router.saved);
    expect(fixedBody).not.toBe(originalBody);
    await session.close();
  });

  afterAll(() => {
    const tried = verdicts.length;
    const wholeCount = verdicts.filter(whole).length;
    const halfSaved = verdicts.filter((v) => v.savedIs === 'other').length;
    const lost = verdicts.filter((v) => v.backupLost).length;
    const lines = ROWS.map((r) => {
      const mine = verdicts.filter((v) => v.transport === r.transport);
      const by = (s: Verdict['recovery']) => mine.filter((v) => v.recovery === s).length;
      return `  ${r.transport.padEnd(7)} ${String(mine.length).padStart(3)} points (${r.fault}): ${mine.filter(whole).length} whole; recovery reverted ${by('reverted')}, resumed and saved ${by('saved')}, nothing to recover ${by('nothing-to-recover')}`;
    });
    console.log(
      [
        'fault injection: cut → recover → power cycle',
        ...lines,
        `  points tried ${tried}, ended whole ${wholeCount}, half-saved ${halfSaved}, backups lost ${lost}`,
        ...verdicts.filter((v) => !whole(v)).map((v) => `  NOT WHOLE ${JSON.stringify(v)}`),
      ].join('\n'),
    );
  });

  // The rows share nothing (own routers, data dirs, ports): they run side by side, as most of a point is waiting.
  it.concurrent.each(ROWS)('$transport: every cut point ($fault)', async (row) => {
    // A clean run first: the writes of one whole transaction, which number the cut points; it must end saved.
    const reference = new FaultTap([creds.password, creds.adminPassword]);
    const ref = await runCut(row, null, reference, { current: null });
    expect(ref).toMatchObject({ cutAt: null, recovery: 'nothing-to-recover', savedIs: 'fixed', runningEqualsSaved: true, backupLost: false });
    const writes = reference.writes;
    expect(writes).toContain('save');
    const routerRef: { current: RouterUnderTest | null } = { current: null };
    const every: CutPoint[] = [
      ...writes.flatMap((w, i) => [
        { where: 'before' as const, write: i, name: `before "${w}"` },
        { where: 'inside' as const, write: i, name: `inside "${w}"` },
      ]),
      ...(row.extraPoints?.(writes, () => routerRef.current!) ?? []),
    ];
    const points = row.choose ? row.choose(every, writes) : every;
    const mine: Verdict[] = [];
    for (const point of points) {
      const v = await runCut(row, point, new FaultTap([creds.password, creds.adminPassword]), routerRef);
      mine.push(v);
      verdicts.push(v);
    }
    expect(mine.filter((v) => !whole(v))).toEqual([]);
    expect(mine.filter((v) => v.cutAt !== null).length).toBe(points.length);
    // Both endings happen: cuts before the change is whole are reverted, cuts after it can be resumed.
    expect(mine.some((v) => v.savedIs === 'backup')).toBe(true);
    expect(mine.some((v) => v.savedIs === 'fixed')).toBe(true);
  }, 1_800_000);
});
