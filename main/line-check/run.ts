/**
 * The line check's effects, on this computer only: its own interfaces and routes (`ip -j`), the RA of its own
 * link (rdisc6, when installed), the line's DNS (the datapath's own `line_dns`), the AFTR names and the provider's
 * HB46PP record over that DNS (issue 14's client with its shell I/O), then ping6 to the BR/AFTR the line gave,
 * IPv4 to its gateway and to a well-known host named by the line's DNS, DF probes for the IPv4 path MTU and DNS
 * over IPv4 and IPv6. Nothing is scanned: every target comes from the line. Commands run through `execPrefix`
 * (`ip netns exec pc`), so the tests run the check inside a namespace they made.
 */
import { spawn } from 'node:child_process';
import { LINE_DNS_FUNCTIONS } from '../../shared/linux/datapath/line-dns.js';
import { shq } from '../../shared/linux/datapath/sh.js';
import { aftrNames } from '../../shared/line-check/identify.js';
import { endpointsToPing, judgeLine, type JudgeOptions, type LineCheckResult } from '../../shared/line-check/judge.js';
import { defaultRoute, globalIpv6, ipv4Nameservers, parsePing, parseRdisc6, pmtuHint } from '../../shared/line-check/parse.js';
import type { AftrLookup, LineBasics, LineObservation, LineProbes, PingResult, ProbeOutput } from '../../shared/line-check/types.js';
import { lookupProvisioning } from '../provisioning/hb46pp-client.js';
import { say } from '../../shared/i18n/message.js';
import { WizardStepError } from '../../shared/wizard/errors.js';
import { dnsQueryAnswer, shellProvisioningIo, type RunOnCe } from '../provisioning/io-shell.js';

/** The well-known host whose IPv4 address (asked over the line's DNS) the IPv4 and path-MTU probes aim at. */
export const IPV4_PROBE_NAME = 'www.nic.ad.jp';
/** Total IPv4 packet sizes tried with DF set, largest first (1500: plain Ethernet; 1460: an IPv4-over-IPv6 tunnel). */
export const PMTU_SIZES = [1500, 1460, 1454, 1440, 1420, 1400, 1280] as const;

export interface LineCheckOptions extends JudgeOptions {
  /** Put in front of every command, e.g. ['ip', 'netns', 'exec', 'pc']. */
  execPrefix?: readonly string[];
  onProgress?: (step: string) => void;
}

/** `sh -c` on this computer (behind the prefix), stdout and stderr together, never throwing. */
export function localRunner(prefix: readonly string[] = []): RunOnCe {
  return (command, opts) =>
    new Promise((resolve) => {
      const argv = [...prefix, '/bin/sh', '-c', command];
      const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), opts?.timeoutMs ?? 20_000);
      child.on('error', (err) => {
        clearTimeout(timer);
        resolve({ output: `${output}${err.message}\n`, exitCode: 127 });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ output, exitCode: code ?? 1 });
      });
    });
}

const FUNCTIONS = LINE_DNS_FUNCTIONS.join('\n');

