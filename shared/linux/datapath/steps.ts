/**
 * Builders for the datapath's steps (see step.ts). Each check is the exact state the step produces, so a step
 * that is already in place does nothing and is not journaled (rollback then leaves it alone, too).
 */
import { NFT_FAMILY_TABLE, TUNNEL } from './names.js';
import type { Message, MessageParam } from '../../i18n/message.js';
import { heredocTag, shq } from './sh.js';
import { ceText } from './text.js';
import type { PlanStep } from './step.js';

const T = TUNNEL;

/** The CE address as a /128 on the WAN: a /64 would change native IPv6 source selection (ipoe-domain.md §3.1). */
export function ceAddressStep(ce: string, wan: string): PlanStep {
  const sel = `dev ${shq(wan)} to ${ce}/128`;
  return {
    id: 'ce-address',
    text: ceText('STEP_CE_ADDRESS', { ce, wan }),
    check: `ip -6 addr show ${sel} | grep -q inet6`,
    apply: [
      `ip -6 addr add ${ce}/128 dev ${shq(wan)}`,
      // ip6tnl refuses to send from an address that is still tentative (duplicate address detection, ~1 s).
      `i=0; while ip -6 addr show ${sel} tentative | grep -q inet6 && [ "$i" -lt 10 ]; do sleep 1; i=$((i + 1)); done`,
      `if ip -6 addr show ${sel} dadfailed | grep -q inet6; then fail "another host on ${wan} already uses ${ce} (duplicate address detection failed)"; fi`,
    ],
    undo: [`undo ip -6 addr del ${ce}/128 dev ${shq(wan)}`],
  };
}

/**
 * The BR (or AFTR) is reached through the upstream router, never on-link: a direct route makes the host look
 * for the BR in its own segment and the neighbour entry fails (field report 003, BR_ROUTE_ONLINK). Routes to
 * the same /128 the user had are saved and put back by rollback.
 */
export function brRouteStep(br: string, gateway: string, wan: string, shown: MessageParam = br): PlanStep {
  const file = 'br6';
  return {
    id: 'br-route',
    text: ceText('STEP_BR_ROUTE', { br: shown, gateway, wan }),
    check: `[ "$(ip -6 route show exact ${br}/128 | grep -c .)" = 1 ] && ip -6 route show exact ${br}/128 | grep -q ${shq(`via ${gateway} dev ${wan} `)}`,
    apply: [
      `save_routes ${file} -6 route show exact ${br}/128`,
      `while ip -6 route del ${br}/128 2>/dev/null; do :; done`,
      `ip -6 route add ${br}/128 via ${gateway} dev ${shq(wan)}`,
    ],
    undo: [`ip -6 route del ${br}/128 via ${gateway} dev ${shq(wan)} 2>/dev/null || true`, `restore_routes ${file} -6`],
  };
}

export interface TunnelSpec {
  remote: string;
  /** How the remote is named to people when `remote` is a shell variable (DS-Lite's $AFTR). */
  remoteShown?: MessageParam;
  local: string;
  wan: string;
  mtu: number;
}

/**
 * The ip6tnl: `encaplimit none` because the default (4) adds a destination-options header BRs drop, MTU 1460
 * (1500 − 40), and loose rp_filter on the tunnel, whose sysctl directory goes away with it.
 */
