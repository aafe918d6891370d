// Issue 16: at a real router's size, over a real pty (socat) at 9600 bit/s, side by side in one run:
// - `ipoe-doctor diagnose --serial` against the naive full read (bench/peers/naive-full-read.ts), bytes and seconds each,
//   on busy-office-rtx1300 (targets: diagnosis ≤ 0.25× the naive read's time, BR_ADDRESS_WRONG and
//   IPV4_FILTER_LAN_MISMATCH found with evidence);
// - `ipoe-doctor fix --serial` from connect to a verified, saved fix (target ≤ 20 s on busy-office-rtx1300, and no
//   slower than the 22.6 s measured before on fixed-ip-br-typo).
// Times run from the moment each peer starts to connect (the CLI says `[connect]`), so Node's start-up is left
// out on both sides; the CLI's whole process time is printed too. Every run gets a fresh twin.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../main/simulator/host/scenario-files.js';
import { socatAvailable, startPtyTwin, type PtyTwin } from '../test/support/socat.js';
import { repoRoot } from '../test/support/web-process.js';
import { naiveFullRead } from './peers/naive-full-read.js';

interface Run {
  what: string;
  bytes: number;
  /** From connect to the end (diagnose: exit; fix: saved). */
  seconds: number;
  processSeconds: number;
  detail: string;
}

const work = mkdtempSync(join(tmpdir(), 'ipoe-bench-'));
let twins = 0;

async function withTwin<T>(scenario: string, use: (t: PtyTwin, statsFile: string) => Promise<T>): Promise<T> {
  const stats = join(work, `twin-${++twins}.json`);
  process.env.IPOE_DOCTOR_SIMULATE_STATS = stats;
  const t = await startPtyTwin(scenario, [], join(work, `rtx-${twins}`));
  try {
    return await use(t, stats);
  } finally {
    await t.kill();
  }
}

/** Bytes the twin put on the line, once its count has settled. */
async function bytesSent(statsFile: string): Promise<number> {
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const now = existsSync(statsFile) ? (JSON.parse(readFileSync(statsFile, 'utf8')) as { bytesOut: number }).bytesOut : 0;
    if (now === last) return now;
    last = now;
  }
}

function runCli(args: string[], scenario: string): Promise<{ code: number; stdout: string; marks: Map<string, number>; seconds: number }> {
  const c = loadScenario(scenario).console;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const marks = new Map<string, number>();
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), ...args, ...(c.loginUser ? ['--user', c.loginUser] : [])], {
      cwd: repoRoot,
      env: {
        ...process.env,
        IPOE_DOCTOR_FROM_SOURCE: '1',
        IPOE_DOCTOR_PASSWORD: c.loginPassword,
        IPOE_DOCTOR_ADMIN_PASSWORD: c.adminPassword,
        IPOE_DOCTOR_DATA_DIR: join(work, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const m of d.toString().matchAll(/^\[([a-z]+)\]$/gm)) if (!marks.has(m[1]!)) marks.set(m[1]!, performance.now());
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      marks.set('exit', performance.now());
      if (code !== 0 && code !== 1) return reject(new Error(`ipoe-doctor ${args[0]} exited ${code}: ${stderr}`));
      resolve({ code: code ?? -1, stdout, marks, seconds: (performance.now() - started) / 1000 });
    });
  });
}

const since = (marks: Map<string, number>, from: string, to: string): number => ((marks.get(to) ?? NaN) - (marks.get(from) ?? NaN)) / 1000;

async function naive(scenario: string): Promise<Run> {
  const c = loadScenario(scenario).console;
  return withTwin(scenario, async (t) => {
    const r = await naiveFullRead(t.path, { ...(c.loginUser ? { username: c.loginUser } : {}), password: c.loginPassword, adminPassword: c.adminPassword });
    const log = r.commands.find((x) => x.command === 'show log');
    return { what: 'naive full read', bytes: r.bytes, seconds: r.seconds, processSeconds: r.seconds, detail: `${r.commands.length} commands; show log alone ${log?.bytes} B in ${log?.seconds.toFixed(1)} s` };
  });
}

