/**
 * The real parts the suites talk to (Chromium, socat, sshd, nft, qemu, telnetd …). Outside CI a missing part
 * skips its suite and says which package brings it; under `CI=true` a missing part is a failure, never a silent
 * skip: `.ci/run` installs every one of them, so a missing one means the run proves less than it claims.
 *
 *   describe.skipIf(missing('socat', socatAvailable()))('…', () => { … });
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each part and the Debian package(s) that bring it (what the message tells a person to install). */
export const REAL_PARTS = {
  chromium: 'chromium',
  socat: 'socat',
  sshd: 'openssh-server openssh-client',
  nft: 'nftables',
  unshare: 'util-linux',
  qemu: 'qemu-system-x86 busybox-static dropbear-bin cpio kmod',
  'systemd-analyze': 'systemd',
  'network namespaces': 'iproute2 (and root)',
  dnsmasq: 'dnsmasq-base',
  rdisc6: 'ndisc6',
  openssl: 'openssl',
  'DNS clients': 'bind9-dnsutils bind9-host busybox-static',
  /** busybox's telnetd (busybox-static has it); inetutils-telnetd would do as well. */
  telnetd: 'busybox-static',
  telnet: 'telnet',
  expect: 'expect',
} as const;
export type RealPart = keyof typeof REAL_PARTS;

export class MissingRealPart extends Error {
  constructor(part: RealPart, detail?: string) {
    super(
      `${part} is missing${detail ? ` (${detail})` : ''}: under CI=true every real part must be present. ` +
        `Install it with: apt-get install ${REAL_PARTS[part]} (.ci/run does this).`,
    );
    this.name = 'MissingRealPart';
  }
}

export const inCi = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? '');

/**
 * True when the suite must be skipped (part missing, not in CI; the reason is printed). Under CI=true a missing
 * part throws, which fails the test file at collection.
 */
export function missing(part: RealPart, available: boolean, detail?: string): boolean {
  if (available) return false;
  if (inCi()) throw new MissingRealPart(part, detail);
  console.warn(`[real parts] skipping: ${new MissingRealPart(part, detail).message.replace(/ under CI=true.*?present\./, '')}`);
  return true;
}

/** A command that runs (exit 0) with the given arguments. */
export function commandWorks(cmd: string, args: readonly string[] = ['--version']): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export const fileExists = (path: string): boolean => existsSync(path);
