/**
 * What a line check from this computer saw (main/line-check gathers it; nothing here runs anything) and what it
 * concludes. Only this computer's own view: its interfaces, its gateways, the line's DNS and the service's
 * well-known endpoints.
 */
import type { ProvisioningRecord } from '../provisioning/index.js';
import type { ServiceId } from '../services/index.js';

/** One command as it ran on this computer, kept for evidence and the report. */
export interface ProbeOutput {
  command: string;
  output: string;
  exitCode: number;
}

export interface GlobalAddress {
  ifname: string;
  address: string;
  prefixLength: number;
}

/** A DS-Lite AFTR name asked over the line's DNS. */
export interface AftrLookup {
  service: ServiceId;
  name: string;
  /** AAAA answers; empty when the name did not resolve. */
  addresses: string[];
  /** The line DNS server that answered, when one did. */
  server: string | null;
}

/** Part 1: the line as this computer sees it, before anything is probed. */
export interface LineBasics {
  /** The interface of the IPv6 default route (else the IPv4 one): where the line reaches this computer. */
  wan: string | null;
  globals: GlobalAddress[];
  /** The IPv6 default route's next hop (an RA router's link-local address). */
  raRouter: string | null;
  /** Whether that default route was learned from a Router Advertisement (`proto ra`). */
  raLearned: boolean;
  ipv4Gateway: string | null;
  /** The line's DNS servers (RA RDNSS, DHCPv6, what the host's resolver keeps for the WAN), best first. */
  lineDns: string[];
  /** IPv4 DNS servers this computer uses (resolv.conf), for the IPv4 DNS check. */
  ipv4Dns: string[];
  aftr: AftrLookup[];
  provisioning: ProvisioningRecord | null;
}

export interface PingResult {
  target: string;
  /** What the target is: the BR/AFTR, the IPv4 gateway, an Internet host named by the line's DNS. */
  role: 'br' | 'aftr' | 'ipv4-gateway' | 'ipv4-internet';
  /** The name it was resolved from, when it was. */
  name?: string;
  ok: boolean;
  rttMs: number | null;
}

/** Part 2: what the probes found. */
export interface LineProbes {
  pings: PingResult[];
  /** The largest IPv4 packet that crossed to the Internet host with DF set, or null when none did or none was tried. */
  pathMtu: { target: string; mtu: number | null; tried: number[] } | null;
  dns: { family: 4 | 6; server: string; name: string; ok: boolean; answer: string | null }[];
}

export interface LineObservation {
  basics: LineBasics;
  probes: LineProbes;
  outputs: ProbeOutput[];
}
