/**
 * Which IPv4 service to set up on an RTX that has no tunnel yet (not a rule): the notice's, the MAP-E service
 * whose rule covers the prefix, or a DS-Lite service the user confirms on the router's own evidence (whether it
 * resolves each AFTR name, and which DNS servers it has). IPV4_TUNNEL_MISSING, the CLI and the wizard share it.
 */
import { normalizeIpv6 } from '../address.js';
import type { FactsView } from '../facts.js';
import type { Evidence } from '../parts.js';
import { SERVICES, type ServiceId } from '../../services/index.js';
import { configEvidence } from './common.js';
import { RTX_COMMANDS } from './facts.js';

/** Every catalogued DS-Lite AFTR name, with its service (the names the router is asked to resolve). */
export const AFTR_NAMES: readonly { service: ServiceId; name: string }[] = SERVICES.filter((s) => s.encapsulation.value === 'ds-lite').flatMap((s) =>
  s.endpoints.value.flatMap((e) => (e.name ? [{ service: s.id, name: e.name }] : [])),
);

export interface AftrProbe {
  service: ServiceId;
  name: string;
  /** null: the router was not asked (no `ping6 NAME` output). */
  resolved: boolean | null;
  /** The address it resolved to, when the output shows one. */
  address: string | null;
  evidence: Evidence[];
}

export interface SetupCandidates {
  /** The service to set up when the evidence settles it (notice, config, MAP-E prefix), else the user's pick among `aftr`. */
  service: ServiceId | null;
  /** How `service` is known: the notice or the prefix confirm it; a DS-Lite AFTR that resolves only proposes it. */
  basis: 'notice' | 'config' | 'prefix' | 'aftr' | null;
  /** True when the user must confirm `service` (DS-Lite: no prefix list says which VNE this is). */
  needsConfirmation: boolean;
  aftr: AftrProbe[];
  /** The IPv6 DNS servers the router has from the line (DHCPv6) and its `dns server` lines. */
  dnsServers: { value: string; evidence: Evidence[] }[];
}

const UNRESOLVED = /resolv|unknown host|host not found|not found|no address|名前解決|見つかりません|解決できません/i;
const NAME_ADDRESS = /\(([0-9a-f:]+)\)/i;

/** What the router said when asked to ping each AFTR name. */
export function aftrProbes(ctx: FactsView): AftrProbe[] {
  return AFTR_NAMES.map(({ service, name }) => {
    const p = ctx.rtx.pings6.find((x) => x.target.toLowerCase() === name);
    if (!p) return { service, name, resolved: null, address: null, evidence: [] };
    const failed = p.result.errors.filter((e) => UNRESOLVED.test(e.text));
    const header = p.result.target ? NAME_ADDRESS.exec(ctx.rtx.lineText(p.command, p.result.target.lines[0] ?? 0))?.[1] : undefined;
    const address = normalizeIpv6(header ?? p.result.replies[0]?.from ?? null);
    const lines = failed.length > 0 ? failed.flatMap((e) => e.lines) : [...(p.result.target?.lines ?? []), ...p.result.replies.flatMap((r) => r.lines)].slice(0, 3);
    return { service, name, resolved: failed.length === 0, address, evidence: lines.length ? [ctx.evidence(p.command, lines)] : [] };
  });
}

export function setupCandidates(ctx: FactsView & { line: { service: { id: ServiceId } | null; serviceSource: string | null } }): SetupCandidates {
  const dnsServers = [
    ...(ctx.rtx.dhcp6?.interfaces ?? []).flatMap((i) => i.dnsServers.map((d) => ({ value: d.value, evidence: [ctx.evidence(RTX_COMMANDS.dhcp6, d.lines)] }))),
    ...(ctx.rtx.config?.dns.servers ?? []).map((s) => ({ value: s.raw.replace(/^dns server\s+/, ''), evidence: [configEvidence(ctx, s.lines)] })),
  ];
  const aftr = aftrProbes(ctx);
  const known = ctx.line.service;
  if (known) {
    const basis = ctx.line.serviceSource === 'notice' ? 'notice' : ctx.line.serviceSource === 'config' ? 'config' : 'prefix';
    return { service: known.id, basis, needsConfirmation: false, aftr, dnsServers };
  }
  const resolving = aftr.filter((a) => a.resolved);
  const one = resolving.length === 1 ? resolving[0]!.service : null;
  return { service: one, basis: one ? 'aftr' : null, needsConfirmation: true, aftr, dnsServers };
}
