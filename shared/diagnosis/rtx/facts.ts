/**
 * RTX facts for the rules: every output the user gave us, parsed once and on first use. A fact is
 * `undefined` when its command was not run (or the device did not support it): unknown, never "absent".
 * Text that does not parse as the command's output (garbage, an error message, the wrong paste) also
 * reads as unknown, with a sentence in `ctx.notes` saying so; nothing here throws.
 */
import { canonicalCommand } from '../input.js';
import { isNarrowed, readForm } from '../command-variants.js';
import type { OutputSource } from '../source.js';
import type { Evidence } from '../parts.js';
import { normalizeIpv6 } from '../address.js';
import { isPlaceholder } from '../redacted.js';
import { parseRtxConfig } from '../../rtx/config/parse.js';
import type { RtxConfig, TunnelConfig } from '../../rtx/config/types.js';
import { Address6 } from 'ip-address';
import { safeParse } from '../../rtx/safe-parse.js';
import {
  parsePing,
  parsePing6,
  parseShowEnvironment,
  parseShowIpRoute,
  parseShowIpv6Address,
  parseShowIpv6Route,
  parseShowLog,
  parseShowNatDescriptorAddress,
  parseShowStatusIpip,
  parseShowStatusIpv6Dhcp,
  parseShowStatusTunnel,
  type EnvironmentFacts,
  type PingResult,
  type ShowIpRoute,
  type ShowIpv6Address,
  type ShowIpv6Route,
  type LogEntry,
  type LogEvent,
  type ShowNatDescriptorAddress,
  type ShowStatusIpip,
  type ShowStatusIpv6Dhcp,
  type TunnelStatus,
} from '../../rtx/show/index.js';

/** The commands the RTX rules read (canonical form). `show status tunnel N` and `ping6 X` vary per case. */
export const RTX_COMMANDS = {
  config: 'show config',
  environment: 'show environment',
  ipip: 'show status ipip',
  dhcp6: 'show status ipv6 dhcp',
  ipv6Address: 'show ipv6 address',
  ipRoute: 'show ip route',
  ipv6Route: 'show ipv6 route',
  nat: 'show nat descriptor address',
  log: 'show log',
} as const;

export const statusTunnelCommand = (id: number): string => `show status tunnel ${id}`;

/** A tunnel's live status and the command whose output it came from (for evidence). */
export interface ObservedTunnel {
  command: string;
  status: TunnelStatus;
  /**
   * The remote endpoint the tunnel really pointed at: the latest block's, or, when the user hid it there behind a
   * placeholder, the latest earlier block of the same command that shows an address (with that block's evidence).
   */
  remote: { value: string; evidence: Evidence; earlier: boolean } | null;
  /** The latest block shows a placeholder where the remote endpoint was (redacted by the user). */
  remoteRedacted: boolean;
}

/** A ping's result and the exact command it came from. */
export interface ObservedPing {
  command: string;
  target: string;
  result: PingResult;
}

