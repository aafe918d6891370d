/**
 * The provider lab for the Linux CE mode (issue 7): one qemu VM (TCG, no KVM needed) whose root network
 * namespace is the CE the app configures over SSH, surrounded by an NGN router, a strict BR, an IPv4
 * "Internet" host, a fixed-IP update server and a LAN host (network namespaces; see README.md).
 *
 *   const lab = await startLab({ service: 'biglobe' });
 *   await lab.exec('ip -6 tunnel show');            // on the CE, over the project's SSH transport
 *   await lab.vmExec('lan', 'ping -c1 198.51.100.10');
 *   await lab.brCounters();                          // { dstopt_drop: {packets, bytes}, … }
 *   await lab.stop();
 *
 * MAP-E parameters come from the project's own calculator (`ipoe-doctor calc … --json`), checked here
 * against an independent RFC 7597 port-set computation, and are handed to the VM on the kernel command line.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Address6 } from 'ip-address';
import { openSsh } from '../../main/transports/ssh-transport.js';
import { freePort } from '../support/net.js';
import { KnownHosts } from '../../main/transports/known-hosts.js';
import { LinuxShellSession, type ShellResult } from '../../main/devices/linux-shell-session.js';
import { parseAnswer, provisionedMapE } from '../../shared/provisioning/index.js';
import type { ServiceId } from '../../shared/services/index.js';
import { consoleForFailure, kernelTrouble } from './kernel-trouble.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const labCache = join(repoRoot, '.lab-cache');
/** Every lab VM's console, kept after the run (`.tmp` is the run's own output directory, ignored by git). */
export const consoleDir = join(repoRoot, '.tmp', 'lab-console');
const buildScript = join(repoRoot, 'test', 'lab', 'build-lab.sh');
const pExecFile = promisify(execFile);

export type LabService = 'biglobe' | 'v6plus' | 'ocn' | 'v6plus-fixed' | 'transix' | 'xpass' | 'v6connect';
export type CeState = 'clean' | 'field-003';
export type LabNamespace = 'ce' | 'lan' | 'ngn' | 'br' | 'inet' | 'update';

/** The line each service's lab uses (the user's /56 as the NGN delegates it). */
export const LAB_PREFIXES: Record<LabService, string> = {
  biglobe: '2404:7a82:4d02:4100::/56', // field report 003
  v6plus: '240b:13:1a65:a100::/56', // ipoe-domain §1.4
  ocn: '2400:4050:5c71:9a00::/56',
  'v6plus-fixed': '240b:11:b901:1800::/56',
  // DS-Lite lines (no MAP rule covers them).
  transix: '2409:10:aa00:100::/56',
  xpass: '2409:11:bb00:200::/56',
  v6connect: '2409:12:cc00:300::/56',
};

/** The app's service id for each lab service. */
export const LAB_APP_SERVICE: Record<LabService, ServiceId> = {
  biglobe: 'biglobe', v6plus: 'v6plus', ocn: 'ocn-vc', 'v6plus-fixed': 'v6plus-fixed', transix: 'transix-dslite', xpass: 'xpass', v6connect: 'v6connect',
};

/**
 * DS-Lite: the AFTR of each line at a lab address that is in no catalog. The line's DNS (vm/line-dns.sh) answers the
 * service's AFTR name with it, so a tunnel that works proves the address came from DNS.
 */
export const LAB_AFTR: Record<'transix' | 'xpass' | 'v6connect', { name: string; address: string }> = {
  transix: { name: 'gw.transix.jp', address: '2001:db8:af7e::1' },
  xpass: { name: 'dgw.xpass.jp', address: '2001:db8:af7e::2' },
  v6connect: { name: 'dslite.v6connect.net', address: '2001:db8:af7e::3' },
};

/** The line's DNS server and the provisioning server inside the lab (see vm/topology.sh, vm/line-dns.sh). */
export const LAB_LINE = { dns: '2001:db8:53::53', provisioning: 'https://prov.lab/cpe/v1/config', provAddress: '2001:db8:f00d::443' } as const;

