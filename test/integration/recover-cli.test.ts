/**
 * From the command line, with the twin over SSH keeping its state in --state-dir: `fix` killed partway (SIGKILL,
 * as a closed laptop or a crash), `recover --yes --json` finishes the change, `probe --json` says there are no
 * unsaved changes, and after a power cycle the router runs its saved config, which is the original or the fixed
 * one, never a mix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configBody } from '../../shared/rtx/config-diff.js';
import { ConnectionRegistry } from '../../main/services/connection-registry.js';
import { KnownHosts } from '../../main/transports/known-hosts.js';
import { loadScenario } from '../../main/simulator/host/scenario-files.js';
import { runCli } from '../support/cli.js';
import { fingerprintOfKeyFile } from '../support/sshd.js';
import { startTwinProcess, type TwinProcess } from '../support/twin-process.js';
import { killFixWhen } from '../support/kill-fix.js';
import { connectTrusting } from '../support/connect-trusting.js';

const SCENARIO = 'fixed-ip-br-typo';
const scenario = loadScenario(SCENARIO);
const env = { IPOE_DOCTOR_PASSWORD: scenario.console.loginPassword ?? '', IPOE_DOCTOR_ADMIN_PASSWORD: scenario.console.adminPassword ?? '', IPOE_DOCTOR_PING_TARGET: '192.0.2.53' };
const user = scenario.console.loginUser ?? 'admin';

let twin: TwinProcess | null = null;
afterEach(async () => {
  await twin?.powerOff();
  twin = null;
});

/** What the router runs and what it boots with, read in this process. */
async function readConfigs(port: number, dataDir: string): Promise<{ running: string; saved: string }> {
  const registry = new ConnectionRegistry({ knownHosts: KnownHosts.inDataDir(dataDir) });
  try {
    const s = await connectTrusting(registry, { kind: 'ssh', host: '127.0.0.1', port, username: user, password: env.IPOE_DOCTOR_PASSWORD, adminPassword: env.IPOE_DOCTOR_ADMIN_PASSWORD });
    const session = registry.session(s.sessionId);
    await session.enterAdmin();
    const running = await session.run('show config');
    const saved = await session.showSavedConfig();
    expect(saved.error).toBeNull();
    return { running: configBody(running.output), saved: configBody(saved.output) };
  } finally {
    await registry.closeAll();
  }
}

describe('the command line: fix killed partway, recover, probe, power cycle (twin over SSH with --state-dir)', () => {
  const cases = [
    // A command is journalled before it is sent: the third record means the second (the new BR address) is in force.
    { name: 'killed while sending the fix', until: (k: string[]) => k.filter((x) => x === 'apply').length >= 3, status: 'reverted', ends: 'original' },
    { name: 'killed while verifying', until: (k: string[]) => k.includes('verify'), status: 'saved', ends: 'fixed' },
  ] as const;

  it.each(cases)('$name: recover says $status, nothing is left unsaved, and a power cycle boots the $ends config', async ({ until, status, ends }) => {
    const stateDir = join(mkdtempSync(join(tmpdir(), 'ipoe-recover-cli-')), 'router');
    const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-recover-data-'));
    const start = () => startTwinProcess(SCENARIO, ['--ssh-port', '0', '--state-dir', stateDir]);
    twin = await start();
    const fingerprint = fingerprintOfKeyFile(join(stateDir, 'ssh_host_ed25519_key'));
    const original = await readConfigs(twin.sshPort!, dataDir);
    expect(original.running).toBe(original.saved);
    const conn = () => ['--ssh', `${user}@127.0.0.1:${twin!.sshPort}`, '--trust-host-key', fingerprint];

    const kinds = await killFixWhen(conn(), env, dataDir, until);
    expect(kinds).not.toContain('end');
    // The cut left the router running something that is not saved.
    const before = await runCli(['probe', ...conn(), '--json'], { env: { ...env, IPOE_DOCTOR_DATA_DIR: dataDir } });
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ unsavedChanges: true, interruptedChange: { stepReached: kinds.at(-1) } });

    const recovered = await runCli(['recover', ...conn(), '--yes', '--json'], { env: { ...env, IPOE_DOCTOR_DATA_DIR: dataDir } });
    expect(recovered.code, recovered.stderr).toBe(0);
    const summary = JSON.parse(recovered.stdout) as { status: string; runningEqualsBackup: boolean | null; unsavedChangesAfter: boolean | null };
    expect(summary).toMatchObject({ status, unsavedChangesAfter: false, runningEqualsBackup: status === 'reverted' ? true : null });

    const after = await runCli(['probe', ...conn(), '--json'], { env: { ...env, IPOE_DOCTOR_DATA_DIR: dataDir } });
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ unsavedChanges: false, interruptedChange: null });
    // Nothing left to recover.
    const again = await runCli(['recover', ...conn(), '--yes', '--json'], { env: { ...env, IPOE_DOCTOR_DATA_DIR: dataDir } });
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'nothing-to-recover', unsavedChangesAfter: false });

    // Power cycle: the process killed and started again on the same state dir.
    await twin.powerOff();
    twin = await start();
    const booted = await readConfigs(twin.sshPort!, dataDir);
    expect(booted.running).toBe(booted.saved);
    if (ends === 'original') expect(booted.saved).toBe(original.saved);
    else {
      // Every line of the fix, not some of them.
      expect(booted.saved).not.toBe(original.saved);
      expect(booted.saved).toContain('tunnel endpoint address 2404:9200:225:100::65');
      expect(booted.saved).not.toContain('tunnel endpoint address 2404:9200:255:100::65');
      expect(booted.saved).toContain('ip filter 200030 pass * 192.168.182.0/24 icmp * *');
    }
    expect(twin.output()).toContain('power-on');
  }, 240_000);
});
