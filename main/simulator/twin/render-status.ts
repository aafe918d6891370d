/**
 * `show status ipip`, `show status tunnel N`, `show status ipv6 dhcp`, `show ipv6 address` and `show log`.
 * Formats follow ../shared/reference/rtx-output-formats.md and field report 000; where no capture exists
 * the comment says so. Field report 000's console was `ja.utf8` and still printed `show status ipip`,
 * `show status ipv6 dhcp` and `show log` in English, so those are English on every console.
 */
import type { RtxConfig } from '../../../shared/rtx/config/types.js';
import type { LogEntry } from './boot.js';
import type { ConsoleLanguage } from './console-messages.js';
import { formatConnectionAge, formatConnectionAgeJa, formatLogTime } from './rtx-time.js';
import type { Scenario } from './scenario.js';
import type { TunnelCounters } from './twin-network.js';
import { interfaceMac, linkLocal, type TunnelWorld, type WorldState } from './world.js';

export interface StatusContext {
  scenario: Scenario;
  config: RtxConfig;
  world: WorldState;
  lang: ConsoleLanguage;
  now: Date;
  counters: (tunnelId: number) => TunnelCounters;
  upSince: (tunnelId: number) => Date | null;
}

/** `0 packet [0 octet]`, `10 packets [520 octets]`: singular for 0 and 1, as in the capture. */
function packets(n: number, octets: number): string {
  return `${n} packet${n > 1 ? 's' : ''} [${octets} octet${octets > 1 ? 's' : ''}]`;
}

function ageSeconds(ctx: StatusContext, since: Date): number {
  return Math.max(0, Math.floor((ctx.now.getTime() - since.getTime()) / 1000));
}

/** `show status ipip` (field report 000, RTX1300 Rev.23.00.04). Lists IPIP tunnels only, not MAP-E. */
export function renderShowStatusIpip(ctx: StatusContext): string[] {
  const tunnels = Object.values(ctx.config.tunnels).filter((t) => t.encapsulation?.value === 'ipip');
  const out = ['------------------- IPIP INFORMATION -------------------', `Number of IPIP tunnels: ${tunnels.length}`];
  for (const t of tunnels) {
    const w = ctx.world.tunnels.find((x) => x.id === t.id);
    const c = ctx.counters(t.id);
    const since = ctx.upSince(t.id);
    // The capture has a trailing space after `TUNNEL[1]:`.
    out.push(`TUNNEL[${t.id}]: `);
    if (w?.up && since) {
      out.push('  Current status is Online.', `  from ${formatLogTime(since)}.`, `  ${formatConnectionAge(ageSeconds(ctx, since))}  connection.`);
    } else {
      // Only the Online form is captured; the Offline wording is the twin's (unconfirmed).
      out.push('  Current status is Offline.');
    }
    out.push(
      `  Received:    (IPv4) ${packets(c.rxPackets, c.rxOctets)}`,
      `               (IPv6) ${packets(0, 0)}`,
      `  Transmitted: (IPv4) ${packets(c.txPackets, c.txOctets)}`,
      `               (IPv6) ${packets(0, 0)}`,
    );
    const remote = w?.remote ?? t.endpointAddress?.remote ?? t.endpointName?.remote;
    if (remote) out.push(`  Remote endpoint address: ${remote}`);
  }
  return out;
}

function encapsulationWord(w: TunnelWorld | undefined, raw: string | undefined): string {
  if (w?.encapsulation === 'map-e') return 'MAP-E';
  if (w?.encapsulation === 'ipip') return 'IPIP';
  return raw ? raw.toUpperCase() : '-';
}

/**
 * `show status tunnel N`. The Japanese layout is from a public IPsec transcript (ipoe-domain.md §4.2); for
 * IPIP/MAP-E the interface type names the encapsulation (exact MAP-E wording unconfirmed). No English
 * capture is public: the English form is the twin's, built from the real `show status ipip` lines.
 */