/** v6plus fixed IP: the "notice" of the lab's contract (ipoe-domain §3.1). */
export const LAB_FIXED = { ipv4: '203.0.113.10', interfaceId: '::cb:71:a00:0', br: '2404:9200:225:100::65' } as const;

/** The update ("再設定") server inside the lab; /etc/hosts in the VM maps the real names to it. */
/** A non-root login on the CE whose sudo asks for a password (sudoers: `ceadmin ALL=(ALL:ALL) ALL`). */
export const LAB_SUDO = { user: 'ceadmin', password: 'lab-Sudo-2718' } as const;

export const LAB_UPDATE = {
  address: '2001:db8:f00d::80',
  hosts: ['fcs.enabler.ne.jp', 'update.transix.jp', 'update.lab'],
  user: 'lab-user',
  pass: 'lab-pass-7Qx',
} as const;

/** Fixed facts of the topology (see README.md). */
export const LAB_TOPOLOGY = {
  wanIf: 'eth1',
  lanIf: 'eth2',
  mgmtIf: 'eth0',
  /** The NGN's router on the WAN link: the only way to the BR (nothing off-link is reachable without it). */
  ngnGateway: 'fe80::1',
  /** The CE WAN's own link-local (MAC 52:54:00:12:34:01). */
  ceWanLinkLocal: 'fe80::5054:ff:fe12:3401',
  ceLan: '192.168.1.1/24',
  lanHost: '192.168.1.10',
  inetHost: '198.51.100.10',
  brInetSide: '198.51.100.1',
  /** Hold-open TCP servers on the inet host (each accepts thousands of connections). */
  tcpPorts: [9000, 9001, 9002, 9003, 9004, 9005],
  udpEchoPort: 7,
  /** Full paths inside the VM (Debian's binaries; `sh` is dash, the login shell bash, the rest busybox). */
  ipPath: '/usr/sbin/ip',
  nftPath: '/usr/sbin/nft',
} as const;

export interface LabParams {
  service: LabService;
  mode: 'mape' | 'fixed' | 'dslite';
  provider: string;
  /** The delegated /56 and its first /64 (the one on the WAN link). */
  prefix: string;
  prefix64: string;
  /** The CE's ordinary (SLAAC-like) address on eth1. */
  wanAddress: string;
  /** The tunnel source the BR expects (MAP-E CE address, or /64 + the fixed-IP interface ID). */
  ceAddress: string;
  ipv4: string;
  br: string;
  psid: number | null;
  psidLength: number | null;
  psidOffset: number | null;
  /** MAP-E port blocks [start, end] (empty for fixed IP). */
  portRanges: Array<[number, number]>;
  ports: number;
}

interface CalcJson {
  provider: string;
  ipv4: string;
  psid: number;
  psidLength: number;
  psidOffset: number;
  ports: number;
  portRanges: Array<[number, number]>;
  ceAddress: string;
  br: string;
}

