/**
 * ip6tnl parameters as both `ip -d link show` and `ip -6 tunnel show` print them (iproute2
 * ip/link_ip6tnl.c and ip/ip6tunnel.c): `remote X local Y dev eth1 hoplimit 64 encaplimit 4 tclass 0x00 …`.
 * The order differs between the two commands and between iproute2 versions, so words are read as keys.
 */
import { toInt, toIntOrHex } from './text.js';

/**
 * `ip4ip6` is iproute2's `ipip6` / `ip/ipv6` (IPv4 in IPv6: MAP-E, DS-Lite, IPIP fixed IP).
 * `sit`/`ipip`/`gre` turn up in `ip -6 tunnel show` beside ip6tnl tunnels; kept so nothing is lost.
 */
export type TunnelMode = 'ip4ip6' | 'ip6ip6' | 'any' | 'sit' | 'ipip' | 'gre' | 'other';

export interface TunnelParams {
  mode: TunnelMode | null;
  /** As printed: `ipip6`, `ip/ipv6`, `ip4ip6`, `any/ipv6` … */
  modeRaw: string | null;
  /** The BR/AFTR address; `any` for a wildcard remote (`::` / `any`). */
  remote: string | null;
  /** The CE (B4) address; `any` for a wildcard. */
  local: string | null;
  /** The underlying link (`dev eth1`). */
  dev: string | null;
  /** `encaplimit 4` (the kernel default, which BRs drop), `none`, or null when not printed. */
  encapLimit: number | 'none' | null;
  hopLimit: number | 'inherit' | null;
  tclass: string | null;
  flowlabel: string | null;
  /** Boolean options printed as words: `dscp inherit`, `mip6`, `allow-localremote`, `external`, `fwmark 0x…`. */
  flags: string[];
}

export function emptyTunnelParams(): TunnelParams {
  return {
    mode: null,
    modeRaw: null,
    remote: null,
    local: null,
    dev: null,
    encapLimit: null,
    hopLimit: null,
    tclass: null,
    flowlabel: null,
    flags: [],
  };
}

const MODES: Record<string, TunnelMode> = {
  ipip6: 'ip4ip6',
  ip4ip6: 'ip4ip6',
  'ip/ipv6': 'ip4ip6',
  ip6ip6: 'ip6ip6',
  'ipv6/ipv6': 'ip6ip6',
  any: 'any',
  'any/ipv6': 'any',
  'ipv6/ip': 'sit',
  sit: 'sit',
  'ip/ip': 'ipip',
  ipip: 'ipip',
  'gre/ipv6': 'gre',
  'gre/ip': 'gre',
};

export function tunnelMode(raw: string): TunnelMode {
  return MODES[raw.toLowerCase()] ?? 'other';
}

/** `::` and `any` both mean "any address": one spelling so rules compare one value. */
export function endpoint(raw: string): string {
  return raw === '::' || raw.toLowerCase() === 'any' ? 'any' : raw;
}

/** Read tunnel keywords from `words`, filling `into`. Unknown words are skipped. */
export function readTunnelWords(words: readonly string[], into: TunnelParams): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    switch (w) {
      case 'remote':
        if (next !== undefined) into.remote = endpoint(next);
        i++;
        break;
      case 'local':
        if (next !== undefined) into.local = endpoint(next);
        i++;
        break;
      case 'dev':
        if (next !== undefined) into.dev = next;
        i++;
        break;
      case 'encaplimit':
      case 'encap_limit':
        if (next === 'none' || next === 'ignore') into.encapLimit = 'none';
        else if (next !== undefined) into.encapLimit = toInt(next);
        i++;
        break;
      case 'hoplimit':
      case 'ttl':
        if (next === 'inherit') into.hopLimit = 'inherit';
        else if (next !== undefined) into.hopLimit = toInt(next);
        i++;
        break;
      case 'tclass':
        into.tclass = next ?? null;
        i++;
        break;
      case 'flowlabel':
        into.flowlabel = next ?? null;
        i++;
        break;
      case 'dscp':
        if (next === 'inherit') into.flags.push('dscp-inherit');
        i++;
        break;
      case 'fwmark':
        if (next === 'inherit') into.flags.push('fwmark-inherit');
        else if (next !== undefined && toIntOrHex(next) !== null) into.flags.push(`fwmark ${next}`);
        i++;
        break;
      case 'mip6':
      case 'allow-localremote':
      case 'external':
      case 'nopmtudisc':
        into.flags.push(w);
        break;
      default:
        break;
    }
  }
}
