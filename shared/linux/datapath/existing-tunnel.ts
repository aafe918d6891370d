/**
 * `--replace-existing NAME`: take over a tunnel the user made by hand (field report 003's `mape`). Apply removes
 * it (its addresses and routes go with it); rollback re-creates it exactly as it was, from the facts read before
 * apply: parameters, MTU, addresses, routes and up/down state. The user's NAT rules are not touched: those that
 * name the old tunnel (`oifname "mape"`) match nothing once it is gone, and ours bind first for `ipoe0`.
 */
import type { InterfaceAddress, Route, TunnelParams } from '../index.js';
import { MessageError } from '../../i18n/message.js';
import { shq } from './sh.js';
import type { PlanStep } from './step.js';
import { ceText } from './text.js';

export interface ExistingTunnel {
  name: string;
  params: TunnelParams;
  mtu: number | null;
  up: boolean;
  addresses: InterfaceAddress[];
  /** Every route through the tunnel, from `ip -j route show table all` / `ip -j -6 route show table all`. */
  routes: Route[];
}

/** `ip -6 tunnel add` arguments that re-create the tunnel with the same parameters. */
export function recreateTunnelArgs(t: ExistingTunnel): string {
  const p = t.params;
  if (p.mode !== 'ip4ip6' && p.mode !== 'ip6ip6' && p.mode !== 'any') {
    throw new MessageError('ce-existing-tunnel', ceText('TUNNEL_NOT_IP6TNL', { name: t.name, mode: p.modeRaw ?? ceText('UNKNOWN') }));
  }
  const words = [`mode ${p.mode}`];
  if (p.remote) words.push(`remote ${p.remote === 'any' ? 'any' : p.remote}`);
  if (p.local) words.push(`local ${p.local === 'any' ? 'any' : p.local}`);
  if (p.dev) words.push(`dev ${shq(p.dev)}`);
  if (p.encapLimit !== null) words.push(`encaplimit ${p.encapLimit}`);
  if (p.hopLimit !== null) words.push(`hoplimit ${p.hopLimit}`);
  if (p.tclass) words.push(`tclass ${p.tclass}`);
  if (p.flowlabel) words.push(`flowlabel ${p.flowlabel}`);
  return words.join(' ');
}

/** Routes the kernel makes by itself when an address is added or the link comes up: not re-created by hand. */
function isAutomatic(r: Route): boolean {
  return r.proto === 'kernel' || r.table === 'local' || r.type === 'local' || r.type === 'broadcast' || r.type === 'multicast' || /^f[ef][0-9a-f]{2}:/i.test(r.destination);
}

export function routeArgs(r: Route): string {
  const w: string[] = [];
  if (r.type !== 'unicast') w.push(r.type);
  w.push(r.destination);
  if (r.via) w.push(`via ${r.via}`);
  if (r.dev) w.push(`dev ${shq(r.dev)}`);
  if (r.proto && r.proto !== 'boot') w.push(`proto ${r.proto}`);
  if (r.scope && !(r.scope === 'link' && !r.via)) w.push(`scope ${r.scope}`);
  if (r.src) w.push(`src ${r.src}`);
  if (r.metric !== null) w.push(`metric ${r.metric}`);
  if (r.table && r.table !== 'main') w.push(`table ${r.table}`);
  if (r.flags.includes('onlink')) w.push('onlink');
  return w.join(' ');
}

export function recreateCommands(t: ExistingTunnel): string[] {
  const name = shq(t.name);
  const cmds = [`ip -6 tunnel add ${name} ${recreateTunnelArgs(t)}`];
  if (t.mtu !== null) cmds.push(`ip link set dev ${name} mtu ${t.mtu}`);
  const linkLocal = t.addresses.filter((a) => a.family === 'inet6' && a.scope === 'link');
  for (const a of t.addresses) {
    if (linkLocal.includes(a)) continue;
    const peer = a.peer ? ` peer ${a.peer}` : '';
    cmds.push(`ip -${a.family === 'inet' ? 4 : 6} addr add ${a.address}${a.peer ? '' : `/${a.prefixLength}`}${peer} dev ${name}`);
  }
  if (t.up) cmds.push(`ip link set dev ${name} up`);
  if (linkLocal.length > 0) {
    // An ip6tnl's link-local address comes from a random hardware address drawn when the tunnel is created:
    // the re-created tunnel gets a new one, so put the old one back in its place.
    cmds.push(`ip -6 addr flush dev ${name} scope link`);
    for (const a of linkLocal) cmds.push(`ip -6 addr add ${a.address}/${a.prefixLength} dev ${name}`);
  }
  for (const r of t.routes.filter((x) => !isAutomatic(x))) cmds.push(`ip -${r.family === 'inet' ? 4 : 6} route replace ${routeArgs(r)}`);
  return cmds;
}

export function replaceExistingStep(t: ExistingTunnel): PlanStep {
  const name = shq(t.name);
  const kept = t.routes.filter((x) => !isAutomatic(x)).length;
  return {
    id: `replace:${t.name}`,
    text: ceText('STEP_REPLACE_TUNNEL', {
      name: t.name,
      remote: t.params.remote ?? '?',
      local: t.params.local ?? '?',
      addresses: t.addresses.filter((a) => a.scope !== 'link').length,
      routes: kept,
    }),
    check: `! ip link show dev ${name} >/dev/null 2>&1`,
    apply: [`ip -6 tunnel del ${name}`],
    undo: recreateCommands(t).map((c) => `undo ${c}`),
  };
}
