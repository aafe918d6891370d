/** Reads what `--replace-existing NAME` needs to re-create the user's tunnel exactly (existing-tunnel.ts). */
import { MessageError, type Message } from '../../shared/i18n/message.js';
import { ceText } from '../../shared/linux/datapath/text.js';
import { parseIpAddrJson, parseIpRouteJson, parseIpTunnelText } from '../../shared/linux/index.js';
import type { ExistingTunnel } from '../../shared/linux/datapath/existing-tunnel.js';
import { isInterfaceName } from '../../shared/linux/datapath/sh.js';
import type { Target } from './target.js';

export class ExistingTunnelError extends MessageError {
  override name = 'ExistingTunnelError';
  constructor(text: Message) {
    super('ce-existing-tunnel', text);
  }
}

export async function readExistingTunnel(target: Target, ip: string, name: string): Promise<ExistingTunnel> {
  if (!isInterfaceName(name)) throw new ExistingTunnelError(ceText('INTERFACE_NAME_INVALID', { name }));
  const show = await target.run(`${ip} -6 tunnel show ${name}`);
  const params = show.exitCode === 0 ? parseIpTunnelText(show.output).tunnels.find((t) => t.name === name) : undefined;
  if (!params) throw new ExistingTunnelError(ceText('TUNNEL_TO_REPLACE_MISSING', { name, said: show.output.trim() || ceText('TUNNEL_SHOW_EMPTY') }));
  const link = await target.run(`${ip} -j -d link show dev ${name}`);
  const linkJson = JSON.parse(link.output || '[]') as { mtu?: number; flags?: string[] }[];
  const addr = await target.run(`${ip} -j addr show dev ${name}`);
  const addresses = parseIpAddrJson(addr.output || '[]', { command: `ip -j addr show dev ${name}` }).addresses;
  const routes = [];
  for (const family of ['inet', 'inet6'] as const) {
    const r = await target.run(`${ip} -j -${family === 'inet' ? 4 : 6} route show table all`);
    routes.push(...parseIpRouteJson(r.output || '[]', { family }).routes.filter((x) => x.dev === name));
  }
  const { evidence: _evidence, name: _name, ...tunnelParams } = params;
  return {
    name,
    params: tunnelParams,
    mtu: linkJson[0]?.mtu ?? null,
    up: linkJson[0]?.flags?.includes('UP') ?? false,
    addresses,
    routes,
  };
}
