/**
 * HB46PP for a router's diagnosis: the router itself cannot be asked to fetch it, so this computer asks, over the
 * line's DNS servers the router learned by DHCPv6 (`show status ipv6 dhcp`: `DNS server[1]: …`). The computer sits
 * behind the router on the same delegated prefix, which is what the provisioning server answers by.
 */
import type { CommandOutput } from '../../shared/diagnosis/input.js';
import { parseShowStatusIpv6Dhcp } from '../../shared/rtx/show/show-status-ipv6-dhcp.js';
import type { ProvisioningRecord } from '../../shared/provisioning/index.js';
import { lookupProvisioning } from './hb46pp-client.js';
import { nodeProvisioningIo } from './io-node.js';

/** The line's DNS servers an RTX shows (DHCPv6 client leases), in order. */
export function routerLineDns(outputs: readonly CommandOutput[]): string[] {
  const o = outputs.find((x) => x.command === 'show status ipv6 dhcp' && x.status === 'ok');
  if (!o) return [];
  const servers = parseShowStatusIpv6Dhcp(o.output).interfaces.filter((i) => i.role === 'client').flatMap((i) => i.dnsServers.map((d) => d.value));
  return [...new Set(servers.filter((s) => s.includes(':')))];
}

export function provisioningForRouter(outputs: readonly CommandOutput[], opts: { timeoutMs?: number } = {}): Promise<ProvisioningRecord> {
  return lookupProvisioning(nodeProvisioningIo({ dnsServers: routerLineDns(outputs) }), { wan: 'the router', ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
}
