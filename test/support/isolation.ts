/**
 * Every test file starts from a clean slate and leaves none behind (vitest `setupFiles` of every config).
 *
 * Before the file's own code runs, the file gets a temporary directory of its own (TMPDIR) and an app data dir
 * of its own (IPOE_DOCTOR_DATA_DIR: known SSH hosts, backups, journals), so no file ever sees another file's
 * trusted host keys or backups, and nothing lands in the real user's ~/.config. Every process the file starts
 * inherits a marker in its environment. After the file's own afterAll hooks:
 *   - a process still alive that carries the marker (or still descends from this worker) is a leak: it is
 *     killed, and the file fails naming it (a twin or server left running loads the machine and holds ports for
 *     every suite after it);
 *   - in projects that run one file at a time: a network namespace or a network link that was not there before is
 *     a leak: removed, and the file fails;
 *   - the file's TMPDIR and data dir are removed.
 */
import { afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMarked, killAll, describeProcs, listLinks, listNetns, OWNER_ENV } from './leaks.js';

const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
const root = join(tmpdir(), `ipoe-test-${token}`);
const fileTmp = join(root, 'tmp');
const fileData = join(root, 'data');
mkdirSync(fileTmp, { recursive: true });
mkdirSync(fileData, { recursive: true, mode: 0o700 });
process.env[OWNER_ENV] = token;
process.env.TMPDIR = fileTmp;
process.env.IPOE_DOCTOR_DATA_DIR = fileData;

/**
 * Namespaces and links belong to no process, so a new one can only be blamed on this file when no other file runs
 * beside it: the projects that run files one at a time (integration, e2e, the lab) say so in their env.
 */
// IPOE_DOCTOR_NET_GUARD=off: for a developer running suites side by side, whose namespaces are not this file's.
const checkNet = process.env.IPOE_DOCTOR_FILES_SERIAL === '1' && process.env.IPOE_DOCTOR_NET_GUARD !== 'off';
const netnsBefore = new Set(checkNet ? listNetns() : []);
const linksBefore = new Set(checkNet ? listLinks() : []);

/** Tests name their namespaces and links `ipoe…`; only those are ever removed by this guard. */
const ours = (name: string): boolean => name.startsWith('ipoe');
const deletedNote = (names: string[]): string => (names.every(ours) ? 'now deleted' : 'those named ipoe… now deleted');

/** How long a process may take to exit after the file's own cleanup resolved (SIGTERM handlers, socat, qemu). */
const GRACE_MS = 8_000;

afterAll(async () => {
  const problems: string[] = [];
  let left = findMarked(token);
  const deadline = Date.now() + GRACE_MS;
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = findMarked(token);
  }
  if (left.length > 0) {
    problems.push(`processes still running after the file's own cleanup (now killed):\n${describeProcs(left)}`);
    killAll(left);
  }
  const newNetns = checkNet ? listNetns().filter((n) => !netnsBefore.has(n)) : [];
  // Only what carries the tests' own prefix is removed: a namespace or link of anyone else is reported, never touched.
  for (const ns of newNetns.filter(ours)) {
    try {
      execFileSync('ip', ['netns', 'delete', ns], { stdio: 'ignore' });
    } catch {
      /* reported below either way */
    }
  }
  if (newNetns.length) problems.push(`network namespaces left behind (${deletedNote(newNetns)}): ${newNetns.join(', ')}`);
  const newLinks = checkNet ? listLinks().filter((l) => !linksBefore.has(l)) : [];
  for (const l of newLinks.filter(ours)) {
    try {
      execFileSync('ip', ['link', 'delete', l], { stdio: 'ignore' });
    } catch {
      /* reported below either way */
    }
  }
  if (newLinks.length) problems.push(`network links left behind in the root namespace (${deletedNote(newLinks)}): ${newLinks.join(', ')}`);
  rmSync(root, { recursive: true, force: true });
  if (problems.length) throw new Error(`test isolation: this file left things behind\n${problems.join('\n')}`);
}, GRACE_MS + 30_000);