export function renderShowStatusTunnel(ctx: StatusContext, id: number): string[] {
  const t = ctx.config.tunnels[id];
  const w = ctx.world.tunnels.find((x) => x.id === id);
  const c = ctx.counters(id);
  const since = ctx.upSince(id);
  const connected = Boolean(w?.up && since);
  const kind = encapsulationWord(w, t?.encapsulation?.raw);
  const description = t?.description?.value ?? '';
  if (ctx.lang === 'ja') {
    const n = (p: number, o: number): string => `${p} パケット [${o} オクテット]`;
    return [
      `TUNNEL[${id}]:`,
      `説明: ${description}`.trimEnd(),
      `  インタフェースの種類: ${kind}`,
      connected ? '  トンネルインタフェースは接続されています' : '  トンネルインタフェースは接続されていません',
      ...(connected ? [`  開始: ${formatLogTime(since!)}`, `  通信時間: ${formatConnectionAgeJa(ageSeconds(ctx, since!))}`] : []),
      `  受信: (IPv4) ${n(c.rxPackets, c.rxOctets)}`,
      `        (IPv6) ${n(0, 0)}`,
      `  送信: (IPv4) ${n(c.txPackets, c.txOctets)}`,
      `        (IPv6) ${n(0, 0)}`,
    ];
  }
  // English: the status, age and counter lines reuse the wording of the real `show status ipip`.
  return [
    `TUNNEL[${id}]:`,
    `Description: ${description}`.trimEnd(),
    `  Interface type: ${kind}`,
    ...(connected
      ? ['  Current status is Online.', `  from ${formatLogTime(since!)}.`, `  ${formatConnectionAge(ageSeconds(ctx, since!))}  connection.`]
      : ['  Current status is Offline.']),
    `  Received:    (IPv4) ${packets(c.rxPackets, c.rxOctets)}`,
    `               (IPv6) ${packets(0, 0)}`,
    `  Transmitted: (IPv4) ${packets(c.txPackets, c.txOctets)}`,
    `               (IPv6) ${packets(0, 0)}`,
    ...(w?.remote ? [`  Remote endpoint address: ${w.remote}`] : []),
    ...(w?.local ? [`  Local endpoint address: ${w.local}`] : []),
  ];
}

/**
 * `show status ipv6 dhcp` (field report 000). The only state words captured are `established` (client)
 * and `reply` (server); `solicit` for a PD client that never gets a prefix is the twin's (unconfirmed).
 * A missing `prefix:` line is what means "no PD lease".
 */
export function renderShowStatusIpv6Dhcp(ctx: StatusContext): string[] {
  const out = ['DHCPv6 status'];
  const d = ctx.scenario.world.dhcp6;
  const ifaces = Object.values(ctx.config.interfaces)
    .filter((i) => i.dhcp6Service !== null)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const i of ifaces) {
    const svc = i.dhcp6Service!;
    out.push('', `  ${i.name.toUpperCase()} [${svc.role}]`);
    if (svc.role === 'server') {
      out.push('    state: reply');
      continue;
    }
    const leased = ctx.world.pdPrefix !== null && i.name === ctx.world.wan;
    if (!leased && !svc.informationRequest) {
      out.push('    state: solicit');
      continue;
    }
    out.push('    state: established', '    server:', '      address: ::', '      preference: 0');
    if (leased) {
      out.push(
        `      prefix: ${ctx.world.pdPrefix}`,
        `      duration: ${d.duration}`,
        `      T1: ${d.t1}`,
        `      T2: ${d.t2}`,
        `      preferred lifetime: ${d.preferredLifetime}`,
        `      valid lifetime: ${d.validLifetime}`,
      );
    }
    d.dns.forEach((x, n) => out.push(`      DNS server[${n + 1}]: ${x}`));
    d.domains.forEach((x, n) => out.push(`      Domain name[${n + 1}]: ${x}`));
    d.sntp.forEach((x, n) => out.push(`      SNTP server[${n + 1}]: ${x}`));
  }
  return out;
}

/**
 * `show ipv6 address`. No public capture of this command was found, so the layout is the twin's own:
 * one block per interface, `Global:` / `Link-local:` rows, and the MAP-E CE address under the tunnel.
 */
export function renderShowIpv6Address(ctx: StatusContext): string[] {
  const macs = ctx.scenario.device.mac;
  const names = new Set<string>(['lan1', ctx.world.wan]);
  for (const i of Object.keys(ctx.config.interfaces)) if (/^lan\d+$/.test(i)) names.add(i);
  const out: string[] = [];
  for (const name of [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    out.push(`${name.toUpperCase()}:`);
    for (const a of ctx.world.addresses.filter((x) => x.interface === name)) out.push(`  Global:     ${a.address}/${a.prefixLength}`);
    out.push(`  Link-local: ${linkLocal(interfaceMac(macs, name))}/64`);
  }
  for (const t of ctx.world.tunnels) {
    if (t.encapsulation !== 'map-e' || !t.local) continue;
    out.push(`TUNNEL[${t.id}]:`, `  MAP-E CE:   ${t.local}`);
  }
  return out;
}

/** `show log`: oldest first, newest last, `YYYY/MM/DD hh:mm:ss: text` (field report 000). */
export function renderShowLog(entries: readonly LogEntry[]): string[] {
  return entries.map((e) => `${formatLogTime(e.at)}: ${e.text}`);
}