function runCalc(args: string[]): unknown {
  const out = execFileSync(process.execPath, [join(repoRoot, 'bin', 'ipoe-doctor.mjs'), 'calc', ...args, '--json'], {
    cwd: repoRoot,
    env: { ...process.env, IPOE_DOCTOR_FROM_SOURCE: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}

/** RFC 7597 §5.1 port set, computed here independently of the project's calculator. */
export function rfcPortRanges(psid: number, psidLength: number, offset: number): Array<[number, number]> {
  const m = 16 - offset - psidLength;
  const out: Array<[number, number]> = [];
  for (let a = 1; a < 2 ** offset; a++) {
    const start = (a << (16 - offset)) | (psid << m);
    out.push([start, start + 2 ** m - 1]);
  }
  return out;
}

function firstSlash64(prefix: string): { net: bigint; text: string } {
  const a = new Address6(prefix);
  const net = a.startAddress().bigInt() & ~((1n << 64n) - 1n);
  return { net, text: `${Address6.fromBigInt(net).correctForm()}/64` };
}

/**
 * Everything the VM needs for a service, from `ipoe-doctor calc` (run on the host); with a provisioning answer
 * (HB46PP) that carries MAP-E rules, from the provider's rule instead, as the BR of such a line would use it.
 */
export function labParams(service: LabService, answer?: object | null, prefixOverride?: string): LabParams {
  const prefix = prefixOverride ?? LAB_PREFIXES[service];
  const p64 = firstSlash64(prefix);
  const wanAddress = Address6.fromBigInt(p64.net | 0x5054_00ff_fe12_3401n).correctForm();
  if (service === 'transix' || service === 'xpass' || service === 'v6connect') {
    // The B4 sources from its WAN address; the AFTR translates 192.0.0.2.
    return {
      service, mode: 'dslite', provider: service, prefix, prefix64: p64.text, wanAddress, ceAddress: wanAddress, ipv4: '192.0.0.2', br: LAB_AFTR[service].address,
      psid: null, psidLength: null, psidOffset: null, portRanges: [], ports: 65536,
    };
  }
  const provided = answer && 'map_e' in answer ? provisionedMapE(parseAnswer(JSON.stringify(answer)), prefix) : null;
  if (provided) {
    const independent = rfcPortRanges(provided.psid, provided.psidLength, provided.psidOffset);
    if (JSON.stringify(independent) !== JSON.stringify(provided.portRanges)) throw new Error(`the provider rule's port ranges differ from RFC 7597 for ${prefix}`);
    return {
      service, mode: 'mape', provider: 'provider rule (HB46PP)', prefix, prefix64: p64.text, wanAddress, ceAddress: provided.ceAddress, ipv4: provided.ipv4, br: provided.br!,
      psid: provided.psid, psidLength: provided.psidLength, psidOffset: provided.psidOffset, portRanges: provided.portRanges, ports: provided.ports,
    };
  }
  if (service === 'v6plus-fixed') {
    const f = runCalc([prefix, '--fixed-iid', LAB_FIXED.interfaceId, '--fixed-ipv4', LAB_FIXED.ipv4]) as { ceAddress: string; interfaceIdMatches: boolean };
    if (!f.interfaceIdMatches) throw new Error(`calc says ${LAB_FIXED.interfaceId} does not embed ${LAB_FIXED.ipv4}`);
    return {
      service, mode: 'fixed', provider: 'v6plus fixed IP', prefix, prefix64: p64.text, wanAddress, ceAddress: f.ceAddress,
      ipv4: LAB_FIXED.ipv4, br: LAB_FIXED.br, psid: null, psidLength: null, psidOffset: null, portRanges: [], ports: 65536,
    };
  }
  const c = runCalc([prefix]) as CalcJson;
  const independent = rfcPortRanges(c.psid, c.psidLength, c.psidOffset);
  if (JSON.stringify(independent) !== JSON.stringify(c.portRanges)) {
    throw new Error(`calc's port ranges for ${prefix} differ from RFC 7597: ${JSON.stringify(c.portRanges.slice(0, 3))}… vs ${JSON.stringify(independent.slice(0, 3))}…`);
  }
  return {
    service, mode: 'mape', provider: c.provider, prefix, prefix64: p64.text, wanAddress, ceAddress: c.ceAddress, ipv4: c.ipv4, br: c.br,
    psid: c.psid, psidLength: c.psidLength, psidOffset: c.psidOffset, portRanges: c.portRanges, ports: c.ports,
  };
}

/** Runs build-lab.sh (idempotent: a few seconds when nothing changed). */
export async function buildLab(opts: { force?: boolean } = {}): Promise<void> {
  try {
    await pExecFile('bash', [buildScript, ...(opts.force ? ['--force'] : [])], { cwd: repoRoot, maxBuffer: 16 << 20, timeout: 600_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`build-lab.sh failed: ${e.message}\n${e.stderr ?? ''}`, { cause: err });
  }
}

/** Is the host able to run the lab at all (qemu installed, or installable by build-lab.sh as root)? */
export function labAvailable(): boolean {
  if (existsSync('/usr/bin/qemu-system-x86_64')) return true;
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}


/** Single-quote for sh. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export type Counters = Record<string, { packets: number; bytes: number }>;

export interface TcpManyResult {
  opened: number;
  failed: number;
  /** Extra attempts made in parallel after the first `count` (the over-the-limit probe). */
  extraOpened: number;
  extraFailed: number;
  ms: number;
}

export interface Lab {
  params: LabParams;
  state: CeState;
  host: '127.0.0.1';
  sshPort: number;
  user: 'root';
  privateKeyPath: string;
  /** ssh-ed25519 host key of the VM (stable across runs: it lives in .lab-cache/keys). */
  hostKeyFingerprint: string;
  /** Kernel console so far (boot, `[lab]` lines, dropbear). */
  consoleLog(): string;
  /** Milliseconds from qemu start until the topology was ready, and until SSH answered. */
  timings: { readyMs: number; sshMs: number };
  /**
   * How much slower this VM runs than on an idle 2-core machine (≥ 1), measured by its own boot. Under TCG the
   * guest runs only as fast as the host lets it: a command that takes 2 s idle takes 10 s beside a CPU hog.
   */
  slowness: number;
  /** A timeout for work that takes `idleMs` on an idle machine, scaled by the measured slowness. */
  scaled(idleMs: number): number;
  /** A shell command on the CE (the VM's root namespace), over openSsh + LinuxShellSession. */
  exec(cmd: string, opts?: { timeoutMs?: number }): Promise<ShellResult>;
  /** A command in one namespace (`ce` = the root namespace), run by bash there. */
  vmExec(ns: LabNamespace, cmd: string, opts?: { timeoutMs?: number }): Promise<ShellResult>;
  /** The strict BR's named counters (table inet br in namespace br). */
  brCounters(): Promise<Counters>;
  /** The NGN's counters: `unrouted` (sent to an address nothing answers for), `to_br`, `to_update`. */
  ngnCounters(): Promise<Counters>;
  /** HTTP GET from the LAN host to inet through the CE; the body names the source the Internet saw. */
  lanHttpGet(path?: string, timeoutSeconds?: number): Promise<{ ok: boolean; status: number | null; body: string; output: string }>;
  /** Opens `count` TCP connections from the LAN host to inet:port and keeps them open until closeTcp(). */
  openTcp(count: number, opts?: { port?: number; extra?: number; holdSeconds?: number }): Promise<TcpManyResult>;
  closeTcp(): Promise<void>;
  /** Established connections the inet host holds on a port: the IPv4 source and port the BR delivered. */
  inetPeers(port: number): Promise<Array<{ address: string; port: number }>>;
  /** HB46PP: what the provisioning server answers (see vm/hb46pp-handler.sh), its request log, and stopping it. */
  hb46pp: {
    mode(m: 'ok' | 'redirect' | 'loop' | '403' | '404' | 'empty' | 'authbad' | 'malformed' | 'slow'): Promise<void>;
    answer(json: object): Promise<void>;
    requests(): Promise<string>;
    stop(): Promise<void>;
  };
  /** The line's DNS: restart it, without the 4over6.info TXT record (NXDOMAIN) or with it. */
  lineDns(txt: boolean): Promise<void>;
  /** The update server's request log and the address it registered last. */
  updateLog(): Promise<string>;
  registered(): Promise<string>;
  /**
   * Fixed IP: waits until the BR's tunnel points at `address` (br-follow.sh applies each registration within a
   * few tenths of a second when idle, seconds on a loaded machine); throws if it never does.
   */
  brPeerIs(address: string): Promise<void>;
  /**
   * RA lab only: the NGN moves the line to another delegated prefix (vm/renumber.sh; dnsmasq announces the new /64
   * and deprecates the old). MAP-E: the BR then knows only the new CE (address, IPv4, ports, from the calculator as at
   * boot). Returns the new parameters (also in lab.params).
   */
  renumber(prefix: string): Promise<LabParams>;
  stop(): Promise<void>;
}

/**
 * Boot to LAB READY on an idle 2-core machine (measured: 6.9–8.4 s over 10 boots of every service); the ratio of a
 * boot to this is the VM's slowness. Timeouts derived from it follow the machine instead of guessing.
 */
export const IDLE_READY_MS = 8_000;

/**
 * One vCPU. Under TCG a 2-vCPU guest locked up for good on CI (stop 22: `ping` on CPU#1 and ksoftirqd/0 both stuck
 * for minutes, RCU starved; never on this machine in ~170 boots) — multi-vCPU emulation (cross-CPU interrupts,
 * MTTCG atomics) hangs on some hosts with `-cpu max -smp 2`, and one vCPU has none of it. Measured here: the
 * provider lab 137 s with one vCPU, 134–137 s with two. IPOE_DOCTOR_LAB_VCPUS overrides, for measuring.
 */
export const LAB_VCPUS = Number(process.env.IPOE_DOCTOR_LAB_VCPUS ?? 1);

export interface StartLabOptions {
  service: LabService;
  ceState?: CeState;
  /** Run build-lab.sh first (default true; it is quick when up to date). */
  build?: boolean;
  bootTimeoutMs?: number;
  memoryMb?: number;
  /** Trace the VM's topology script on the console (lab.consoleLog()). */
  debug?: boolean;
  /**
   * The NGN announces the prefix by RA and hands out the line's DNS by DHCPv6 (dnsmasq); the CE configures itself
   * (SLAAC, dhclient -6 -S). Default: on for DS-Lite lines, off for the others (their /64 is put on by hand).
   */
  ra?: boolean;
  /** The line's DHCPv6 search domain (flets-east.jp by default; flets-west.jp makes an NTT West line). */
  domain?: string;
  /** HB46PP: the provider's answer (JSON). Given: the line's DNS publishes the 4over6.info TXT record. */
  hb46pp?: object | null;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export async function startLab(opts: StartLabOptions): Promise<Lab> {
  const state = opts.ceState ?? 'clean';
  if (state === 'field-003' && opts.service === 'v6plus-fixed') throw new Error('field-003 is a MAP-E state; it has no fixed-IP form');
  if (opts.build !== false) await buildLab();
  const params = labParams(opts.service, opts.hb46pp);
  const ra = opts.ra ?? params.mode === 'dslite';
  const kernel = join(labCache, 'vmlinuz');
  const initrd = join(labCache, 'initramfs.img');
  const privateKeyPath = join(labCache, 'keys', 'id_ed25519');
  const hostKeyLine = readFileSync(join(labCache, 'keys', 'host_key.pub'), 'utf8').trim().split(/\s+/);
  const hostKeyFingerprint = `SHA256:${createHash('sha256').update(Buffer.from(hostKeyLine[1] ?? '', 'base64')).digest('base64').replace(/=+$/, '')}`;

  const cmdline = [
    'console=ttyS0', 'panic=-1', 'loglevel=4',
    `lab.service=${params.service}`, `lab.mode=${params.mode}`, `lab.state=${state}`,
    `lab.prefix=${params.prefix}`, `lab.prefix64=${params.prefix64}`, `lab.wan6=${params.wanAddress}`,
    `lab.ce=${params.ceAddress}`, `lab.ipv4=${params.ipv4}`, `lab.br=${params.br}`,
    ...(params.portRanges.length ? [`lab.ports=${params.portRanges.map(([a, b]) => `${a}-${b}`).join(',')}`] : []),
    `lab.upduser=${LAB_UPDATE.user}`, `lab.updpass=${LAB_UPDATE.pass}`, `lab.sudopass=${LAB_SUDO.password}`,
    ...(ra ? ['lab.ra=1'] : []), ...(opts.hb46pp ? ['lab.hb46pp=1'] : []), ...(opts.domain ? [`lab.domain=${opts.domain}`] : []),
    ...(opts.debug ? ['lab.debug=1'] : []),
  ].join(' ');
  if (cmdline.length > 2000) throw new Error(`kernel command line too long (${cmdline.length})`);

  const sshPort = await freePort();
  const started = Date.now();
  const qemu = spawn(
    'qemu-system-x86_64',
    [
      '-accel', 'tcg', '-cpu', 'max', '-smp', String(LAB_VCPUS), '-m', String(opts.memoryMb ?? 512), '-nographic', '-no-reboot',
      '-kernel', kernel, '-initrd', initrd, '-append', cmdline,
      // restrict=on: the guest reaches nothing outside; only the SSH port forward comes in.
      '-netdev', `user,id=n0,restrict=on,ipv6=off,hostfwd=tcp:127.0.0.1:${sshPort}-:22`,
      '-device', 'virtio-net-pci,netdev=n0',
      '-device', 'virtio-rng-pci',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(qemu);
  let consoleText = '';
  let exited: string | null = null;
  qemu.stdout!.on('data', (d: Buffer) => (consoleText += d.toString('utf8')));
  qemu.stderr!.on('data', (d: Buffer) => (consoleText += d.toString('utf8')));
  const exitedP = new Promise<void>((resolve) =>
    qemu.once('exit', (code, sig) => {
      exited = `qemu exited (${code ?? sig})`;
      running.delete(qemu);
      resolve();
    }),
  );
  const kill = async () => {
    if (exited) return;
    qemu.kill('SIGTERM');
    const t = setTimeout(() => qemu.kill('SIGKILL'), 3000);
    await exitedP;
    clearTimeout(t);
  };
  const tail = () => consoleForFailure(consoleText, 40);

  try {
    await new Promise<void>((resolve, reject) => {
      // Nothing waits on this but a failure: generous, since a loaded machine boots the VM 4–5× slower.
      const deadline = Date.now() + (opts.bootTimeoutMs ?? 240_000);
      const poll = setInterval(() => {
        if (consoleText.includes('LAB READY')) done();
        else if (consoleText.includes('LAB FAILED')) done(new Error(`the lab topology failed:\n${tail()}`));
        else if (exited) done(new Error(`${exited} before the lab was ready:\n${tail()}`));
        else if (Date.now() > deadline) done(new Error(`the lab was not ready in time:\n${tail()}`));
      }, 100);
      const done = (err?: Error) => {
        clearInterval(poll);
        if (err) reject(err);
        else resolve();
      };
    });
  } catch (err) {
    await kill();
    throw err;
  }
  const readyMs = Date.now() - started;
  const slowness = Math.max(1, readyMs / IDLE_READY_MS);
  const scaled = (idleMs: number) => Math.round(idleMs * slowness);

  const khDir = mkdtempSync(join(tmpdir(), 'ipoe-lab-kh-'));
  const knownHosts = new KnownHosts(join(khDir, 'known_hosts.json'));
  let transport;
  try {
    transport = await openSsh({
      host: '127.0.0.1',
      port: sshPort,
      username: 'root',
      privateKey: readFileSync(privateKeyPath),
      knownHosts,
      confirmHostKey: async (info) => info.fingerprint === hostKeyFingerprint,
      readyTimeoutMs: scaled(30_000),
    });
  } catch (err) {
    await kill();
    throw err;
  }
  const sshMs = Date.now() - started;
  const session = new LinuxShellSession(transport);
  // Make the PTY shell machine-friendly: no line editing, no echo, no CR before LF, no prompts.
  await transport.write("set +o emacs +o vi 2>/dev/null; stty -echo -onlcr; PS1=''; PS2=''; unset PROMPT_COMMAND\n");
  await new Promise((r) => setTimeout(r, 300));
  await session.run('true', { timeoutMs: scaled(20_000) });

  let queue: Promise<unknown> = Promise.resolve();
  const exec = (cmd: string, o: { timeoutMs?: number } = {}): Promise<ShellResult> => {
    const next = queue
      .then(() => session.run(cmd, { timeoutMs: o.timeoutMs ?? scaled(60_000) }))
      .catch((err: unknown) => {
        // A command that never answered: if the guest kernel hung, that is the news, with its report.
        const report = kernelTrouble(consoleText);
        throw report ? new Error(`${err instanceof Error ? err.message : String(err)}\n[lab] the VM's kernel reported trouble:\n${report}`) : err;
      });
    queue = next.catch(() => undefined);
    return next;
  };
  const vmExec = (ns: LabNamespace, cmd: string, o: { timeoutMs?: number } = {}) =>
    exec(ns === 'ce' ? cmd : `ip netns exec ${ns} bash -c ${shq(cmd)}`, o);
  const counters = async (ns: 'br' | 'ngn'): Promise<Counters> => {
    const r = await vmExec(ns, `nft -j list counters table inet ${ns}`);
    if (r.exitCode !== 0) throw new Error(`nft list counters in ${ns} failed: ${r.output}`);
    const json = JSON.parse(r.output.slice(r.output.indexOf('{'))) as { nftables: Array<{ counter?: { name: string; packets: number; bytes: number } }> };
    const out: Counters = {};
    for (const o of json.nftables) if (o.counter) out[o.counter.name] = { packets: o.counter.packets, bytes: o.counter.bytes };
    return out;
  };
  const tcpOut = '/tmp/lab-tcp-many.out';
  const tcpPid = '/tmp/lab-tcp-many.pid';

  const lab: Lab = {
    params,
    state,
    host: '127.0.0.1',
    sshPort,
    user: 'root',
    privateKeyPath,
    hostKeyFingerprint,
    consoleLog: () => consoleText,
    timings: { readyMs, sshMs },
    slowness,
    scaled,
    exec,
    vmExec,
    brCounters: () => counters('br'),
    ngnCounters: () => counters('ngn'),
    async lanHttpGet(path = '/', timeoutSeconds = 8) {
      const req = `GET ${path} HTTP/1.0\\r\\nHost: ${LAB_TOPOLOGY.inetHost}\\r\\n\\r\\n`;
      const r = await vmExec('lan', `printf '${req}' | socat -t ${timeoutSeconds} -T ${timeoutSeconds} - TCP4:${LAB_TOPOLOGY.inetHost}:80,connect-timeout=${timeoutSeconds}`, {
        timeoutMs: scaled((timeoutSeconds + 10) * 1000),
      });
      const m = /^HTTP\/1\.[01] (\d{3})/m.exec(r.output);
      const body = r.output.split(/\r?\n\r?\n/).slice(1).join('\n\n').trim();
      return { ok: r.exitCode === 0 && m?.[1] === '200', status: m ? Number(m[1]) : null, body, output: r.output };
    },
    async openTcp(count, o = {}) {
      const port = o.port ?? LAB_TOPOLOGY.tcpPorts[0];
      const hold = o.holdSeconds ?? 600;
      await vmExec('lan', `rm -f ${tcpOut}; /lab/tcp-many.sh ${count} ${LAB_TOPOLOGY.inetHost} ${port} ${hold} ${tcpPid} ${o.extra ?? 0} >${tcpOut} 2>&1 &`);
      const deadline = Date.now() + scaled(60_000 + count * 200 + (o.extra ?? 0) * 4000);
      for (;;) {
        const r = await exec(`cat ${tcpOut} 2>/dev/null`);
        const m = /tcp-many opened=(\d+) failed=(\d+) extra_opened=(\d+) extra_failed=(\d+) ms=(\d+)/.exec(r.output);
        if (m) return { opened: Number(m[1]), failed: Number(m[2]), extraOpened: Number(m[3]), extraFailed: Number(m[4]), ms: Number(m[5]) };
        if (Date.now() > deadline) throw new Error(`tcp-many did not finish: ${r.output}`);
        await new Promise((res) => setTimeout(res, 500));
      }
    },
    async closeTcp() {
      await exec(`[ -f ${tcpPid} ] && kill $(cat ${tcpPid}) 2>/dev/null; rm -f ${tcpPid}; true`);
    },
    async inetPeers(port) {
      const r = await vmExec('inet', 'cat /proc/net/tcp');
      const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
      const peers: Array<{ address: string; port: number }> = [];
      for (const line of r.output.split('\n')) {
        const f = line.trim().split(/\s+/);
        if (f.length < 4 || f[3] !== '01' || !f[1]?.endsWith(`:${hexPort}`)) continue;
        const [addrHex, portHex] = (f[2] ?? '').split(':');
        const n = parseInt(addrHex ?? '0', 16);
        peers.push({ address: [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.'), port: parseInt(portHex ?? '0', 16) });
      }
      return peers;
    },
    hb46pp: {
      mode: async (m) => void (await exec(`echo ${m} >/run/lab/hb46pp/mode`)),
      answer: async (json) => void (await exec(`cat >/run/lab/hb46pp/answer.json <<'__HB46PP__'\n${JSON.stringify(json)}\n__HB46PP__`)),
      requests: async () => (await exec('cat /run/lab/hb46pp/requests.log')).output,
      stop: async () => void (await exec('kill $(cat /run/lab/hb46pp/pid) 2>/dev/null; for i in $(seq 100); do ip netns exec update grep -q ":01BB " /proc/net/tcp6 || break; sleep 0.05; done')),
    },
    async lineDns(txt) {
      const r = await exec(`/lab/line-dns.sh restart ${txt ? '' : 'without-txt'}`);
      if (r.exitCode !== 0) throw new Error(`line-dns.sh failed: ${r.output}`);
    },
    async updateLog() {
      return (await exec('cat /run/lab/update.log 2>/dev/null; true')).output;
    },
    async registered() {
      return (await exec('cat /run/lab/registered')).output.trim();
    },
    async brPeerIs(address) {
      const deadline = Date.now() + scaled(10_000);
      let shown = '';
      while (Date.now() < deadline) {
        shown = (await vmExec('br', 'ip -6 tunnel show cetun')).output;
        if (shown.includes(`remote ${address} `)) return;
        await new Promise((res) => setTimeout(res, 200));
      }
      throw new Error(`the BR's tunnel never pointed at ${address}: ${shown.trim()}`);
    },
    async renumber(prefix) {
      const next = labParams(opts.service, opts.hb46pp, prefix);
      const ports = next.portRanges.map(([a, b]) => `${a}-${b}`).join(',');
      const r = await exec(`/lab/renumber.sh ${next.prefix} ${next.prefix64} ${next.ceAddress} ${next.ipv4} ${ports}`);
      if (r.exitCode !== 0) throw new Error(`renumber.sh failed: ${r.output}`);
      lab.params = next;
      return next;
    },
    async stop() {
      // How the guest fared, for the kept console below (memory and load at the end of the file's tests).
      const health = await Promise.race([
        exec('head -n 3 /proc/meminfo; cat /proc/loadavg', { timeoutMs: 5_000 }).then((r) => r.output, (e: unknown) => `(no answer: ${String(e)})`),
        // (exec queues behind any command still running on the session, so its own timeout may not start yet)
        new Promise<string>((r) => setTimeout(() => r('(no answer within 6 s)'), 6_000).unref()),
      ]);
      consoleText += `\n[lab stop] ${health.trim().replace(/\n/g, ' | ')}\n`;
      await session.close().catch(() => undefined);
      await kill();
      rmSync(khDir, { recursive: true, force: true });
      // The VM's console outlives the file's TMPDIR: a lab test that failed is read afterwards with it (a guest
      // kernel's stall or oops is printed only there).
      mkdirSync(consoleDir, { recursive: true });
      // (The lab's own test passwords are on the kernel command line the console repeats: kept out all the same.)
      const kept = consoleText.split(LAB_UPDATE.pass).join('***').split(LAB_SUDO.password).join('***');
      writeFileSync(join(consoleDir, `${new Date(started).toISOString().replace(/[:.]/g, '-')}-${params.service}.log`), kept);
    },
  };
  if (opts.hb46pp) await lab.hb46pp.answer(opts.hb46pp);
  return lab;
}

/** For a person: `npx tsx test/lab/lab.ts biglobe [field-003]` boots a lab and prints how to reach it. */
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const service = (process.argv[2] ?? 'biglobe') as LabService;
  const ceState = (process.argv[3] ?? 'clean') as CeState;
  const lab = await startLab({ service, ceState });
  mkdirSync(join(labCache, 'runs'), { recursive: true });
  const info = join(labCache, 'runs', `lab-${lab.sshPort}.json`);
  writeFileSync(info, JSON.stringify({ sshPort: lab.sshPort, privateKeyPath: lab.privateKeyPath, params: lab.params, timings: lab.timings }, null, 2));
  console.log(`lab ${service} (${ceState}) ready in ${lab.timings.readyMs} ms; SSH answered at ${lab.timings.sshMs} ms`);
  console.log(`ssh -i ${lab.privateKeyPath} -p ${lab.sshPort} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null root@127.0.0.1`);
  console.log(JSON.stringify(lab.params, null, 2));
  console.log(`(details in ${info}; Ctrl-C stops the VM)`);
  const stop = () => void lab.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