interface JsonDiagnosis {
  findings: { code: string; evidence: { command: string; lines: number[] }[] }[];
}

async function diagnoseRun(scenario: string): Promise<Run & { findings: JsonDiagnosis['findings'] }> {
  return withTwin(scenario, async (t, stats) => {
    const r = await runCli(['diagnose', '--serial', t.path, '--json'], scenario);
    const out = JSON.parse(r.stdout) as JsonDiagnosis;
    return {
      what: 'ipoe-doctor diagnose --serial',
      bytes: await bytesSent(stats),
      seconds: since(r.marks, 'connect', 'exit'),
      processSeconds: r.seconds,
      detail: out.findings.map((f) => f.code).join(', '),
      findings: out.findings,
    };
  });
}

async function fixRun(scenario: string): Promise<Run & { status: string }> {
  return withTwin(scenario, async (t, stats) => {
    const r = await runCli(['fix', '--serial', t.path, '--yes', '--json'], scenario);
    const out = JSON.parse(r.stdout) as { outcome: { status: string; checks: { passed: boolean }[] } | null };
    return {
      what: 'ipoe-doctor fix --serial',
      bytes: await bytesSent(stats),
      seconds: since(r.marks, 'connect', 'done'),
      processSeconds: r.seconds,
      detail: `outcome ${out.outcome?.status ?? 'none'}, checks ${out.outcome?.checks.map((c) => (c.passed ? 'passed' : 'FAILED')).join(', ') ?? '-'}`,
      status: out.outcome?.status ?? 'none',
    };
  });
}

function row(r: Run): string {
  return `  ${r.what.padEnd(32)} ${String(r.bytes).padStart(8)} B ${r.seconds.toFixed(1).padStart(7)} s  (process ${r.processSeconds.toFixed(1)} s)  ${r.detail}`;
}

if (!socatAvailable()) {
  console.log('busy office at 9600 bit/s: skipped (socat is missing: apt-get install socat)');
} else {
  const verdict = (ok: boolean): string => (ok ? 'OK' : 'OVER TARGET');
  let failed = false;
  for (const scenario of ['busy-office-rtx1300', 'fixed-ip-br-typo']) {
    console.log(`\n${scenario} over a pty at 9600 bit/s`);
    const n = await naive(scenario);
    console.log(row(n));
    const d = await diagnoseRun(scenario);
    console.log(row(d));
    const f = await fixRun(scenario);
    console.log(row(f));
    const ratio = d.seconds / n.seconds;
    console.log(`  diagnose / naive read        ${ratio.toFixed(3)} of the time, ${(d.bytes / n.bytes).toFixed(3)} of the bytes`);
    if (scenario === 'busy-office-rtx1300') {
      const withEvidence = (code: string) => d.findings.some((x) => x.code === code && x.evidence.some((e) => e.lines.length > 0));
      const found = withEvidence('BR_ADDRESS_WRONG') && withEvidence('IPV4_FILTER_LAN_MISMATCH');
      console.log(`  target: diagnose ≤ 0.25× naive         ${verdict(ratio <= 0.25)}`);
      console.log(`  target: BR_ADDRESS_WRONG and IPV4_FILTER_LAN_MISMATCH with evidence  ${found ? 'OK' : 'MISSING'}`);
      console.log(`  target: fix connect → saved ≤ 20 s     ${verdict(f.seconds <= 20 && f.status === 'saved')}`);
      failed ||= ratio > 0.25 || !found || f.seconds > 20 || f.status !== 'saved';
    } else {
      console.log(`  target: fix connect → saved ≤ 22.6 s   ${verdict(f.seconds <= 22.6 && f.status === 'saved')}`);
      failed ||= f.seconds > 22.6 || f.status !== 'saved';
    }
  }
  if (failed) process.exitCode = 1;
}
