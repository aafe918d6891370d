/** A shell command for a test, with its exit code and output (stdout + stderr), never throwing. */
import { execFileSync } from 'node:child_process';
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
