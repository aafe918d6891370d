/**
 * The isolation guard itself (test/support/isolation.ts, in every config's setupFiles): a file that leaves a
 * process or a network namespace behind fails, naming it, and what it left is removed; a file that cleans up
 * passes. Runs a real vitest over test/fixtures/isolation/*.leak.ts.
 */
import { describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/web-process.js';
import { missing } from '../support/real-parts.js';
import { listNetns } from '../support/leaks.js';

function runFixtures(files: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'test/fixtures/isolation/vitest.config.ts', ...files],
      { cwd: repoRoot, env: { ...process.env, FORCE_COLOR: '0', IPOE_DOCTOR_NET_GUARD: 'on', ...env }, timeout: 120_000, maxBuffer: 8 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}\n${stderr}` }),
    );
  });
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
});
