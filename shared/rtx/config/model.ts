/** Empty records the config parser fills in; kept apart so the parser reads as rules only. */
import type { InterfaceConfig, NatDescriptor, RtxConfig, TunnelConfig } from './types.js';

export function emptyConfig(): RtxConfig {
  return {
    header: { model: null, firmware: null, lines: [] },
    ngnTypes: [],
    ipv6Prefixes: [],
    interfaces: {},
    tunnels: {},
    ipFilters: [],
    ipv6Filters: [],
    dynamicFilters: [],
    natDescriptors: {},
    routes: [],
    schedules: [],
    embeddedFiles: [],
    dns: { servers: [], other: [] },
    secretLines: [],
    console: [],
    unknown: [],
    notes: [],
  };
}

export function emptyInterface(name: string): InterfaceConfig {
  return {
    name,
    ipAddress: null,
    ipv6Addresses: [],
    prefixChangeLog: null,
    dhcp6Service: null,
    rtadv: null,
    ipFilterIn: null,
    ipFilterOut: null,
    ipv6FilterIn: null,
    ipv6FilterOut: null,
    natDescriptors: null,
    mtu: null,
  };
}

export function emptyTunnel(id: number): TunnelConfig {
  return {
    id,
    selectLines: [],
    encapsulation: null,
    mapeType: null,
    endpointAddress: null,
    endpointName: null,
    endpointLocal: null,
    mtu: null,
    tcpMssLimit: null,
    ipFilterIn: null,
    ipFilterOut: null,
    ipv6FilterIn: null,
    ipv6FilterOut: null,
    natDescriptors: null,
    ipAddress: null,
    enabled: null,
    description: null,
  };
}

export function emptyNat(id: number): NatDescriptor {
  return { id, type: null, outer: null, inner: null, portRanges: null, statics: [] };
}

/** Get or create a record entry (records are keyed by interface name / tunnel / descriptor number). */
export function entry<K extends string | number, V>(record: Record<K, V>, key: K, make: () => V): V {
  const found = record[key] as V | undefined;
  if (found !== undefined) return found;
  const made = make();
  record[key] = made;
  return made;
}