export interface RtxFacts {
  readonly config: RtxConfig | undefined;
  readonly environment: EnvironmentFacts | undefined;
  readonly ipip: ShowStatusIpip | undefined;
  readonly dhcp6: ShowStatusIpv6Dhcp | undefined;
  readonly ipv6Address: ShowIpv6Address | undefined;
  readonly ipRoute: ShowIpRoute | undefined;
  readonly ipv6Route: ShowIpv6Route | undefined;
  readonly nat: ShowNatDescriptorAddress | undefined;
  /**
   * Every log read merged, oldest first: the whole `show log`, or its narrowed reads (`show log reverse | grep …`,
   * a reverse read stopped at the pager). Each entry names the command it was read from, for evidence.
   */
  readonly log: ObservedLog | undefined;
  /** `show status tunnel N`, else that tunnel's block in `show status ipip`; undefined when neither ran. */
  tunnelStatus(id: number): ObservedTunnel | undefined;
  /** Every `ping6 …` the user ran (last run per target wins), in the order given. */
  readonly pings6: readonly ObservedPing[];
  /** Every IPv4 `ping …`. */
  readonly pings4: readonly ObservedPing[];
  /**
   * Model and firmware from `show environment`, the `show config` header, or the boot line of `show log`
   * (first found), or null. Reading it also fills `ctx.device` when the input did not name the device.
   */
  readonly device: { model: string; firmware: string; source: string; lines: number[] } | null;
  /** The text of one line (1-based) of a command's output, without an inline ` # comment`; '' if absent. */
  lineText(command: string, line: number): string;
  /**
   * The command each fact was read from, for evidence: usually the RTX_COMMANDS name, but a transcript may
   * hold a variant instead (`show log reverse`, `show nat descriptor address 1`).
   */
  readonly cmd: Readonly<Record<keyof typeof RTX_COMMANDS, string>>;
  /** The tunnel that carries IPv4 (the default route's, else the lowest-numbered MAP-E/IPIP tunnel); null without a config. */
  readonly tunnel: TunnelConfig | null;
  /** The interface facing the NGN (`lan2`); null without a config. */
  readonly wan: string | null;
  /** The LAN address that takes the line's prefix (RTX fixed IP: it is the CE), preferring lan1. */
  readonly prefixedLan: PrefixedLan | null;
}

/** A log line or event and the command (as the router answered it) whose output holds it. */
export type Sourced<T> = T & { command: string };

export interface ObservedLog {
  entries: Sourced<LogEntry>[];
  events: Sourced<LogEvent>[];
}

/** A LAN address built from the line's prefix: `ipv6 lan1 address dhcp-prefix@lan2::1b:5936:1800:0/64`. */
export interface PrefixedLan {
  name: string;
  value: string;
  lines: number[];
}

type Parsed<T> = { done: false } | { done: true; value: T | undefined };

/** True when a parsed config modelled anything at all: a header, an interface, a tunnel, a filter … */
function configRecognized(c: RtxConfig): boolean {
  return (
    c.header.model !== null ||
    c.ngnTypes.length > 0 ||
    c.ipv6Prefixes.length > 0 ||
    Object.keys(c.interfaces).length > 0 ||
    Object.keys(c.tunnels).length > 0 ||
    c.ipFilters.length + c.ipv6Filters.length > 0 ||
    Object.keys(c.natDescriptors).length > 0 ||
    c.routes.length > 0 ||
    c.schedules.length > 0
  );
}

/** The target of `ping6 [options] TARGET` / `ping [options] TARGET`: the last word that is not an option value. */
function pingTarget(command: string): string | null {
  const words = command.split(' ').slice(1);
  // RTX ping options take a value (`-c 3`, `-s 1400`, `-w 2`, `-sa X`); the target is what is left last.
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w.startsWith('-')) {
      i++;
      continue;
    }
    rest.push(w);
  }
  const target = rest[0];
  return target === undefined || target === '' ? null : target;
}

