import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './web-process.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `ipoe-doctor …` from source as its own process, without blocking this one (a server the test runs in-process
 * keeps answering). `prefix` runs it under another command (`ip netns exec pc`), `nodeArgs` go to node itself.
 */
export function runCli(args: string[], opts: { env?: Record<string, string>; prefix?: string[]; nodeArgs?: string[]; timeoutMs?: number } = {}): Promise<CliRun> {
  const argv = [...(opts.nodeArgs ?? []), join(repoRoot, 'bin', 'ipoe-doctor.mjs'), ...args];
  const [cmd, ...rest] = opts.prefix?.length ? [...opts.prefix, process.execPath, ...argv] : [process.execPath, ...argv];
  return new Promise((resolve) => {
    execFile(
      cmd!,
      rest,
      { cwd: repoRoot, env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1', ...opts.env }, maxBuffer: 32 << 20, timeout: opts.timeoutMs ?? 180_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}