export function tunnelStep(t: TunnelSpec): PlanStep {
  const params = `mode ip4ip6 remote ${t.remote} local ${t.local} dev ${shq(t.wan)} encaplimit none`;
  return {
    id: 'tunnel',
    text: ceText('STEP_TUNNEL', { tunnel: T, remote: t.remoteShown ?? t.remote, local: t.local, wan: t.wan, mtu: t.mtu }),
    check: `tunnel_is ${T} ${t.remote} ${t.local} && [ "$(cat /sys/class/net/${T}/mtu 2>/dev/null)" = ${t.mtu} ] && ip link show dev ${T} up | grep -q .`,
    apply: [
      // ipoe0 is the app's name: an older one of ours (another BR, another prefix) is changed in place.
      `if ip link show dev ${T} >/dev/null 2>&1; then ip -6 tunnel change ${T} ${params}; else ip -6 tunnel add ${T} ${params}; fi`,
      `ip link set dev ${T} mtu ${t.mtu}`,
      `ip link set dev ${T} up`,
      `sysctl -qw net.ipv4.conf.${T}.rp_filter=2`,
    ],
    undo: [`if ip link show dev ${T} >/dev/null 2>&1; then undo ip -6 tunnel del ${T}; fi`],
  };
}

/** `tunnel_is NAME REMOTE LOCAL`: the shell side of tunnelStep's check (word order differs between versions). */
export const TUNNEL_IS_FUNCTION = [
  'tunnel_is() {',
  '\tt=$(ip -6 tunnel show "$1" 2>/dev/null) || return 1',
  '\tcase "$t" in *" remote $2 "*) ;; *) return 1 ;; esac',
  '\tcase "$t" in *" local $3 "*) ;; *) return 1 ;; esac',
  '\tcase "$t" in *"encaplimit none"*) return 0 ;; esac',
  '\treturn 1',
  '}',
];

export function tunnelIpv4Step(ipv4: string, prefixLength: number): PlanStep {
  return {
    id: 'tunnel-ipv4',
    text: ceText('STEP_TUNNEL_IPV4', { ipv4, length: prefixLength, tunnel: T }),
    check: `ip -4 addr show dev ${T} 2>/dev/null | grep -q ${shq(` inet ${ipv4}/${prefixLength} `)}`,
    apply: [`ip -4 addr add ${ipv4}/${prefixLength} dev ${T}`],
    undo: [`if ip link show dev ${T} >/dev/null 2>&1; then ip -4 addr del ${ipv4}/${prefixLength} dev ${T} 2>/dev/null || true; fi`],
  };
}

/**
 * The IPv4 default route into the tunnel. `replace` displaces a default route of the same metric (saved first,
 * restored by rollback); default routes with other metrics stay and lose to ours.
 */
export function defaultRouteStep(): PlanStep {
  return {
    id: 'default-route',
    text: ceText('STEP_DEFAULT_ROUTE', { tunnel: T }),
    check: `ip -4 route show default | grep -q ${shq(`dev ${T}`)}`,
    apply: ['save_routes default4 -4 route show default', `ip -4 route replace default dev ${T}`],
    undo: [`ip -4 route del default dev ${T} 2>/dev/null || true`, 'restore_routes default4 -4'],
  };
}

export function sysctlStep(key: string, value: string, why: Message): PlanStep {
  return {
    id: `sysctl:${key}`,
    text: ceText('STEP_SYSCTL', { key, value, why }),
    check: `[ "$(sysctl -n ${key})" = ${shq(value)} ]`,
    apply: [`save_sysctl ${key}`, `sysctl -qw ${key}=${shq(value)}`],
    undo: [`restore_sysctl ${key}`],
  };
}

/**
 * The nft table, replaced atomically on every run (so no check is needed). `source` is either the ruleset
 * itself (inline heredoc: the script is self-contained) or the path of the persisted file.
 */
export function nftStep(ruleset: string, source: { kind: 'inline' } | { kind: 'file'; path: string }, text: Message): PlanStep {
  const tag = heredocTag(ruleset, 'IPOE_NFT');
  const load = source.kind === 'inline' ? [`nft -f - <<'${tag}'`, ...ruleset.replace(/\n$/, '').split('\n'), tag] : [`nft -f ${shq(source.path)}`];
  return {
    id: 'nft-table',
    text,
    check: null,
    apply: load,
    undo: [`if nft list table ${NFT_FAMILY_TABLE} >/dev/null 2>&1; then undo nft delete table ${NFT_FAMILY_TABLE}; fi`],
  };
}