export function createRtxFacts(ctx: OutputSource): RtxFacts {
  const cache = new Map<string, Parsed<unknown>>();

  /**
   * The command actually present for a fact: the whole one, else the last narrowed read of it in the input
   * (`show nat descriptor address 1`, `show log reverse`; command-variants.ts).
   */
  const commandFor = (key: keyof typeof RTX_COMMANDS): string => {
    const base = RTX_COMMANDS[key];
    if (ctx.output(base)) return base;
    const last = ctx.readsOf(base).at(-1);
    return last ? canonicalCommand(last.command) : base;
  };

  /** Parse a command's output once; garbage becomes undefined plus a note. */
  function parsed<T>(command: string, parse: (text: string) => T, recognized: (value: T) => boolean): T | undefined {
    const hit = cache.get(command) as Parsed<T> | undefined;
    if (hit?.done) return hit.value;
    const out = ctx.output(command);
    let value: T | undefined;
    // A narrowed read that matched nothing is an answer ("no such lines"), not garbage.
    if (out && out.output.trim() === '' && isNarrowed(out.command)) {
      value = parse('');
    } else if (out) {
      const what = `the output of "${out.command}"`;
      const r = safeParse(parse, out.output, { what });
      if (!r.ok) ctx.notes.push(r.message);
      else {
        if (r.message !== null) ctx.notes.push(r.message);
        if (recognized(r.value)) value = r.value;
        else if (r.message === null) ctx.notes.push(`Nothing in ${what} looks like the output of "${command}"; its facts are treated as unknown.`);
      }
    }
    cache.set(command, { done: true, value });
    return value;
  }

  const shown = (v: { recognized: boolean }): boolean => v.recognized;

  const pings = (prefix: 'ping' | 'ping6'): ObservedPing[] => {
    const byTarget = new Map<string, ObservedPing>();
    for (const o of ctx.input.outputs) {
      if (o.status !== 'ok') continue;
      const command = canonicalCommand(o.command);
      if (!command.startsWith(`${prefix} `)) continue;
      const target = pingTarget(command);
      if (target === null) continue;
      const r = safeParse(prefix === 'ping6' ? parsePing6 : parsePing, o.output, { what: `the output of "${command}"` });
      if (!r.ok) {
        ctx.notes.push(r.message);
        continue;
      }
      // A ping that printed only an error (`Error: …`) is still evidence (e.g. a name that did not resolve).
      if (!r.value.recognized && r.value.errors.length === 0) {
        ctx.notes.push(`Nothing in the output of "${command}" looks like ping output; it is treated as unknown.`);
        continue;
      }
      byTarget.set(target.toLowerCase(), { command, target, result: r.value });
    }
    return [...byTarget.values()];
  };

  /**
   * Every read of the log, each parsed once, turned oldest-first (a reverse read), merged in time order; a line
   * read twice (two greps matching it) counts once. One whole `show log` stays exactly as printed.
   */
  const mergedLog = (): ObservedLog | undefined => {
    const parts: ObservedLog[] = [];
    for (const o of ctx.readsOf(RTX_COMMANDS.log)) {
      const command = canonicalCommand(o.command);
      const log = parsed(command, parseShowLog, shown);
      if (!log) continue;
      const reversed = readForm(command).reversed;
      const order = <T>(xs: T[]): T[] => (reversed ? [...xs].reverse() : xs);
      parts.push({ entries: order(log.entries).map((e) => ({ ...e, command: o.command })), events: order(log.events).map((e) => ({ ...e, command: o.command })) });
    }
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    const merge = <T extends { time: string | null; command: string; lines: number[] }>(xs: T[], key: (x: T) => string): T[] => {
      const seen = new Set<string>();
      return xs
        .map((x, i) => ({ x, i }))
        .sort((a, b) => (a.x.time ?? '').localeCompare(b.x.time ?? '') || a.i - b.i)
        .map((p) => p.x)
        .filter((x) => {
          const k = `${x.time} ${key(x)}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
    };
    return {
      entries: merge(parts.flatMap((p) => p.entries), (e) => e.message),
      events: merge(parts.flatMap((p) => p.events), (e) => JSON.stringify({ ...e, command: undefined, lines: undefined })),
    };
  };

  let log: ObservedLog | undefined;

  /** The latest status of a tunnel, with the remote endpoint it really had (see ObservedTunnel.remote). */
  const observedTunnel = (command: string, status: TunnelStatus, parse: (text: string) => { tunnels: TunnelStatus[] }): ObservedTunnel => {
    const real = (t: TunnelStatus | undefined) => (t?.remoteEndpoint && normalizeIpv6(t.remoteEndpoint.value) ? t.remoteEndpoint : null);
    const latest = real(status);
    const remoteRedacted = isPlaceholder(status.remoteEndpoint?.value);
    if (latest) return { command, status, remote: { value: latest.value, evidence: ctx.evidence(command, latest.lines), earlier: false }, remoteRedacted };
    if (remoteRedacted) {
      const blocks = ctx.outputsOf(command);
      for (const block of blocks.slice(0, -1).reverse()) {
        const r = safeParse(parse, block.output, { what: `the output of "${block.command}" at line ${block.firstLine}` });
        const earlier = r.ok ? real(r.value.tunnels.find((t) => t.id === status.id)) : null;
        if (earlier) return { command, status, remote: { value: earlier.value, evidence: ctx.evidenceIn(block, earlier.lines), earlier: true }, remoteRedacted };
      }
    }
    return { command, status, remote: null, remoteRedacted };
  };

  let pings6: ObservedPing[] | undefined;
  let pings4: ObservedPing[] | undefined;
  let device: RtxFacts['device'] | undefined;
  const lineCache = new Map<string, string[]>();

  const facts: RtxFacts = {
    get config() {
      return parsed(RTX_COMMANDS.config, parseRtxConfig, (c) => {
        for (const n of c.notes) ctx.notes.push(`show config: ${n}`);
        return configRecognized(c);
      });
    },
    get environment() {
      return parsed(RTX_COMMANDS.environment, (t) => parseShowEnvironment(t), (e) => e.model !== null);
    },
    get ipip() {
      return parsed(RTX_COMMANDS.ipip, parseShowStatusIpip, shown);
    },
    get dhcp6() {
      return parsed(RTX_COMMANDS.dhcp6, parseShowStatusIpv6Dhcp, shown);
    },
    get ipv6Address() {
      return parsed(RTX_COMMANDS.ipv6Address, parseShowIpv6Address, shown);
    },
    get ipRoute() {
      return parsed(RTX_COMMANDS.ipRoute, parseShowIpRoute, shown);
    },
    get ipv6Route() {
      return parsed(RTX_COMMANDS.ipv6Route, parseShowIpv6Route, shown);
    },
    get nat() {
      return parsed(commandFor('nat'), parseShowNatDescriptorAddress, shown);
    },
    get log() {
      return (log ??= mergedLog());
    },
    tunnelStatus(id) {
      const command = statusTunnelCommand(id);
      const own = parsed(command, parseShowStatusTunnel, shown)?.tunnels.find((t) => t.id === id);
      if (own) return observedTunnel(command, own, parseShowStatusTunnel);
      const fromIpip = facts.ipip?.tunnels.find((t) => t.id === id);
      return fromIpip ? observedTunnel(RTX_COMMANDS.ipip, fromIpip, parseShowStatusIpip) : undefined;
    },
    get pings6() {
      return (pings6 ??= pings('ping6'));
    },
    get pings4() {
      return (pings4 ??= pings('ping'));
    },
    get device() {
      if (device !== undefined) return device;
      const env = facts.environment;
      const cfg = facts.config;
      const boot = facts.log?.events.findLast((e) => e.kind === 'boot');
      if (env?.model && env.firmware) {
        device = { model: env.model, firmware: env.firmware, source: RTX_COMMANDS.environment, lines: env.lines.model ? [env.lines.model.line] : [] };
      } else if (cfg?.header.model && cfg.header.firmware) {
        device = { model: cfg.header.model, firmware: cfg.header.firmware, source: RTX_COMMANDS.config, lines: cfg.header.lines.slice(0, 1) };
      } else if (boot?.kind === 'boot') {
        device = { model: boot.model, firmware: boot.firmware, source: boot.command, lines: boot.lines };
      } else device = null;
      // The lead's context takes the device from the input; when the input did not name it, what the
      // router printed about itself is the best we have (the engine reports ctx.device).
      if (device && !ctx.device) ctx.device = { model: device.model, firmware: device.firmware };
      return device;
    },
    get cmd() {
      return { ...RTX_COMMANDS, log: commandFor('log'), nat: commandFor('nat') };
    },
    get tunnel() {
      const cfg = facts.config;
      return cfg ? ipv4Tunnel(cfg) : null;
    },
    get wan() {
      const cfg = facts.config;
      return cfg ? wanInterfaceOf(cfg) : null;
    },
    get prefixedLan() {
      const cfg = facts.config;
      return cfg ? prefixedLanAddress(cfg, wanInterfaceOf(cfg)) : null;
    },
    lineText(command, line) {
      const key = canonicalCommand(command);
      let lines = lineCache.get(key);
      if (!lines) {
        lines = (ctx.output(key)?.output ?? '').replace(/\r\n?/g, '\n').split('\n');
        lineCache.set(key, lines);
      }
      const raw = (lines[line - 1] ?? '').trim();
      const hash = raw.search(/[ \t]#/);
      return hash >= 0 ? raw.slice(0, hash).trimEnd() : raw;
    },
  };
  return facts;
}

/** The tunnel that carries IPv4: the default route's, else the lowest-numbered MAP-E/IPIP tunnel. */
export function ipv4Tunnel(cfg: RtxConfig): TunnelConfig | null {
  const def = cfg.routes.find((r) => r.family === 'ipv4' && r.destination === 'default' && r.gateway.kind === 'tunnel');
  const viaDefault = def ? cfg.tunnels[Number(def.gateway.value)] : undefined;
  const carries = (t: TunnelConfig | undefined): boolean => t?.encapsulation?.value === 'map-e' || t?.encapsulation?.value === 'ipip';
  if (viaDefault && carries(viaDefault)) return viaDefault;
  const all = Object.values(cfg.tunnels).sort((a, b) => a.id - b.id);
  return all.find(carries) ?? null;
}

/** The NGN-facing interface: where prefixes are learned from, else the DHCPv6 client, else `ngn type`. */
export function wanInterfaceOf(cfg: RtxConfig): string | null {
  const fromPrefix = cfg.ipv6Prefixes.find((p) => p.fromInterface)?.fromInterface;
  if (fromPrefix) return fromPrefix;
  const client = Object.values(cfg.interfaces).find((i) => i.dhcp6Service?.role === 'client');
  if (client) return client.name;
  return cfg.ngnTypes[0]?.interface ?? null;
}

/** `dhcp-prefix@lan2::1b:5936:1800:0/64` → the part after the interface (`::1b:5936:1800:0`), or null. */
export function prefixSuffix(value: string): string | null {
  const m = /^(?:ra|dhcp)-prefix@[a-z]+\d*(?:\/\d+)?(::?[^/\s]*)(?:\/\d{1,3})?$/i.exec(value.trim());
  return m?.[1] ?? null;
}

/** The 128-bit value of a suffix such as `::1b:5936:1800:0`, or null (placeholders). */
export function suffixValue(suffix: string): bigint | null {
  try {
    return new Address6(suffix.startsWith('::') ? suffix : `:${suffix}`).bigInt();
  } catch {
    return null;
  }
}

/**
 * The LAN address built on the line's prefix. A LAN may carry both the router's plain address (`::1`) and the
 * fixed-IP CE (`::cb:71:a00:0`, `::feed`, added beside it by a set-up): any other suffix wins over `::1` (and `::`).
 */
function prefixedLanAddress(cfg: RtxConfig, wan: string | null): PrefixedLan | null {
  const names = Object.keys(cfg.interfaces).sort((a, b) => (a === 'lan1' ? -1 : b === 'lan1' ? 1 : a.localeCompare(b)));
  let first: PrefixedLan | null = null;
  for (const name of names) {
    if (name === wan) continue;
    for (const a of cfg.interfaces[name]?.ipv6Addresses ?? []) {
      const suffix = prefixSuffix(a.value);
      if (suffix === null) continue;
      const found = { name, value: a.value, lines: a.lines };
      const v = suffixValue(suffix);
      if (v !== null && v > 1n) return found;
      first ??= found;
    }
  }
  return first;
}
