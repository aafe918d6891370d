/**
 * `show ip route`, `show ipv6 route` and `show nat descriptor address`, in the column layouts of the
 * captures in ../shared/reference/rtx-output-formats.md.
 */
import { Address4, Address6 } from 'ip-address';
import { formatRange } from '../../../shared/mape/index.js';
import type { ConsoleLanguage } from './console-messages.js';
import type { StatusContext } from './render-status.js';

function ifaceLabel(name: string): string {
  const tunnel = /^tunnel(\d+)$/.exec(name);
  if (tunnel) return `TUNNEL[${tunnel[1]}]`;
  const pp = /^pp(\d+)$/.exec(name);
  if (pp) return `PP[${pp[1]!.padStart(2, '0')}]`;
  return name.toUpperCase();
}

/**
 * `show ip route`: destination in 20 columns, then the gateway left-aligned and the interface right-aligned
 * in 27 columns, then the kind right-aligned in 10 (measured on the capture).
 */
export function renderShowIpRoute(ctx: StatusContext): string[] {
  const row = (dest: string, gw: string, iface: string, kind: string): string =>
    `${dest.padEnd(20)}${gw.padEnd(18)}${iface.padStart(9)}${kind.padStart(10)}`;
  const out = ['Destination         Gateway          Interface       Kind  Additional Info.'];
  const rows: [string, string, string, string][] = [];
  for (const r of ctx.config.routes.filter((x) => x.family === 'ipv4')) {
    if (r.gateway.kind === 'tunnel') {
      // A route over a tunnel the world knows to be down leaves the table (IPsec tunnels are not modelled: shown).
      const known = ctx.world.tunnels.find((t) => t.id === Number(r.gateway.value));
      if (known && !known.up) continue;
      rows.push([r.destination, '-', `TUNNEL[${r.gateway.value}]`, 'static']);
    } else if (r.gateway.kind === 'address') {
      rows.push([r.destination, r.gateway.value, 'LAN1', 'static']);
    }
  }
  for (const i of Object.values(ctx.config.interfaces)) {
    const v = i.ipAddress?.value;
    if (!v || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(v)) continue;
    const a = new Address4(v);
    rows.push([`${a.startAddress().correctForm()}/${a.subnetMask}`, a.addressMinusSuffix, ifaceLabel(i.name), 'implicit']);
  }
  for (const r of rows) out.push(row(...r));
  return out;
}

/**
 * `show ipv6 route`: 25/25/11 columns, left-aligned; a gateway of 25 characters or more wraps, and the
 * interface and type continue on the next line at column 50.
 */
export function renderShowIpv6Route(ctx: StatusContext): string[] {
  const out = ['Destination              Gateway                  Interface  Type'];
  const row = (dest: string, gw: string, iface: string, type: string): void => {
    if (gw.length >= 25) {
      out.push(`${dest.padEnd(25)}${gw}`);
      out.push(`${' '.repeat(50)}${iface.padEnd(11)}${type}`);
    } else out.push(`${dest.padEnd(25)}${gw.padEnd(25)}${iface.padEnd(11)}${type}`);
  };
  const w = ctx.world;
  // The NGN's RA sets the default route on the WAN whether the prefix comes by RA or by PD.
  row('default', ctx.scenario.world.raGateway, w.wan.toUpperCase(), 'temporary');
  for (const r of ctx.config.routes.filter((x) => x.family === 'ipv6')) {
    if (r.gateway.kind === 'tunnel') row(r.destination, '-', `TUNNEL[${r.gateway.value}]`, 'static');
    else if (r.gateway.kind === 'address') row(r.destination, r.gateway.value, w.wan.toUpperCase(), 'static');
  }
  const seen = new Set<string>();
  for (const a of w.addresses) {
    const net = new Address6(`${a.address}/${a.prefixLength}`);
    const p = `${net.startAddress().correctForm()}/${a.prefixLength}`;
    if (seen.has(p)) continue;
    seen.add(p);
    row(p, '-', a.interface.toUpperCase(), 'implicit');
  }
  return out;
}

const NAT_DEFAULT_RANGE = '60000-64095, 49152-59999, 44096-49151';

function sessionLimit(model: string): number {
  // Per-host session limit defaults (command reference, NAT chapter).
  return model === 'RTX1300' ? 250000 : 65534;
}

function assignedLabel(lang: ConsoleLanguage, id: number, iface: string): string {
  return lang === 'ja'
    ? `参照NATディスクリプタ : ${id}, 適用インタフェース : ${iface}(1)`
    : `Reference Descriptor : ${id}, Assigned Interface : ${iface}(1)`;
}

/**
 * `show nat descriptor address` (field report 000 for masquerade). For MAP-E the `Port range:` line lists
 * the CE's port blocks on one line, comma-separated like the default ranges: no public capture shows how
 * RTX prints them (one line or wrapped), so this is the twin's choice. Only the `参照…` line is known in
 * Japanese; the rest stays English on every console.
 */
export function renderShowNatDescriptorAddress(ctx: StatusContext, only: number | null = null): string[] {
  const out: string[] = [];
  const bound: { id: number; iface: string; tunnelId: number | null }[] = [];
  for (const t of Object.values(ctx.config.tunnels)) for (const id of t.natDescriptors?.ids ?? []) bound.push({ id, iface: `TUNNEL[${t.id}]`, tunnelId: t.id });
  for (const i of Object.values(ctx.config.interfaces)) for (const id of i.natDescriptors?.ids ?? []) bound.push({ id, iface: ifaceLabel(i.name), tunnelId: null });
  // The LAN's sessions go out through the scenario's tunnel: they fill that descriptor's table (the first bound
  // one when the tunnel has none).
  const main = bound.find((b) => b.tunnelId === ctx.scenario.world.tunnel.id) ?? bound[0];
  for (const b of bound) {
    if (only !== null && b.id !== only) continue;
    const clients = b === main ? ctx.scenario.world.lanClients : [];
    const total = clients.reduce((s, c) => s + c.sessions, 0);
    const nat = ctx.config.natDescriptors[b.id];
    if (!nat) continue;
    const tw = b.tunnelId === null ? undefined : ctx.world.tunnels.find((t) => t.id === b.tunnelId);
    const outerCfg = nat.outer?.value ?? 'primary';
    let outer: string | null = outerCfg;
    let ranges = nat.portRanges ? nat.portRanges.ranges.map(([a, z]) => `${a}-${z}`).join(', ') : NAT_DEFAULT_RANGE;
    if (outerCfg === 'map-e') {
      outer = tw?.mape?.ipv4 ?? null;
      ranges = tw?.portRanges?.map(formatRange).join(', ') ?? '';
    }
    out.push('NAT/IP masquerade compatibility type : 2', assignedLabel(ctx.lang, b.id, b.iface), 'Masquerade Table');
    if (outer === null) {
      // MAP-E without a prefix has no address yet (wording unconfirmed).
      out.push('    Outer address: -');
      continue;
    }
    out.push(`    Outer address: ${outer}`, `    Port range: ${ranges}   ${total} session.`);
    if (clients.length === 0) continue;
    out.push(
      '  -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-    -*-',
      '      No.              Inner   Session Count           Limit         Type',
    );
    clients.forEach((c, n) => {
      out.push(`${String(n + 1).padStart(8)}${c.address.padStart(20)}${String(c.sessions).padStart(16)}${String(sessionLimit(ctx.scenario.device.model)).padStart(16)}         dynamic`);
    });
  }
  return out;
}
