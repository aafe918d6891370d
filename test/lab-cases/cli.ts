/** Runs `ipoe-doctor linux-ce …` from source against a lab VM, over SSH with the lab's key and pinned host key. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareSnapshots, normalise, SNAPSHOT_COMMANDS, type Snapshot, type SnapshotPart } from '../../shared/linux/datapath/snapshot.js';
import { consoleForFailure, kernelHang } from '../lab/kernel-trouble.js';
import { repoRoot, type Lab } from '../lab/lab.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A private data dir per run of the suite, so the lab's host key is trusted only there (by --trust-host-key). */
const dataDir = mkdtempSync(join(tmpdir(), 'ipoe-lab-cases-'));

export function linuxCe(lab: Lab, args: string[], env: Record<string, string> = {}, user = 'root'): Promise<CliRun> {
  const conn = ['--ssh', `${user}@127.0.0.1:${lab.sshPort}`, '--key', lab.privateKeyPath, '--trust-host-key', lab.hostKeyFingerprint];
  const timeout = lab.scaled(280_000);
  return new Promise((resolve) => {
    let hung: string | null = null;
    const child = execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'linux-ce', ...args, ...conn],
      { cwd: repoRoot, env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_DATA_DIR: dataDir, ...env }, maxBuffer: 32 << 20, timeout },
      (err, stdout, stderr) => {
        clearInterval(watch);
        // Stopped for a hung guest or killed at the timeout: say so, with the kernel's report and the console's end.
        const why = hung
          ? `\n[lab-cases] ipoe-doctor was stopped: the lab VM's kernel hung (${hung}); ${consoleForFailure(lab.consoleLog())}`
          : err && err.killed
            ? `\n[lab-cases] ipoe-doctor was killed after ${timeout} ms; ${consoleForFailure(lab.consoleLog())}`
            : '';
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr: stderr + why });
      },
    );
    // A guest whose kernel locked up never answers again: stop at once rather than wait out the timeout.
    const watch = setInterval(() => {
      if (hung) return;
      hung = kernelHang(lab.consoleLog());
      if (hung) child.kill('SIGTERM');
    }, 1000);
  });
}

/**
 * The CE's ip/nft/sysctl state, read by the test itself over the lab's own session (not through the app), plus
 * the listings a person would compare by eye.
 */
export async function ceState(lab: Lab): Promise<{ snapshot: Snapshot; tunnels: string; ruleset: string }> {
  const snapshot = {} as Snapshot;
  for (const [part, cmd] of Object.entries(SNAPSHOT_COMMANDS) as [SnapshotPart, string][]) {
    const r = await lab.exec(cmd.replace(/^ip /, '/usr/sbin/ip ').replace(/^nft /, '/usr/sbin/nft '));
    // A read that failed must not pass for an empty state (the comparison would then prove nothing).
    if (r.exitCode !== 0) throw new Error(`reading the CE's ${part} (${cmd}) failed (exit ${r.exitCode}): ${r.output}`);
    if (part !== 'sysctl' && r.output.trim() !== '') JSON.parse(r.output);
    snapshot[part] = r.output;
  }
  const tunnels = (await lab.exec('/usr/sbin/ip -6 tunnel show')).output;
  // Counters count traffic; everything else of the listing must be the same.
  const ruleset = (await lab.exec('/usr/sbin/nft list ruleset')).output.replace(/counter packets \d+ bytes \d+/g, 'counter');
  return { snapshot, tunnels, ruleset };
}

/**
 * What differs between two CE snapshots, one line per entry ('' when identical). Tests assert this string is
 * empty, so a failure prints every entry that differed, before and after, not just a count.
 */
export function stateDifferences(before: Snapshot, after: Snapshot): string {
  return compareSnapshots(before, after).differences.join('\n');
}

export { compareSnapshots, normalise };

/** `ipoe-doctor linux-ce …` on this computer alone (no --ssh, no --local): the offline plan and its export. */
export function linuxCeOffline(args: string[], timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'linux-ce', ...args],
      { cwd: repoRoot, env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', IPOE_DOCTOR_DATA_DIR: dataDir }, maxBuffer: 32 << 20, timeout: timeoutMs },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A file onto the CE (any content), through the lab's own session. */
export async function putOnCe(lab: Lab, path: string, content: string, mode = '755'): Promise<void> {
  const b64 = Buffer.from(content, 'utf8').toString('base64').replace(/(.{76})/g, '$1\n');
  const r = await lab.exec(`base64 -d >${path} <<'__PUT__'\n${b64}\n__PUT__\nchmod ${mode} ${path}`);
  if (r.exitCode !== 0) throw new Error(`could not write ${path} on the CE: ${r.output}`);
}
