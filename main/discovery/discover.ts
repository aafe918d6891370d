import type { DiscoveredHostView, DiscoveredSerialView, DiscoveryView } from '../../shared/ipc/views.js';
import { listSerialPorts } from '../transports/serial-transport.js';
import { defaultGateways } from './gateways.js';
import { macFromEui64, neighbourTable, type Neighbour } from './neighbours.js';
import { probeConsolePorts } from './probe-ports.js';
import { usbNames } from './usb-serial-names.js';
import { yamahaOrganisation } from './yamaha-oui.js';

export interface DiscoverOptions {
  /** Addresses the user typed; they are probed like the gateways. Nothing else is: no network sweep. */
  addresses?: readonly string[];
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /** Leave the serial ports out (the CLI's --no-serial, or a system without serialport). */
  serial?: boolean;
  /** Leave the default gateways out (only typed addresses, if any). */
  gateways?: boolean;
}

/**
 * Finding the router without typing: this PC's default gateways (IPv4, and IPv6 via the RA router), plus the
 * addresses the user typed, and for each which of ports 23, 22 and 80 answer and whose MAC it has (Yamaha's
 * blocks named); the serial ports with their USB names. Only those addresses are ever contacted.
 */
export async function discover(opts: DiscoverOptions = {}): Promise<DiscoveryView> {
  const platform = opts.platform ?? process.platform;
  const gateways = opts.gateways === false ? [] : await defaultGateways(platform);
  const targets = [
    ...gateways.map((g) => ({ address: g.address, family: g.family, source: 'gateway' as const, interface: g.interface })),
    ...(opts.addresses ?? []).map((a) => ({ address: a.trim(), family: (a.includes(':') ? 6 : 4) as 4 | 6, source: 'typed' as const, interface: null })),
  ].filter((t, i, all) => t.address && all.findIndex((u) => u.address.toLowerCase() === t.address.toLowerCase()) === i);
  const probed = await Promise.all(targets.map(async (t) => ({ ...t, ports: await probeConsolePorts(t.address, opts.timeoutMs) })));
  // After the probes the neighbour table holds the MACs of those that are on the LAN.
  const neighbours = probed.length ? await neighbourTable(platform) : [];
  const hosts = probed.map((t): DiscoveredHostView => {
    const fromTable = lookup(neighbours, t.address);
    const fromAddress = fromTable ? null : macFromEui64(t.address);
    const mac = fromTable ?? fromAddress;
    const organisation = mac ? yamahaOrganisation(mac) : null;
    const { sshBanner, ...ports } = t.ports;
    return {
      address: t.address,
      family: t.family,
      source: t.source,
      interface: t.interface,
      mac,
      macSource: fromTable ? 'neighbour' : fromAddress ? 'eui64' : null,
      vendor: organisation,
      yamaha: organisation !== null,
      ports,
      sshBanner,
      suggested: ports.ssh ? 'ssh' : ports.telnet ? 'telnet' : null,
    };
  });
  const serialPorts = opts.serial === false ? [] : await serialWithNames();
  return { hosts, serialPorts };
}

function lookup(neighbours: Neighbour[], address: string): string | null {
  const a = address.toLowerCase();
  const bare = a.replace(/%.*$/, '');
  return neighbours.find((n) => n.address === a)?.mac ?? neighbours.find((n) => n.address.replace(/%.*$/, '') === bare)?.mac ?? null;
}

async function serialWithNames(): Promise<DiscoveredSerialView[]> {
  const ports = await listSerialPorts().catch(() => []);
  return ports.map((p) => {
    const names = usbNames(p.vendorId, p.productId);
    return { ...p, ...(names.vendor ? { usbVendor: names.vendor } : {}), ...(names.product ? { usbProduct: names.product } : {}) };
  });
}
