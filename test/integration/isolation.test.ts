/**
 * The isolation guard itself (test/support/isolation.ts, in every config's setupFiles): a file that leaves a
 * process or a network namespace behind fails, naming it, and what it left is removed; a file that cleans up
 * passes. Runs a real vitest over test/fixtures/isolation/*.leak.ts.
 */
import { describe, expect, it } from 'vitest';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/web-process.js';
import { missing } from '../support/real-parts.js';
import { listNetns, RUN_ENV } from '../support/leaks.js';

/** Runs a command to its end: exit code and all its output. */
function run(cmd: string, args: string[], env: Record<string, string>, timeout: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, timeout, maxBuffer: 8 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}\n${stderr}` }),
    );
  });
}

function runFixtures(files: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
  return run(process.execPath, [vitest, 'run', '--config', 'test/fixtures/isolation/vitest.config.ts', ...files], { FORCE_COLOR: '0', IPOE_DOCTOR_NET_GUARD: 'on', ...env }, 120_000);
}

const running = (pattern: string) => {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

describe('test isolation guard', () => {
  it('fails a file that leaves a process running, names it, and kills it', async () => {
    const r = await runFixtures(['test/fixtures/isolation/process.leak.ts']);
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toContain('processes still running after the file');
    expect(r.out).toMatch(/sleep 4242/);
    expect(running('^sleep 4242$')).toBe(false);
  });

  it('passes a file that stops what it started, inside its own TMPDIR and data dir', async () => {
    const r = await runFixtures(['test/fixtures/isolation/clean.leak.ts']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/1 passed/);
  });

  const noNetns = missing('network namespaces', process.getuid?.() === 0 && execFileSync('ip', ['netns', 'list']).length >= 0);
  it.skipIf(noNetns)('fails a file that leaves a network namespace behind, and deletes it', async () => {
    const name = `t${process.pid}`;
    const r = await runFixtures(['test/fixtures/isolation/netns.leak.ts'], { LEAK_NAME: name });
    expect(r.code, r.out).not.toBe(0);
    expect(r.out).toContain(`network namespaces left behind (now deleted): ipoe-leak-${name}`);
    expect(listNetns()).not.toContain(`ipoe-leak-${name}`);
  });

  /** The check after a whole suite (build/run-tests.mjs → leaks-cli.ts under tsx), with a tsx cache of its own. */
  function suiteCheck(marker: string, emptyCache: string): Promise<{ code: number; out: string }> {
    return run(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'test', 'support', 'leaks-cli.ts'), marker], { [RUN_ENV]: marker, TMPDIR: emptyCache }, 60_000);
  }

  it("after a suite: a marked process still running fails the run and is killed; the checker's own processes never do", async () => {
    const run = `iso${process.pid}`;
    // A fresh machine: tsx has no transform cache, so it starts an esbuild service, which inherits the marker.
    const cache = mkdtempSync(join(tmpdir(), 'tsx-cache-'));
    try {
      const clean = await suiteCheck(run, cache);
      expect(clean.out).not.toContain('esbuild');
      expect(clean.code, clean.out).toBe(0);
      const survivor = spawn('sleep', ['4343'], { env: { ...process.env, [RUN_ENV]: run }, stdio: 'ignore' });
      const gone = new Promise((r) => survivor.once('exit', r));
      const leak = await suiteCheck(run, mkdtempSync(join(cache, 'again-')));
      expect(leak.code, leak.out).toBe(1);
      expect(leak.out).toMatch(/processes left running by the suite \(now killed\):\n {2}pid \d+ \(parent \d+\): sleep 4343/);
      expect(leak.out).not.toContain('esbuild');
      await gone;
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
