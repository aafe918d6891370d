/**
 * Finding what a test run left behind: processes that carry a marker in their environment (or still descend
 * from this process), network namespaces, and links. Linux only (/proc); elsewhere the lists are empty.
 * Plain JavaScript-compatible TypeScript so build/run-tests.mjs can use the same logic through leaks-cli.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Set per test file by test/support/isolation.ts. */
export const OWNER_ENV = 'IPOE_DOCTOR_TEST_OWNER';
/** Set per `npm test` run by build/run-tests.mjs. */
export const RUN_ENV = 'IPOE_DOCTOR_TEST_RUN';

export interface Proc {
  pid: number;
  ppid: number;
  cmd: string;
}

function readProc(pid: number): { ppid: number; cmd: string; environ: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: the fields after the last ')' are fixed.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (after[0] === 'Z') return null; // a zombie has exited; its parent just has not reaped it yet
    const ppid = Number(after[1]);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
    let environ = '';
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      /* not ours to read */
    }
    return { ppid, cmd, environ };
  } catch {
    return null;
  }
}

function allPids(): number[] {
  try {
    return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
}

/** This process and its ancestors: never leaks. */
function ancestry(): Set<number> {
  const out = new Set<number>([process.pid]);
  let pid = process.ppid;
  while (pid > 1 && !out.has(pid)) {
    out.add(pid);
    pid = readProc(pid)?.ppid ?? 1;
  }
  return out;
}

/**
 * Live processes whose environment carries `<envName>=<value>`, or (with `descendants`) that descend from this
 * process, excluding this process and its ancestors (and, without `descendants`, its own descendants).
 */
export function findMarked(value: string, envName = OWNER_ENV, opts: { descendants?: boolean } = { descendants: true }): Proc[] {
  const mine = ancestry();
  const needle = `${envName}=${value}\0`;
  const procs = new Map<number, { ppid: number; cmd: string; environ: string }>();
  for (const pid of allPids()) {
    const p = readProc(pid);
    if (p) procs.set(pid, p);
  }
  const isDescendant = (pid: number): boolean => {
    const seen = new Set<number>();
    let cur = procs.get(pid)?.ppid;
    while (cur !== undefined && cur > 1 && !seen.has(cur)) {
      if (cur === process.pid) return true;
      seen.add(cur);
      cur = procs.get(cur)?.ppid;
    }
    return false;
  };
  const out: Proc[] = [];
  for (const [pid, p] of procs) {
    if (mine.has(pid)) continue;
    if (opts.descendants && isDescendant(pid)) out.push({ pid, ppid: p.ppid, cmd: p.cmd });
    // Without `descendants` (the check after a whole suite) this process's own children are the checker's, never the
    // suite's: tsx's esbuild service inherits the marker, on a fresh machine where tsx has no transform cache yet.
    else if (p.environ.includes(needle) && !isDescendant(pid)) out.push({ pid, ppid: p.ppid, cmd: p.cmd });
  }
  return out;
}

export function describeProcs(procs: readonly Proc[]): string {
  return procs.map((p) => `  pid ${p.pid} (parent ${p.ppid}): ${p.cmd.slice(0, 300)}`).join('\n');
}

export function killAll(procs: readonly Proc[]): void {
  for (const p of procs) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function ipLines(args: string[]): string[] {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).split('\n');
  } catch {
    return [];
  }
}

export function listNetns(): string[] {
  return ipLines(['netns', 'list']).map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/** Link names in this (the root) namespace. */
export function listLinks(): string[] {
  return ipLines(['-o', 'link', 'show'])
    .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? '')
    .filter(Boolean);
}
