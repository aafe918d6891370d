/** A shell command for a test, with its exit code and output (stdout + stderr), never throwing. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTarget, type Target } from '../../main/datapath/target.js';
import { missing } from './real-parts.js';

export function sh(cmd: string, input?: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync('/bin/sh', ['-c', cmd], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/**
 * Whether a suite that needs its own network namespace and nft must be skipped (outside CI only: under CI=true a
 * missing part fails, see real-parts.ts).
 */
export function skipWithoutNetnsAndNft(): boolean {
  const isRoot = process.getuid?.() === 0;
  const canNetns = isRoot && sh('ip netns add ipoe-it-check && ip netns del ipoe-it-check').code === 0;
  return (
    missing('network namespaces', canNetns, isRoot ? 'ip netns add failed' : 'needs root') ||
    missing('nft', sh('command -v nft').code === 0) ||
    missing('unshare', sh('command -v unshare').code === 0)
  );
}

type NetnsShell = { target: Target; close(): Promise<void> };

/**
 * A datapath target (the product's local shell) whose shell runs in network namespace `ns`: `inner` is what runs
 * there (a plain `sh` by default), `prelude` shell lines before it (a PATH, say). `close()` ends the shell and
 * removes the script's directory.
 */
export async function shellInNetns(ns: string, opts: { inner?: string; prelude?: string } = {}): Promise<NetnsShell> {
  const dir = mkdtempSync(join(tmpdir(), 'ipoe-netns-shell-'));
  const shell = join(dir, 'shell');
  writeFileSync(shell, `#!/bin/sh\n${opts.prelude ?? ''}exec ip netns exec ${ns} ${opts.inner ?? 'sh'}\n`);
  chmodSync(shell, 0o755);
  const target = await openTarget({ kind: 'local', shell });
  return {
    target,
    async close() {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** shellInNetns in a namespace made for it; `close()` deletes the namespace too. */
export async function netnsTarget(ns: string, opts: { inner?: string; prelude?: string } = {}): Promise<NetnsShell> {
  sh(`ip netns add ${ns}`);
  const shell = await shellInNetns(ns, opts);
  return {
    target: shell.target,
    async close() {
      await shell.close();
      sh(`ip netns del ${ns}`);
    },
  };
}