export async function checkLine(opts: LineCheckOptions = {}): Promise<{ observation: LineObservation; result: LineCheckResult }> {
  const run = localRunner(opts.execPrefix ?? []);
  const outputs: ProbeOutput[] = [];
  const progress = opts.onProgress ?? (() => {});
  /** Runs and keeps `shown` (what a person would type) with the output, for evidence. */
  const probe = async (shown: string, command = shown, timeoutMs?: number) => {
    const r = await run(command, timeoutMs ? { timeoutMs } : undefined);
    outputs.push({ command: shown, output: r.output, exitCode: r.exitCode });
    return r;
  };

  progress('interfaces');
  const addr = await probe('ip -j -p addr show');
  // Without iproute2 (macOS, Windows) nothing here can be read: say so, never "no IPv6 on the line".
  if (addr.exitCode !== 0 && !addr.output.trim().startsWith('[')) {
    throw new WizardStepError('line-check-no-ip', say('linecheck.needsIp', { why: addr.output.trim().split('\n')[0] ?? `exit ${addr.exitCode}` }));
  }
  const route6 = defaultRoute((await probe('ip -j -6 route show default')).output);
  const route4 = defaultRoute((await probe('ip -j route show default')).output);
  const globals = addr.exitCode === 0 ? globalIpv6(addr.output) : [];
  const wan = route6?.dev ?? route4?.dev ?? globals[0]?.ifname ?? null;

  progress('line-dns');
  let rdnss: string[] = [];
  let raFrom: string | null = null;
  if (wan && globals.length) {
    const ra = await probe(`rdisc6 -1 -r 2 -w 1500 ${wan}`, `command -v rdisc6 >/dev/null 2>&1 && rdisc6 -1 -r 2 -w 1500 ${shq(wan)} || echo 'rdisc6 (ndisc6) is not installed'`);
    ({ rdnss, from: raFrom } = parseRdisc6(ra.output));
  }
  const known = wan ? (await probe(`line_dns ${wan}`, `${FUNCTIONS}\nline_dns ${shq(wan)}`)).output.split('\n').map((l) => l.trim()).filter((l) => l.includes(':')) : [];
  const lineDns = [...new Set([...rdnss, ...known])];
  const resolv = await probe('cat /etc/resolv.conf', 'cat /etc/resolv.conf 2>/dev/null; true');
  const ipv4Dns = ipv4Nameservers(resolv.output);
  if (ipv4Dns.length === 0 && route4?.gateway) ipv4Dns.push(route4.gateway);

  const query = async (type: 'A' | 'AAAA', name: string, server: string) => dnsQueryAnswer((await probe(`dns_query ${type} ${name} ${server}`, `${FUNCTIONS}\ndns_query ${type} ${shq(name)} ${shq(server)}`, 15_000)).output);

  progress('aftr');
  const aftr: AftrLookup[] = [];
  for (const { service, name } of lineDns.length ? aftrNames() : []) {
    let found: AftrLookup = { service, name, addresses: [], server: null };
    for (const server of lineDns) {
      const a = await query('AAAA', name, server);
      if (a.kind === 'answers') {
        found = { service, name, addresses: a.values.filter((v) => v.includes(':')), server };
        break;
      }
      if (a.kind !== 'fail') break;
    }
    aftr.push(found);
  }

  progress('provisioning');
  const provisioning = globals.length && wan ? await lookupProvisioning(shellProvisioningIo(run, wan, lineDns), { wan, timeoutMs: 5000 }) : null;

  const basics: LineBasics = { wan, globals, raRouter: route6?.gateway ?? raFrom, raLearned: route6?.protocol === 'ra', ipv4Gateway: route4?.gateway ?? null, lineDns, ipv4Dns, aftr, provisioning };

  progress('reachability');
  const pings: PingResult[] = [];
  const ping = async (family: 4 | 6, target: string, role: PingResult['role'], name?: string) => {
    const r = await probe(`ping -${family} -c 3 -i 0.2 -W 2 ${target}`);
    pings.push({ target, role, ...(name ? { name } : {}), ...parsePing(r.output, r.exitCode) });
  };
  for (const e of endpointsToPing({ basics }, opts)) await ping(6, e.address, e.role, e.name);
  if (basics.ipv4Gateway) await ping(4, basics.ipv4Gateway, 'ipv4-gateway');

  const dns: LineProbes['dns'] = [];
  let internet: string | null = null;
  if (ipv4Dns[0]) {
    const a = await query('A', IPV4_PROBE_NAME, ipv4Dns[0]);
    const answer = a.kind === 'answers' ? (a.values.find((v) => /^\d+\.\d+\.\d+\.\d+$/.test(v)) ?? null) : null;
    dns.push({ family: 4, server: ipv4Dns[0], name: IPV4_PROBE_NAME, ok: answer !== null, answer });
    internet = answer;
  }
  if (lineDns[0]) {
    const a = await query('A', IPV4_PROBE_NAME, lineDns[0]);
    const answer = a.kind === 'answers' ? (a.values.find((v) => /^\d+\.\d+\.\d+\.\d+$/.test(v)) ?? null) : null;
    dns.push({ family: 6, server: lineDns[0], name: IPV4_PROBE_NAME, ok: answer !== null, answer });
    internet ??= answer;
  }
  let pathMtu: LineProbes['pathMtu'] = null;
  if (internet) {
    await ping(4, internet, 'ipv4-internet', IPV4_PROBE_NAME);
    progress('path-mtu');
    const tried: number[] = [];
    let mtu: number | null = null;
    for (const size of PMTU_SIZES) {
      tried.push(size);
      const r = await probe(`ping -4 -M do -c 1 -W 1 -s ${size - 28} ${internet}`);
      if (parsePing(r.output, r.exitCode).ok) {
        mtu = size;
        break;
      }
      // The router said how far the path goes: try exactly that next (once).
      const hint = pmtuHint(r.output);
      if (hint && hint < size && !tried.includes(hint)) {
        tried.push(hint);
        const h = await probe(`ping -4 -M do -c 1 -W 1 -s ${hint - 28} ${internet}`);
        if (parsePing(h.output, h.exitCode).ok) {
          mtu = hint;
          break;
        }
      }
    }
    pathMtu = { target: internet, mtu, tried };
  }

  const observation: LineObservation = { basics, probes: { pings, pathMtu, dns }, outputs };
  return { observation, result: judgeLine(observation, opts) };
}
