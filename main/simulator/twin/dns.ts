/**
 * Name resolution on the twin's line: which names the router can resolve, and to what. The line's DNS servers
 * (handed out by DHCPv6) answer the AFTR names the scenario lists (its own AFTR always), and the router asks them
 * only when its config says so (`dns server dhcp <wan>` with a DHCPv6 client that gets them, or `dns server ADDR`
 * naming one of them). What the real NGN DNS answers for another VNE's AFTR name is not public: a scenario says.
 */
import type { RtxConfig } from '../../../shared/rtx/config/types.js';
import { sameIpv6 } from './packet-filter.js';
import type { ScenarioWorld } from './scenario.js';

export interface Resolution {
  address: string | null;
  /** Why nothing came back, when nothing did. */
  problem: 'no-dns-server' | 'no-answer' | null;
}

/** Whether the router has one of the line's DNS servers to ask. */
export function hasLineDns(world: ScenarioWorld, cfg: RtxConfig): boolean {
  const client = cfg.interfaces[world.wan]?.dhcp6Service;
  // Both a PD client and an information-request (ir=on) client learn the DNS servers by DHCPv6.
  const learns = client?.role === 'client';
  return cfg.dns.servers.some((s) => {
    const words = s.raw.split(/\s+/).slice(2);
    if (words[0] === 'dhcp') return learns && words[1] === world.wan;
    if (words[0] === 'select' || words[0] === 'pp') return false;
    return words.some((w) => world.dhcp6.dns.some((d) => sameIpv6(d, w)));
  });
}

export function resolveName(world: ScenarioWorld, cfg: RtxConfig, name: string): Resolution {
  if (!hasLineDns(world, cfg)) return { address: null, problem: 'no-dns-server' };
  const n = name.toLowerCase();
  const answers: Record<string, string> = { ...world.dnsAnswers };
  if (world.aftrName) answers[world.aftrName.toLowerCase()] = world.br;
  const address = Object.entries(answers).find(([k]) => k.toLowerCase() === n)?.[1] ?? null;
  return { address, problem: address ? null : 'no-answer' };
}
